"""What every scene that watches a training session shares.

The session (its own worker thread, or synchronous in reproducible headless runs), the
newest snapshot, the scene's UI manager, and the controls every such scene offers:
play/pause training, animation speed, theme changes. The overview and the cell view are
both built on it, and the explorer lets them share one session.
"""

from __future__ import annotations

from nnviz.scenes.base import Scene, SceneServices
from nnviz.sim import SessionConfig, Snapshot, TrainingSession
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import Theme

DEFAULT_SPEED = 0.5
"""Epochs per second at start: slow enough for every phase to play at 1×."""


class TrainingScene(Scene):
    """A scene over a :class:`TrainingSession` (made here unless one is given to share)."""

    def __init__(self, services: SceneServices, session: TrainingSession | None = None) -> None:
        super().__init__(services)
        # The app's own sim clock is not used: training has its own in the session.
        services.sim_clock.paused = True
        self.owns_session = session is None
        """Whether this scene made its session and so closes it (a shared one is closed by
        whoever shares it)."""
        if session is None:
            session = TrainingSession(
                SessionConfig(seed=services.seed),
                threaded=services.threaded_training,
                speed=DEFAULT_SPEED,
                playing=True,
            )
        self.session = session
        self.session.start()
        self.drives_session = True
        """Whether this scene advances a synchronous session each frame (when two scenes
        share one session, only one of them must)."""
        self.snapshot: Snapshot = session.latest()
        self.ui = UIManager(services.renderer.text_layout, services.theme)

    def poll_session(self, dt: float) -> Snapshot:
        """Advance a synchronous session by ``dt`` (when this scene drives it) and take
        the newest snapshot."""
        if not self.session.threaded and self.drives_session:
            self.session.advance(dt)
        self.snapshot = self.session.latest()
        return self.snapshot

    def toggle_training(self) -> None:
        if self.snapshot.running:
            self.session.pause()
        else:
            self.session.play()

    def _set_anim_speed(self, value: float) -> None:
        self.services.anim_clock.speed = value

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        self.ui.set_theme(theme)

    def steps_total(self) -> int:
        return int(self.snapshot.steps)

    def close(self) -> None:
        if self.owns_session:
            self.session.close()
