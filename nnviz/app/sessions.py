"""Saving the running explorer's session and continuing a saved one (Ctrl+S, Ctrl+O,
``nnviz FILE.nnviz``), between the scene and the file format."""

from __future__ import annotations

from typing import Any

from nnviz.app.session_file import SessionFile
from nnviz.scenes.base import Scene
from nnviz.scenes.lesson.player import apply_setting
from nnviz.sim import TrainingSession

VIEW_SETTINGS = ("speed", "max_speed", "lockstep", "anim_speed")
"""Settings kept in a file beside the task's configuration."""
ABLATION = ("fix_forget", "fix_input", "fix_output", "gate", "candidate")


def training_session(scene: Scene) -> TrainingSession | None:
    """The session the scene shows (a lesson's explorer's, when a lesson runs)."""
    inner = getattr(scene, "inner", None)
    if isinstance(inner, Scene):
        scene = inner
    session = getattr(scene, "session", None)
    return session if isinstance(session, TrainingSession) else None


def explorer(scene: Scene) -> Scene:
    """The explorer on screen: the scene itself, or a lesson's current explorer."""
    inner = getattr(scene, "inner", None)
    return inner if isinstance(inner, Scene) else scene


def explorer_name(scene: Scene) -> str:
    """The registry name of the explorer on screen (a lesson's current one)."""
    return explorer(scene).name


def capture(scene: Scene, seed: int) -> SessionFile | None:
    """The scene's session as a file's contents; None when the scene trains nothing."""
    session = training_session(scene)
    if session is None:
        return None
    view: dict[str, Any] = {}
    settings = getattr(explorer(scene), "settings", None)
    if settings is not None:
        view = {name: settings[name].value for name in VIEW_SETTINGS if hasattr(settings, name)}
    view["theme"] = scene.theme.name
    return SessionFile(explorer_name(scene), seed, session.export_run(), view)


def restore(scene: Scene, saved: SessionFile, *, theme: bool = True) -> bool:
    """Continue ``saved`` in ``scene``'s session; False when the scene trains nothing.
    ``theme=False`` keeps the theme on screen (a preset opened on a projector)."""
    session = training_session(scene)
    if session is None:
        return False
    session.load_run(saved.run)
    if not session.threaded:
        session.run_pending()
    shown = explorer(scene)
    settings = getattr(shown, "settings", None)
    config = saved.run.config
    if settings is not None:
        for name in ("learning_rate", "batch_size", "noise", "optimizer", "dataset"):
            if hasattr(settings, name) and hasattr(config, name):
                settings[name].show(getattr(config, name))
        if hasattr(settings, "hidden"):
            settings.hidden.show(config.hidden[0])
        ablation = getattr(config, "ablation", None)
        for name in ABLATION:
            if ablation is not None and hasattr(settings, name):
                settings[name].show(getattr(ablation, name))
    for name, value in saved.view.items():
        if name in VIEW_SETTINGS or (name == "theme" and theme):
            apply_setting(shown, name, value)
    return True
