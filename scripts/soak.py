"""Soak test: the kiosk runs headless for a long time; memory and GL objects must stay flat.

    python scripts/soak.py [--frames N | --hours H] [--size 640x360] [--report-every N]
                           [--seed S]

The kiosk shell runs the explorers through the real loop on a headless EGL context, with
training on the frame clock. Its clock is the frame clock too (1/60 s a frame), so the
attract loop and the resets come at their configured times in frames, however fast the
machine draws: visitors arrive at random, tap and drag at random places every few
seconds for a while, sometimes switch explorer, then leave; the exhibit goes to its
attract loop and resets until the next one.

Every ``--report-every`` frames one line gives the resident memory (RSS), the number of
Python objects the collector tracks and the live moderngl objects (buffers, textures,
framebuffers, vertex arrays, programs not yet released). The last line compares the end
with the first report after warm-up (the first fifth of the run):

    soak frames=… rss_mb=… rss_growth=…% py_objects_growth=… gl_objects_growth=… restarts=…
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import moderngl

from nnviz.anim.clock import AnimClock, FrameTimer, SimClock
from nnviz.app.kiosk.config import KioskConfig
from nnviz.app.kiosk.fault_log import close_fault_log, open_fault_log
from nnviz.app.kiosk.notify import Notifier
from nnviz.app.kiosk.shell import KioskShell
from nnviz.app.loop import App
from nnviz.app.proc_stats import rss_mb
from nnviz.app.window import HeadlessWindow
from nnviz.render.renderer import Renderer
from nnviz.scenes.base import SceneServices
from nnviz.ui import events as ev
from nnviz.ui.mode import KIOSK
from nnviz.ui.theme import theme_by_name

DT = 1 / 60
GL_TYPES = (moderngl.Buffer, moderngl.Texture, moderngl.Framebuffer, moderngl.VertexArray,
            moderngl.Program, moderngl.Renderbuffer, moderngl.Sampler)


@dataclass(frozen=True)
class Sample:
    frame: int
    rss_mb: float
    py_objects: int
    gl_objects: int


def _live_gl(obj: object) -> bool:
    try:
        return isinstance(obj, GL_TYPES) and not isinstance(obj.mglo, moderngl.InvalidObject)
    except ReferenceError:  # a weak proxy among gc's objects whose referent is gone
        return False


def live_gl_objects() -> int:
    """moderngl objects alive and not released (a leak grows this)."""
    return sum(1 for obj in gc.get_objects() if _live_gl(obj))


def sample(frame: int) -> Sample:
    gc.collect()
    return Sample(frame, rss_mb(), len(gc.get_objects()), live_gl_objects())


class FrameClock:
    """The kiosk's clock: frames × dt, so timeouts come at fixed frames."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


class Visitors:
    """Arrive, tap and drag every few seconds, maybe switch explorer, leave."""

    def __init__(self, rng: random.Random, size: tuple[int, int], explorers: tuple[str, ...],
                 reset_s: float):
        self.rng = rng
        self.reset_s = reset_s
        self.size = size
        self.explorers = explorers
        self.next_event = 0.0
        self.leaves_at = 0.0

    def act(self, t: float, shell: KioskShell, window: HeadlessWindow) -> None:
        if t < self.next_event:
            return
        rng = self.rng
        if t >= self.leaves_at:  # the next visitor comes after an absence
            # Absences around the reset time: some end in the attract loop, some in a reset.
            self.next_event = t + rng.uniform(0.3, 1.8) * self.reset_s
            self.leaves_at = self.next_event + rng.uniform(0.1, 0.8) * self.reset_s
            return
        self.next_event = t + rng.uniform(1.0, 5.0)
        w, h = self.size
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        if rng.random() < 0.1 and len(self.explorers) > 1:
            shell.switch(rng.choice(self.explorers))
        elif rng.random() < 0.3:
            window.inject(ev.Wheel(x, y, rng.choice([-1.0, 1.0]), pinch=True))
        else:
            dx, dy = rng.uniform(-80, 80), rng.uniform(-80, 80)
            window.inject(ev.PointerDown(x, y, pointer=1, touch=True),
                          ev.PointerMove(x + dx, y + dy, pointer=1, touch=True, pressed=True),
                          ev.PointerUp(x + dx, y + dy, pointer=1, touch=True))


def soak(frames: int, size: tuple[int, int], report_every: int, seed: int,
         attract_s: float = 90.0, reset_s: float = 120.0, train_to_epoch: int = 40,
         ) -> tuple[list[Sample], int]:
    """Run the kiosk for ``frames`` frames; print and return the samples and the number
    of explorers rebuilt after a fault."""
    rng = random.Random(seed)
    window = HeadlessWindow(size)
    window.ctx.gc_mode = "context_gc"
    renderer = Renderer(window.ctx)
    services = SceneServices(renderer=renderer, theme=theme_by_name("light"),
                             sim_clock=SimClock(), anim_clock=AnimClock(), size=size,
                             mode=KIOSK, seed=seed, threaded_training=False)
    with tempfile.TemporaryDirectory() as state:
        config = KioskConfig(explorers=("overview", "cell"), attract_after_s=attract_s,
                             reset_after_s=reset_s, train_to_epoch=train_to_epoch,
                             state_dir=Path(state))
        log = open_fault_log(config.state_dir, echo=False)
        clock = FrameClock()
        shell = KioskShell(services, config, log, now=clock, notifier=Notifier(environ={}))
        app = App(window, renderer, shell, FrameTimer(fixed_dt=DT), mode=config.mode(),
                  idle_enabled=False)
        visitors = Visitors(rng, size, config.explorers, reset_s)
        samples: list[Sample] = []
        try:
            app.sync_layout()
            for frame in range(1, frames + 1):
                clock.t = frame * DT
                visitors.act(clock.t, shell, window)
                app.step_frame()
                if frame % report_every == 0 or frame == frames:
                    s = sample(frame)
                    samples.append(s)
                    print(f"frame={s.frame} t={clock.t:.0f}s rss_mb={s.rss_mb:.1f} "
                          f"py_objects={s.py_objects} gl_objects={s.gl_objects} "
                          f"attracting={shell.attracting}", flush=True)
        finally:
            restarts = shell.restarts
            shell.close()
            close_fault_log(log)
            window.close()
    # Growth is counted after warm-up: the first fifth of the run, which holds the first
    # attract loop and reset (the renderer makes a layer's GPU buffers on first use).
    base = next(x for x in samples if x.frame >= frames // 5)
    end = samples[-1]
    growth = 100.0 * (end.rss_mb - base.rss_mb) / base.rss_mb if base.rss_mb else 0.0
    print(f"soak frames={frames} rss_mb={end.rss_mb:.1f} rss_growth={growth:.2f}% "
          f"py_objects_growth={end.py_objects - base.py_objects} "
          f"gl_objects_growth={end.gl_objects - base.gl_objects} restarts={restarts}")
    return samples, restarts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    length = p.add_mutually_exclusive_group()
    length.add_argument("--frames", type=int, default=20_000)
    length.add_argument("--hours", type=float, help="frames for this many hours at 60 fps")
    p.add_argument("--size", default="640x360")
    p.add_argument("--report-every", type=int, default=0, help="frames (default: 20 reports)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--attract-s", type=float, default=90.0)
    p.add_argument("--reset-s", type=float, default=120.0)
    p.add_argument("--train-to-epoch", type=int, default=40)
    args = p.parse_args(argv)
    frames = round(args.hours * 3600 / DT) if args.hours else args.frames
    if frames < 1:
        p.error("the run needs at least one frame")
    w, h = (int(v) for v in args.size.lower().split("x"))
    soak(frames, (w, h), args.report_every or max(1, frames // 20), args.seed,
         args.attract_s, args.reset_s, args.train_to_epoch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
