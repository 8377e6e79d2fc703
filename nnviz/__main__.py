"""``python -m nnviz`` runs the app."""

import sys

from nnviz.app.cli import main

sys.exit(main())
