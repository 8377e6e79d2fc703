"""The MLP explorer's settings model: one observable per value a person can change.

The explorer trains a :class:`~nnviz.sim.ClassificationConfig`, whose fields differ from
the sequence explorers' (loss, label noise, sample count, no LSTM ablations), so it keeps
its own group and binds it to the session with the kit's :class:`SessionLink` and its own
table of fields. The run-time values (speeds, lockstep, animation speed, theme) mean the
same as in the other explorers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz.anim.clock import AnimClock
from nnviz.scenes.kit.observable import Observable, ObservableGroup
from nnviz.scenes.kit.settings import SessionField, SessionLink, bind_animation_clock
from nnviz.sim import ClassificationConfig, TrainingSession

DEFAULT_MLP_SPEED = 20.0
"""Epochs per second at start: XOR is solved in about fifteen seconds, slow enough to watch."""
CONFIG_FIELDS = (
    "learning_rate",
    "batch_size",
    "optimizer",
    "loss",
    "dataset",
    "label_noise",
    "n_samples",
)
"""Settings that are fields of :class:`ClassificationConfig` of the same name."""


@dataclass(eq=False)
class MLPSettings(ObservableGroup):
    """The values a person can change in the MLP explorer."""

    learning_rate: Observable[float]
    batch_size: Observable[int]
    optimizer: Observable[str]
    loss: Observable[str]
    dataset: Observable[str]
    label_noise: Observable[float]
    n_samples: Observable[int]
    speed: Observable[float]
    """Training speed in epochs per second (used while ``max_speed`` is off)."""
    max_speed: Observable[bool]
    lockstep: Observable[bool]
    anim_speed: Observable[float]
    theme: Observable[str]
    anim_paused: Observable[bool] = field(default_factory=lambda: Observable(False))

    @classmethod
    def of(
        cls,
        config: ClassificationConfig,
        *,
        speed: float | None,
        lockstep: bool = False,
        anim_speed: float = 1.0,
        theme: str = "light",
    ) -> MLPSettings:
        """Settings showing ``config`` and the given run-time values."""
        return cls(
            **{name: Observable(getattr(config, name)) for name in CONFIG_FIELDS},
            speed=Observable(speed if speed is not None else DEFAULT_MLP_SPEED),
            max_speed=Observable(speed is None),
            lockstep=Observable(lockstep),
            anim_speed=Observable(anim_speed),
            theme=Observable(theme),
        )


def _speed_command(session: TrainingSession, s: MLPSettings) -> None:
    session.set_speed(None if s.max_speed.value else s.speed.value)


def _config_field(name: str) -> SessionField:
    """A field of the classification config, sent with ``session.configure``."""
    return SessionField(
        read=lambda snap, s: getattr(snap.config, name),
        send=lambda session, s: session.configure(**{name: s[name].value}),
    )


MLP_FIELDS: dict[str, SessionField] = {
    **{name: _config_field(name) for name in CONFIG_FIELDS},
    # Another data set is another problem: a new run from the same initial weights, as in
    # the other explorers (sent as a setting, XOR's run had gone on into the spiral's,
    # one loss curve and one epoch count over both).
    "dataset": SessionField(
        read=lambda snap, s: snap.config.dataset,
        send=lambda session, s: session.set_dataset(s.dataset.value),
    ),
    "speed": SessionField(
        lambda snap, s: snap.speed if snap.speed is not None else s.speed.value,
        lambda session, s: None if s.max_speed.value else _speed_command(session, s),
    ),
    "max_speed": SessionField(lambda snap, s: snap.speed is None, _speed_command),
    "lockstep": SessionField(
        lambda snap, s: snap.lockstep,
        lambda session, s: session.set_lockstep(s.lockstep.value),
    ),
}
"""Every setting the session holds, with how to read it back and how to send it."""


def connect_mlp(session: TrainingSession, clock: AnimClock, theme: str) -> SessionLink:
    """Settings for the classification ``session`` and the animation ``clock``, wired."""
    snap = session.latest()
    settings = MLPSettings.of(
        snap.config, speed=snap.speed, lockstep=snap.lockstep, anim_speed=clock.speed, theme=theme
    )
    bind_animation_clock(settings, clock)
    return SessionLink(settings, session, MLP_FIELDS)  # type: ignore[arg-type]
