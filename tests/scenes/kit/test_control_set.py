"""Kiosk layouts: fewer controls, each at least the kiosk's 64 px at 1080p."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import parse_options
from nnviz.app.window import HeadlessWindow

SIZE = (1920, 1080)


@pytest.fixture
def explorer():
    """``make(mode)``: the explorer as that mode lays it out (without the kiosk's shell)."""
    made = []

    def make(mode: str):
        options = parse_options(["--headless", "--fixed-dt", "0.016667", "--size",
                                 f"{SIZE[0]}x{SIZE[1]}", "--mode", mode])
        options = replace(options, kiosk=None)
        window = HeadlessWindow(options.size)
        app = build_app(window, options, FrameTimer(fixed_dt=options.fixed_dt))
        app.idle_enabled = False
        app.scene.resize(*window.size)
        made.append(app)
        app.run(2)
        return app.scene

    yield make
    for app in made:
        app.scene.close()
        app.window.close()


def shown(scene, *widgets) -> list[bool]:
    """Whether each widget is on screen (it and every parent visible)."""
    def visible(w) -> bool:
        while w is not None:
            if not w.visible:
                return False
            w = w.parent
        return True

    return [visible(w) for w in widgets]


def control_targets(level) -> np.ndarray:
    """The tap targets the level's controls drew, (n, 4) in pixels."""
    level.layers()
    boxes = [b for name in ("ui", "ui_overlay") for b in level.lists[name].targets]
    return np.array(boxes, dtype=np.float64).reshape(-1, 4)


@pytest.mark.parametrize("level", ["overview", "cell"])
def test_a_kiosk_shows_fewer_controls_than_a_desktop(explorer, level):
    desk, kiosk = getattr(explorer("desktop"), level), getattr(explorer("kiosk"), level)
    names = {
        "overview": ("max_speed", "lockstep", "anim_speed", "history", "live_button",
                     "resume_button", "batch", "noise", "optimizer"),
        "cell": ("anim_speed", "follow", "restart", "unit_slider", "restart_button",
                 "new_weights_button", "compare_rnn", "gate_fn", "candidate"),
    }[level]
    kept = {"overview": ("play_button", "dataset", "learning_rate", "hidden"),
            "cell": ("anim_play", "train_play", "learning_rate", "fix_forget")}[level]
    c_desk, c_kiosk = desk.controls, kiosk.controls
    if hasattr(c_desk, "sections"):  # large type: one section at a time; all of them here
        c_desk.sections.set_compact(False)
    assert all(shown(desk, *(getattr(c_desk, n) for n in names)))
    assert not any(shown(kiosk, *(getattr(c_kiosk, n) for n in names)))
    if hasattr(c_kiosk, "sections"):  # picking a section never brings them back
        for name in c_kiosk.sections.names:
            c_kiosk.sections.set_compact(True)
            c_kiosk.sections.show(name)
            assert not any(shown(kiosk, *(getattr(c_kiosk, n) for n in names)))
        c_kiosk.sections.set_compact(False)
        assert not any(shown(kiosk, *(getattr(c_kiosk, n) for n in names)))
    assert all(shown(kiosk, *(getattr(c_kiosk, n) for n in kept)))
    assert len(control_targets(kiosk)) < len(control_targets(desk))


@pytest.mark.parametrize("level", ["overview", "cell"])
def test_every_kiosk_control_is_at_least_64_px(explorer, level):
    targets = control_targets(getattr(explorer("kiosk"), level))
    sides = np.minimum(targets[:, 2] - targets[:, 0], targets[:, 3] - targets[:, 1])
    assert len(sides) and sides.min() >= 64 - 0.5
