"""The layout audit of every step of a lesson, as the hall sees it: lecture mode, the
projector theme and its type floor, at every audited size.

A lesson moves the camera, spotlights a card and puts a big caption over the explorer,
so its steps are layouts no explorer state reaches by itself. Each step is played (its
training finished, synchronously and seeded, as in the hall) and audited like a scene
(:func:`nnviz.ui.audit.audit_frame` over the real draw lists, caption and spotlight
included). ``tests/app/test_lesson_audit.py`` holds the counts to an allow-list that only
shrinks; ``python scripts/audit_layout.py --lessons`` prints them.
"""

from __future__ import annotations

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import parse_options
from nnviz.app.layout_audit import DRIVE_SIZE, SIZES, Cell
from nnviz.app.window import HeadlessWindow
from nnviz.scenes.base import FrameInfo
from nnviz.ui.audit import audit_frame, smallest_em

LESSON_THEME = "projector"
SETTLE_FRAMES = 600
"""At most this many frames for a step's camera flight to land (10 s at 60 fps)."""


def _settle(app) -> None:
    """Let the step's camera flight (a zoom into the cell, back out) land: the hall
    judges the picture the step rests on, not a frame of the transition."""
    limit = app.frames_drawn + SETTLE_FRAMES
    while getattr(app.scene.inner, "zooming", False) and app.frames_drawn < limit:
        app.run(app.frames_drawn + 1)


def audit_lesson(name: str) -> dict[tuple[int, int], Cell]:
    """One cell per size for the shipped lesson ``name``, summed over its steps."""
    options = parse_options(
        ["--headless", "--fixed-dt", "0.016667", "--mode", "lecture", "--lesson", name,
         "--size", f"{DRIVE_SIZE[0]}x{DRIVE_SIZE[1]}"]
    )  # fmt: skip
    window = HeadlessWindow(options.size)
    app = build_app(window, options, FrameTimer(fixed_dt=options.fixed_dt))
    app.idle_enabled = False
    scene = app.scene
    player = scene.player  # type: ignore[attr-defined]
    cells = {size: Cell(f"lesson:{name}", LESSON_THEME, size) for size in SIZES}
    try:
        app.run(1)
        step = 1
        while True:
            player.finish()
            _settle(app)
            for size in SIZES:
                scene.resize(*size)
                scene.update(FrameInfo(dt=0.0, anim_dt=0.0, anim_time=0.0, sim_steps=0,
                                       frame=0))  # fmt: skip
                layers = list(scene.layers())
                findings = audit_frame(layers, size, scene.theme)
                cells[size].add(f"step {step}", findings, smallest_em(layers, size))
            scene.resize(*window.size)
            if not player.next():
                break
            app.run(app.frames_drawn + 1)
            step += 1
    finally:
        scene.close()
        window.close()
    return cells
