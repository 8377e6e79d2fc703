"""Print the layout audit: overlaps, overhangs, type size, contrast and touch targets of
every registered scene in every theme at 1024×768, 1280×720, 1920×1080 and 3840×2160.

    python scripts/audit_layout.py               # every scene
    python scripts/audit_layout.py cell -v       # one scene, with every finding
    python scripts/audit_layout.py --mode kiosk  # the kiosk layouts, 64 px touch floor
    python scripts/audit_layout.py --write-allowance tests/app/layout_allowance.json
    python scripts/audit_layout.py --lessons     # every shipped lesson, step by step
    python scripts/audit_layout.py --lessons --write-allowance tests/app/lesson_allowance.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from nnviz.app.layout_audit import allowance, audit_all, table
from nnviz.app.lesson_audit import audit_lesson
from nnviz.app.lessons import shipped_lessons
from nnviz.scenes.registry import REGISTRY
from nnviz.ui.mode import MODES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*", choices=[[], *REGISTRY], default=[])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    parser.add_argument("--mode", choices=list(MODES), default="desktop",
                        help="lay the scenes out for this mode (default: desktop)")
    parser.add_argument(
        "--lessons", action="store_true", help="audit each shipped lesson's steps instead"
    )
    parser.add_argument(
        "--write-allowance", type=Path, metavar="JSON",
        help="write today's counts as the test's allow-list (only after fixing, never to hide)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.write_allowance and args.mode != "desktop":
        parser.error("the allow-list holds the desktop layout: --write-allowance needs "
                     "--mode desktop")
    if args.lessons:
        cells = [cell for name in shipped_lessons() for cell in audit_lesson(name).values()]
    else:
        cells = audit_all(tuple(args.scenes) or tuple(REGISTRY), mode=args.mode)
    print(table(cells))
    if args.verbose:
        for c in cells:
            for line in dict.fromkeys(c.examples):
                print(f"{c.scene} {c.theme} {c.size[0]}x{c.size[1]} {line}")
    if args.write_allowance:
        text = json.dumps(allowance(cells), indent=1, sort_keys=True)
        args.write_allowance.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
