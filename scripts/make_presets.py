"""Train every preset's recipe (``assets/presets/<name>.toml``) and write the session it
ends in beside it (``<name>.nnviz``), replacing the old one atomically.

    python scripts/make_presets.py            # every preset
    python scripts/make_presets.py sine-lr-good

A recipe may be a new file with no result yet: it is trained and written too.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from nnviz.app.presets import Preset, train_preset
from nnviz.app.session_file import save_session
from nnviz.resources import resource_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="presets to write (default: all)")
    args = parser.parse_args(argv)
    folder = resource_path("assets", "presets")
    recipes = {p.stem: p for p in sorted(folder.glob("*.toml"))}
    unknown = set(args.names) - set(recipes)
    if unknown:
        print(f"no recipe for {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for name in args.names or recipes:
        recipe = recipes[name]
        started = time.perf_counter()
        saved = train_preset(Preset(name, recipe, recipe.with_suffix(".nnviz")))
        save_session(recipe.with_suffix(".nnviz"), saved, overwrite=True)
        size = recipe.with_suffix(".nnviz").stat().st_size
        took = time.perf_counter() - started
        print(f"{name}: epoch {saved.run.epoch}, {size / 1024:.0f} KiB, {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
