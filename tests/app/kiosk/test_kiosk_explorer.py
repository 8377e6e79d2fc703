"""The kiosk shell over the real explorer, headless, on a fake clock: a visitor's changes
are all undone at the reset, an injected fault is followed by a drawn frame, a run settles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnviz.anim.clock import AnimClock, FrameTimer, SimClock
from nnviz.app.kiosk.config import KioskConfig
from nnviz.app.kiosk.fault_log import LOG_NAME, close_fault_log, open_fault_log
from nnviz.app.kiosk.notify import Notifier
from nnviz.app.kiosk.shell import KioskShell
from nnviz.app.loop import App
from nnviz.app.window import HeadlessWindow
from nnviz.render.renderer import Renderer, read_pixels
from nnviz.scenes.base import SceneServices
from nnviz.ui import events as ev
from nnviz.ui.mode import KIOSK
from nnviz.ui.theme import theme_by_name

SIZE = (640, 360)


class Clock:
    t = 0.0

    def __call__(self) -> float:
        return self.t


def make_kiosk(tmp_path: Path, **settings: object):
    """(app, shell, clock, cleanup) over the overview explorer, training on the frame clock."""
    window = HeadlessWindow(SIZE)
    window.ctx.gc_mode = "context_gc"
    renderer = Renderer(window.ctx)
    services = SceneServices(renderer=renderer, theme=theme_by_name("light"),
                             sim_clock=SimClock(), anim_clock=AnimClock(), size=SIZE,
                             mode=KIOSK, threaded_training=False)
    config = KioskConfig(attract_after_s=1e6, reset_after_s=120, train_to_epoch=2,
                         state_dir=tmp_path, **settings)  # type: ignore[arg-type]
    log = open_fault_log(tmp_path, echo=False)
    clock = Clock()
    shell = KioskShell(services, config, log, now=clock, notifier=Notifier(environ={}))
    app = App(window, renderer, shell, FrameTimer(fixed_dt=1 / 60), mode=config.mode(),
              idle_enabled=False)

    def cleanup() -> None:
        shell.close()
        close_fault_log(log)
        window.close()

    return app, shell, clock, cleanup


@pytest.fixture
def kiosk(tmp_path: Path):
    """(app, shell, clock) over the overview explorer, training on the frame clock."""
    app, shell, clock, cleanup = make_kiosk(tmp_path)
    yield app, shell, clock
    cleanup()


def values(shell: KioskShell) -> dict[str, object]:
    return {name: obs.value for name, obs in shell.inner.settings}


def test_everything_a_visitor_changed_is_back_at_the_reset(kiosk):
    app, shell, clock = kiosk
    app.run(3)
    defaults = values(shell)
    explorer = shell.inner
    camera_zoom = explorer.overview.camera.zoom
    camera_center = explorer.overview.camera.center
    s = explorer.settings
    s.learning_rate.set(s.learning_rate.value * 3)
    s.hidden.set(s.hidden.value + 4)
    s.fix_forget.set(not s.fix_forget.value)
    s.anim_speed.set(3.0)
    explorer.overview.camera.zoom_at((100.0, 100.0), 1.5)
    explorer.overview.camera.pan_pixels(40.0, 20.0)
    explorer.zoom_in(0)
    app.run(app.frames_drawn + 3)
    assert values(shell) != defaults
    clock.t = 121.0
    app.run(app.frames_drawn + 3)
    fresh = shell.inner
    assert fresh is not explorer
    assert values(shell) == defaults
    assert not fresh.zooming and fresh.overview.camera.zoom == pytest.approx(camera_zoom)
    assert fresh.overview.camera.center == pytest.approx(camera_center)
    assert shell.services.anim_clock.speed == 1.0


def test_an_injected_fault_is_followed_by_a_drawn_frame(kiosk, tmp_path):
    app, shell, _ = kiosk
    app.run(2)
    broken = shell.inner

    def explode(frame):
        raise ZeroDivisionError("injected")

    broken.update = explode
    drawn = app.frames_drawn
    app.run(drawn + 2)  # the fault, then the first frame of the fresh explorer
    assert shell.restarts == 1 and shell.inner is not broken
    assert app.frames_drawn == drawn + 2 and not app._quit
    pixels = read_pixels(app.window.framebuffer)
    assert len(np.unique(pixels.reshape(-1, 4), axis=0)) > 20
    assert "ZeroDivisionError: injected" in (tmp_path / LOG_NAME).read_text()


def test_a_visitors_run_settles_at_the_configured_epoch(kiosk):
    app, shell, _ = kiosk
    for _ in range(400):
        app.step_frame()
        if shell.inner.session.latest().epoch >= 2:
            break
    app.run(app.frames_drawn + 5)
    snapshot = shell.inner.session.latest()
    assert snapshot.epoch >= 2 and snapshot.status == "paused"


def test_back_leaves_the_cell_and_start_again_restarts(kiosk):
    app, shell, _ = kiosk
    app.run(2)
    explorer = shell.inner
    explorer.zoom_in(0)
    app.run(app.frames_drawn + 90)  # the flight in ends
    assert explorer.level == "cell"
    shell.layers()
    r = shell.bar.rects["back"]
    app.window.inject(ev.PointerDown(r.cx, r.cy, touch=True), ev.PointerUp(r.cx, r.cy, touch=True))
    app.run(app.frames_drawn + 90)
    assert explorer.level == "overview" and shell.inner is explorer
    r = shell.bar.rects["restart"]
    app.window.inject(ev.PointerDown(r.cx, r.cy, touch=True), ev.PointerUp(r.cx, r.cy, touch=True))
    app.run(app.frames_drawn + 2)
    assert shell.inner is not explorer


def test_the_switcher_offers_the_configured_explorers_in_kiosk_sized_buttons(tmp_path: Path):
    window = HeadlessWindow((1280, 720))
    window.ctx.gc_mode = "context_gc"
    renderer = Renderer(window.ctx)
    services = SceneServices(renderer=renderer, theme=theme_by_name("light"),
                             sim_clock=SimClock(), anim_clock=AnimClock(), size=(1280, 720),
                             mode=KIOSK, threaded_training=False)
    config = KioskConfig(explorers=("overview", "sheet"), attract_after_s=1e6,
                         state_dir=tmp_path)
    log = open_fault_log(tmp_path, echo=False)
    shell = KioskShell(services, config, log, now=Clock(), notifier=Notifier(environ={}))
    app = App(window, renderer, shell, FrameTimer(fixed_dt=1 / 60), mode=config.mode(),
              idle_enabled=False)
    try:
        app.run(2)
        strip = shell.inner.overview.switcher
        assert strip.labels() == ["RNN sheet"]  # the file's explorers, no lessons
        button = strip.children()[0]
        assert button.rect.h >= 64 * 720 / 1080 and button.rect.w >= 64 * 720 / 1080
        assert button.rect.right <= min(r.x for r in shell.bar.rects.values())
        r = button.rect
        app.window.inject(ev.PointerDown(r.cx, r.cy, touch=True),
                          ev.PointerUp(r.cx, r.cy, touch=True))
        app.run(app.frames_drawn + 2)
        assert shell.explorer == "sheet" and shell.inner.switcher.labels() == ["LSTM network"]
    finally:
        shell.close()
        close_fault_log(log)
        window.close()

def test_a_drawing_is_forgotten_and_the_configured_data_set_returns_at_the_reset(tmp_path):
    app, shell, clock, cleanup = make_kiosk(tmp_path, dataset="drawn")
    try:
        app.run(3)
        explorer = shell.inner
        assert explorer.session.latest().config.dataset == "drawn"
        explorer.session.train_on_drawing((0.0, 1.0, -1.0, 0.5))
        app.run(app.frames_drawn + 3)
        assert explorer.session.latest().config.curve == (0.0, 1.0, -1.0, 0.5)
        clock.t = 121.0
        app.run(app.frames_drawn + 3)
        config = shell.inner.session.latest().config
        assert shell.inner is not explorer
        assert (config.dataset, config.curve) == ("drawn", ())
        assert shell.inner.overview.drawing.enabled
    finally:
        cleanup()


def test_the_cells_title_bar_text_ends_before_the_kiosks_buttons(kiosk):
    """In the cell the title bar's status (epoch, time step …) is long; the kiosk keeps
    Back and Start again in that bar, and the text ran under them."""
    app, shell, _ = kiosk
    app.run(2)
    explorer = shell.inner
    explorer.zoom_in(0)
    app.run(app.frames_drawn + 90)
    assert explorer.level == "cell"
    shell.layers()
    back = shell.bar.rects["back"]
    bar = [run for dl, _ in explorer.layers() for run in dl.runs if run.y1 < back.bottom]
    # The status ("Epoch 3 · …") where it fits whole, else left off: never cut to "Ep…".
    assert not any(run.text.endswith("…") for run in bar)
    assert all(run.x1 <= back.x for run in bar if run.x0 < back.x)
