"""Render the overview and the cell in every theme at 1280×720 and 1920×1080 into docs/screens/.

Each picture is a headless run with a fixed frame time (so it is reproducible), saved as an
optimised true-colour PNG: a 256-colour palette shifted the very colours these pictures
document (a yellow chip came out orange). Usage::

    python scripts/screens.py [PREFIX [SCENE …]]   # PREFIX e.g. "before" or "after" (default)

Writes ``docs/screens/PREFIX-SCENE-THEME-WxH.png``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SCENES = ("overview", "cell")
KNOWN = ("overview", "cell", "mlp", "sheet", "demo")
THEMES = ("light", "dark", "projector")
SIZES = ((1280, 720), (1920, 1080))
FRAMES = 150
"""Five seconds at 30 fps: a few epochs trained, the cell's step player under way."""


def render(scene: str, theme: str, size: tuple[int, int], out: Path) -> None:
    """One headless run of ``python -m nnviz`` that writes ``out`` (alpha dropped, compressed)."""
    cmd = [sys.executable, "-m", "nnviz", "--headless", "--scene", scene, "--theme", theme,
           "--size", f"{size[0]}x{size[1]}", "--frames", str(FRAMES), "--fixed-dt", "0.0333333",
           "--screenshot", str(out)]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT)
    with Image.open(out) as img:
        rgb = img.convert("RGB")
    rgb.save(out, optimize=True)


def main(prefix: str = "after", *scenes: str) -> None:
    folder = ROOT / "docs" / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    for scene in scenes or SCENES:
        for theme in THEMES:
            for w, h in SIZES:
                out = folder / f"{prefix}-{scene}-{theme}-{w}x{h}.png"
                render(scene, theme, (w, h), out)
                print(out.relative_to(ROOT))


def cli(argv: list[str] | None = None) -> int:
    """Parse the command line (``--help`` prints the usage; an unknown scene is exit 2)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", nargs="?", default="after", help='e.g. "before" or "after"')
    parser.add_argument("scenes", nargs="*", metavar="SCENE",
                        help=f"of {', '.join(KNOWN)} (default: {' '.join(SCENES)})")  # fmt: skip
    args = parser.parse_args(argv)
    unknown = [scene for scene in args.scenes if scene not in KNOWN]
    if unknown:
        parser.error(f"unknown scene {unknown[0]!r}; choose from {', '.join(KNOWN)}")
    main(args.prefix, *args.scenes)
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
