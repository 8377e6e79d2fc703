"""Wires a window, the renderer, the clocks and a scene into an :class:`App`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nnviz.anim.clock import AnimClock, FrameTimer, SimClock
from nnviz.app.explorers import Explorers, desktop_navigation
from nnviz.app.loop import App
from nnviz.app.presets import load_preset
from nnviz.app.sessions import restore
from nnviz.app.window import Window
from nnviz.render.renderer import Renderer
from nnviz.scenes import scene_class
from nnviz.scenes.base import Scene, SceneServices
from nnviz.scenes.lesson.player import apply_setting
from nnviz.ui.theme import theme_by_name

if TYPE_CHECKING:
    from nnviz.app.cli import Options


def build_app(
    window: Window, options: Options, timer: FrameTimer, *, threaded_training: bool | None = None
) -> App:
    """An :class:`App` ready to run ``options.scene`` in ``window``.

    Training runs in a worker process (or thread, ``--worker thread``) in a window, and
    synchronously (on the frame clock, reproducibly) in headless runs, unless
    ``threaded_training`` says otherwise: the render benchmark wants a person's setup,
    headless.
    """
    if threaded_training is None:
        threaded_training = not options.headless
    ctx = window.ctx
    # moderngl objects are freed on ctx.gc() once per frame, never by Python's collector
    # at an arbitrary moment (which can happen on the wrong thread).
    ctx.gc_mode = "context_gc"
    renderer = Renderer(ctx)
    services = SceneServices(
        renderer=renderer,
        theme=theme_by_name(options.theme),
        sim_clock=SimClock(steps_per_second=10.0),
        anim_clock=AnimClock(),
        seed=options.seed,
        size=window.size,
        mode=options.mode,
        threaded_training=threaded_training,
        training_process=threaded_training and options.worker == "process",
    )
    if options.kiosk is not None:
        scene: Scene = _kiosk_shell(services, options)
    elif options.lesson is not None:
        from nnviz.scenes.lesson.scene import LessonScene

        scene = LessonScene(services, options.lesson, load_preset=load_preset)
    else:
        services.navigation = desktop_navigation(options.scene)
        scene = scene_class(options.scene)(services)
    idle = not options.headless and options.mode.idle.sleep_when_still
    app = App(window, renderer, scene, timer, mode=options.mode, idle_enabled=idle)
    if services.navigation is not None:
        app.explorers = Explorers(services, scene, options.scene)
    app.overlay.visible = options.overlay
    if options.save_dir is not None:
        app.save_dir = options.save_dir
    for name, value in options.settings:  # a lesson's own steps may change them again
        apply_setting(getattr(scene, "inner", scene), name, value)
    if options.session is not None:
        restore(scene, options.session)
    return app


def _kiosk_shell(services: SceneServices, options: Options) -> Scene:
    """The kiosk's shell around the explorer (its log in the configured state folder)."""
    from nnviz.app.kiosk.fault_log import open_fault_log
    from nnviz.app.kiosk.shell import KioskShell

    assert options.kiosk is not None
    log = open_fault_log(options.kiosk.state_dir)
    return KioskShell(services, options.kiosk, log, first=options.scene)
