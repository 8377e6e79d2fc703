"""The public package imports no rendering or deep-learning framework."""

from __future__ import annotations

import subprocess
import sys

import nnviz.core


def test_no_forbidden_imports():
    code = (
        "import sys, nnviz.core\n"
        "bad = [m for m in ('pygame', 'moderngl', 'torch') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_exist():
    for name in nnviz.core.__all__:
        assert hasattr(nnviz.core, name), name
