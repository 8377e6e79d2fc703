"""The kiosk shell with a fake clock: attract loop, first touch, reset, staff exit, faults."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from nnviz.anim.clock import AnimClock, SimClock
from nnviz.app.kiosk.config import KioskConfig
from nnviz.app.kiosk.fault_log import LOG_NAME, close_fault_log, open_fault_log
from nnviz.app.kiosk.notify import Notifier
from nnviz.app.kiosk.shell import RETRY_S, KioskShell
from nnviz.app.window import HeadlessWindow
from nnviz.render.renderer import Renderer
from nnviz.scenes.base import FrameInfo, Layers, Scene, SceneServices
from nnviz.ui import events as ev
from nnviz.ui.mode import KIOSK
from nnviz.ui.theme import theme_by_name

FRAME = FrameInfo(dt=1 / 60, anim_dt=1 / 60, anim_time=0.0, sim_steps=0, frame=0)
CHORD = ev.KeyDown("q", ctrl=True, shift=True, alt=True)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class Spy(Scene):
    """An explorer that records what reaches it and fails on demand."""

    made: ClassVar[list[Spy]] = []
    fail_next_start = 0

    def __init__(self, services: SceneServices, name: str) -> None:
        if Spy.fail_next_start:
            Spy.fail_next_start -= 1
            raise RuntimeError("cannot start")
        super().__init__(services)
        self.explorer = name
        self.events: list[ev.Event] = []
        self.fail_in: str | None = None
        self.closed = False
        self.changed = False
        Spy.made.append(self)

    def _maybe_fail(self, where: str) -> None:
        if self.fail_in == where:
            raise ValueError(f"injected fault in {where}")

    def handle(self, event: ev.Event) -> bool:
        self._maybe_fail("handle")
        self.events.append(event)
        self.changed = True  # a visitor changed something
        return True

    def update(self, frame: FrameInfo) -> None:
        self._maybe_fail("update")

    def layers(self) -> Layers:
        self._maybe_fail("layers")
        return []

    def close(self) -> None:
        self.closed = True


@pytest.fixture(scope="module")
def renderer():
    """A renderer on its own headless context and atlas, made current here (the shell's
    scenes draw through it)."""
    window = HeadlessWindow((64, 64))
    window.ctx.gc_mode = "context_gc"
    yield Renderer(window.ctx)
    window.close()


@pytest.fixture
def shell(renderer, tmp_path: Path):
    Spy.made = []
    Spy.fail_next_start = 0
    services = SceneServices(
        renderer=renderer,
        theme=theme_by_name("light"),
        sim_clock=SimClock(),
        anim_clock=AnimClock(),
        size=(1280, 720),
        mode=KIOSK,
        threaded_training=False,
    )
    config = KioskConfig(explorers=("overview", "cell"), attract_after_s=90,
                         reset_after_s=120, state_dir=tmp_path)
    log = open_fault_log(tmp_path, echo=False)
    clock = FakeClock()
    made = KioskShell(services, config, log, make_scene=lambda name, s: Spy(s, name),
                      now=clock, notifier=Notifier(environ={}))
    made.resize(1280, 720)
    made.clock = clock  # type: ignore[attr-defined]
    yield made
    made.close()
    close_fault_log(log)


def advance(shell: KioskShell, seconds: float, step: float = 0.5) -> None:
    """Let ``seconds`` of fake time pass, a frame every ``step`` seconds."""
    end = shell.clock.t + seconds  # type: ignore[attr-defined]
    while shell.clock.t < end:  # type: ignore[attr-defined]
        shell.clock.t = min(end, shell.clock.t + step)  # type: ignore[attr-defined]
        shell.update(FRAME)
        shell.layers()


def tap(shell: KioskShell, x: float = 400, y: float = 300) -> None:
    shell.handle(ev.PointerDown(x, y, pointer=3, touch=True))
    shell.handle(ev.PointerMove(x + 2, y, pointer=3, touch=True, pressed=True))
    shell.handle(ev.PointerUp(x + 2, y, pointer=3, touch=True))


def test_the_attract_loop_starts_after_n_seconds_without_touch(shell):
    first = shell.inner
    advance(shell, 89.5)
    assert not shell.attracting and shell.inner is first
    advance(shell, 1.0)
    assert shell.attracting and shell.inner is not first and first.closed
    texts = [dl.arrays()["text"] for dl, _ in shell.layers()]
    assert sum(len(t) for t in texts) >= len("Touchtoexplore")  # the call is drawn


def test_a_touch_keeps_the_attract_loop_away(shell):
    for _ in range(5):
        advance(shell, 60)
        tap(shell)
    assert not shell.attracting


def test_the_first_touch_ends_it_without_pressing_anything(shell):
    advance(shell, 95)
    attract_scene = shell.inner
    tap(shell)
    assert not shell.attracting
    fresh = shell.inner
    assert fresh is not attract_scene and attract_scene.closed
    assert fresh.explorer == "overview" and fresh.events == []  # down, move, up: nowhere
    tap(shell)
    assert [type(e) for e in fresh.events] == [ev.PointerDown, ev.PointerMove, ev.PointerUp]


def test_everything_is_back_to_defaults_after_m_seconds(shell):
    tap(shell)
    visited = shell.inner
    assert visited.changed
    shell.services.anim_clock.speed = 4.0  # a visitor's animation speed
    shell.services.theme = theme_by_name("dark")
    advance(shell, 119.5)
    assert shell.attracting  # the attract loop already shows a fresh explorer
    tap(shell)  # a visitor comes, changes things, leaves
    shell.services.anim_clock.speed = 4.0
    advance(shell, 121)
    assert not shell.inner.changed and shell.inner is not visited
    assert shell.services.anim_clock.speed == 1.0
    assert shell.theme.name == "light"


def test_reset_without_attract(shell):
    shell.config = replace(shell.config, attract_after_s=1e9)
    tap(shell)
    visited = shell.inner
    advance(shell, 119)
    assert shell.inner is visited
    advance(shell, 2)
    assert shell.inner is not visited and visited.closed and not shell.inner.changed
    before = shell.inner
    advance(shell, 200)
    assert shell.inner is before  # once per absence, not every frame


def test_staff_leave_with_the_chord_and_the_right_pin_only(shell):
    assert not shell.wants_quit()
    shell.handle(CHORD)
    assert shell.pad_open
    inner = shell.inner
    for key in "1111":
        shell.handle(ev.KeyDown(key))
    shell.handle(ev.KeyDown("return"))
    assert not shell.wants_quit() and shell.pad_open
    assert inner.events == []  # the pad is modal
    for key in "2468":
        r = shell.pad.keys[key]
        shell.handle(ev.PointerDown(r.cx, r.cy, pointer=1, touch=True))
        shell.handle(ev.PointerUp(r.cx, r.cy, pointer=1, touch=True))
    r = shell.pad.keys["ok"]
    shell.handle(ev.PointerDown(r.cx, r.cy, pointer=1, touch=True))
    shell.handle(ev.PointerUp(r.cx, r.cy, pointer=1, touch=True))
    assert shell.wants_quit()


def test_the_pad_closes_on_cancel_and_when_nobody_finishes(shell):
    shell.handle(CHORD)
    shell.handle(ev.KeyDown("escape"))
    assert not shell.pad_open
    shell.handle(CHORD)
    shell.handle(ev.KeyDown("2"))
    advance(shell, 121)
    assert not shell.pad_open and shell.pad.entered == ""


@pytest.mark.parametrize("where", ["handle", "update", "layers"])
def test_a_fault_is_logged_and_the_explorer_restarts(shell, tmp_path, where):
    broken = shell.inner
    broken.fail_in = where
    tap(shell)
    advance(shell, 0.5)
    assert shell.restarts == 1 and broken.closed
    assert shell.inner is not broken and shell.inner.fail_in is None
    log = (tmp_path / LOG_NAME).read_text()
    assert f"injected fault in {where}" in log and "restarting" in log


def test_an_explorer_that_cannot_start_is_retried_each_second(shell):
    Spy.fail_next_start = 2
    shell.inner.fail_in = "update"
    advance(shell, 0.5)
    assert shell.inner is None
    shell.layers()  # draws nothing, raises nothing
    advance(shell, RETRY_S)
    assert shell.inner is None  # the second attempt failed too
    advance(shell, RETRY_S)
    assert shell.inner is not None


def test_the_log_folder_is_made_and_a_bad_one_falls_back_to_stderr(tmp_path, capsys):
    log = open_fault_log(tmp_path / "new" / "state", echo=False)
    log.info("hello")
    assert "hello" in (tmp_path / "new" / "state" / LOG_NAME).read_text()
    close_fault_log(log)
    blocker = tmp_path / "file"
    blocker.write_text("")
    log = open_fault_log(blocker / "state", echo=False)
    log.warning("still logged")
    assert "still logged" in capsys.readouterr().err
    close_fault_log(log)
    assert isinstance(log, logging.Logger)


def tap_button(shell: KioskShell, name: str) -> None:
    shell.layers()  # lays the bar out as drawn
    r = shell.bar.rects[name]
    tap(shell, r.cx - 1, r.cy)


def test_start_again_is_a_touch_sized_button_and_the_switcher_offers_the_explorers(shell):
    shell.resize(1920, 1080)
    shell.layers()
    assert set(shell.bar.rects) == {"restart"}
    assert all(r.h >= 64 and r.w >= 64 for r in shell.bar.rects.values())
    nav = shell.services.navigation
    assert nav is shell.nav and nav.explorers == ("overview", "cell") and not nav.lessons
    assert nav.others() == ("cell",)
    # The switcher ends left of the shell's buttons (with room for Back).
    assert nav.right_limit is not None and nav.right_limit < shell.bar.rects["restart"].x
    first = shell.inner
    tap_button(shell, "restart")
    assert shell.inner is not first and first.closed and shell.inner.events == []
    nav.go("cell")  # what the explorer's switcher button does
    tap(shell, 10, 500)
    assert shell.inner.explorer == "cell" and shell.explorer == "cell"
    assert nav.current == "cell" and nav.others() == ("overview",)
    nav.go("demo")  # not offered: ignored
    tap(shell, 10, 500)
    assert shell.explorer == "cell"


class FakeSession:
    def __init__(self, status: str, epoch: int = 0) -> None:
        self.status, self.epoch, self.message = status, epoch, "the worker failed"
        self.paused = False

    def latest(self) -> FakeSession:
        return self

    def pause(self) -> None:
        self.paused = True
        self.status = "paused"


def test_a_session_error_from_the_worker_restarts_the_explorer(shell, tmp_path):
    broken = shell.inner
    broken.session = FakeSession("error")
    advance(shell, 0.5)
    assert shell.restarts == 1 and shell.inner is not broken
    assert "the worker failed" in (tmp_path / LOG_NAME).read_text()


def test_a_run_pauses_at_the_configured_epoch(shell):
    shell.inner.session = session = FakeSession("running", epoch=shell.config.train_to_epoch - 1)
    advance(shell, 0.5)
    assert not session.paused
    session.epoch += 1
    advance(shell, 0.5)
    assert session.paused and shell.restarts == 0


def test_a_first_explorer_gives_way_to_the_default_at_the_reset(renderer, tmp_path):
    services = SceneServices(renderer=renderer, theme=theme_by_name("light"),
                             sim_clock=SimClock(), anim_clock=AnimClock(), mode=KIOSK)
    config = KioskConfig(explorers=("overview", "cell"), attract_after_s=1e6, state_dir=tmp_path)
    log = open_fault_log(tmp_path, echo=False)
    clock = FakeClock()
    made = KioskShell(services, config, log, make_scene=lambda name, s: Spy(s, name),
                      now=clock, notifier=Notifier(environ={}), first="cell")
    made.clock = clock  # type: ignore[attr-defined]
    assert made.inner.explorer == "cell"
    advance(made, 121)
    assert made.inner.explorer == "overview"
    made.close()
    close_fault_log(log)
