"""First-ever start: seconds from launching the app until it trains, on an
empty cache (no compiled kernels, no font atlas), as a person's first start after
installing it; then the same start again from the cache that run filled.

    python scripts/first_start.py [--scene overview] [--runs 1] [--worker process]

Each start is a fresh ``python`` process with ``XDG_CACHE_HOME`` (and so the kernel and
atlas caches) in a new temporary folder, running the app headless at 1280×720 through
the real loop at most 60 frames a second (as a window's vsync paces it), training as the
app does (its worker process compiles what it needs), and timing from the launch of the
process to the first snapshot with an optimizer step in it (training has begun) and to
the first with a whole epoch (at the overview's default speed, one a second).

The app's background warm-up (a low-priority process compiling the kernels the first
view does not need) outlives the start that launched it; before the next start this
waits until it has finished, so that no start competes with an earlier one's, and
reports when it finished (seconds from that launch).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys, time
from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import parse_options
from nnviz.app.window import HeadlessWindow
sys.path.insert(0, {scripts!r})
from bench_render import session_owner
options = parse_options(["--headless", "--scene", {scene!r}, "--size", "1280x720",
                         "--worker", {worker!r}])
window = HeadlessWindow(options.size)
app = build_app(window, options, FrameTimer(), threaded_training=True)
app.scene.resize(*window.size)
owner = session_owner(app.scene)
deadline = time.monotonic() + 300
due = time.monotonic()
stepped = False
while owner.session.latest().epochs_total == 0:
    if not stepped and owner.session.latest().steps > 0:
        print("FIRST_STEP", time.monotonic(), flush=True)
        stepped = True
    if time.monotonic() > deadline:
        sys.exit("no epoch within 300 s")
    app.step_frame()
    due = max(due + 1 / 60, time.monotonic())  # a window's vsync paces its frames
    time.sleep(max(0.0, due - time.monotonic()))
print("FIRST_EPOCH", time.monotonic(), flush=True)
app.close_scenes()
"""


def start(scene: str, worker: str, cache: Path) -> tuple[float, float, float]:
    """Seconds from launching a fresh process with ``cache`` as its cache folder to the
    scene's first optimizer step (training has begun) and to its first whole epoch, and
    the launch's ``time.monotonic()``."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), SDL_VIDEODRIVER="dummy")
    env.pop("NUMBA_CACHE_DIR", None)
    code = CHILD.format(scripts=str(Path(__file__).parent), scene=scene, worker=worker)
    launched = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=400, cwd=Path(__file__).parents[1])  # fmt: skip
    times = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("FIRST_STEP", "FIRST_EPOCH"):
            times[name] = float(value) - launched
    if "FIRST_EPOCH" not in times:
        raise SystemExit(f"first_start: the app did not train:\n{done.stderr[-2000:]}")
    return times.get("FIRST_STEP", times["FIRST_EPOCH"]), times["FIRST_EPOCH"], launched


def background_done(cache: Path, launched: float, timeout: float = 900.0) -> float:
    """Wait until no background warm-up holds a lock in ``cache``; seconds from
    ``launched`` until then."""
    deadline = time.monotonic() + timeout
    for lock in cache.rglob("nnviz-warmup-*.lock"):
        with open(lock) as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        message = "first_start: the background warm-up did not finish"
                        raise SystemExit(message) from None
                    time.sleep(0.2)
            fcntl.flock(handle, fcntl.LOCK_UN)
    return time.monotonic() - launched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="overview")
    parser.add_argument("--runs", type=int, default=1, help="empty-cache starts to time")
    parser.add_argument("--worker", choices=("process", "thread"), default="process")
    args = parser.parse_args(argv)
    if args.runs < 1:
        print("first_start: --runs must be at least 1", file=sys.stderr)
        return 2
    print(f"CPUs: {os.cpu_count()}; scene {args.scene}, worker {args.worker}")
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="nnviz-first-start-") as folder:
            cache = Path(folder)
            cold = start(args.scene, args.worker, cache)
            rest = background_done(cache, cold[2])
            warm = start(args.scene, args.worker, cache)
            background_done(cache, warm[2])
        print(f"run {run + 1}: empty cache {cold[0]:.1f} s to the first step, {cold[1]:.1f} s "
              f"to the first epoch, the other kernels compiled in the background by "
              f"{rest:.0f} s; from its cache {warm[0]:.1f} s and {warm[1]:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
