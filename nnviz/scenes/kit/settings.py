"""One source of truth for the values a person can change.

:class:`Settings` holds one :class:`~nnviz.scenes.kit.observable.Observable` per value
(learning rate, batch, noise, hidden units, optimizer, data set, training and animation
speed, lockstep, the cell's ablations, theme). Every control is bound to one of them in
both directions (:mod:`nnviz.scenes.kit.controls`), so two controls over the same value —
the overview's and the cell's learning-rate sliders — can never disagree.

:class:`SessionLink` connects the model to a training session both ways: a person's change
becomes the session command, and every snapshot feeds the model, so the controls always
show the configuration the session trains with (*Resume here* restoring an older
configuration, a restart, a command sent from elsewhere). A value sent but not yet
confirmed by a snapshot is never overwritten by an older one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from nnviz.anim.clock import AnimClock
from nnviz.anim.epoch_player import EPOCH_SECONDS
from nnviz.core import LSTMAblation
from nnviz.scenes.kit.observable import Observable, ObservableGroup
from nnviz.sim import SessionConfig, Snapshot, TrainingSession

DEFAULT_SPEED = round(1.0 / (1.1 * EPOCH_SECONDS), 2)
"""Epochs per second at start: a little slower than one epoch's animation at 1×, so every
epoch plays and none is skipped until a person speeds training up."""


@dataclass(eq=False)
class Settings(ObservableGroup):
    """The values a person can change, one observable each."""

    learning_rate: Observable[float]
    batch_size: Observable[int]
    noise: Observable[float]
    hidden: Observable[int]
    """Units of every recurrent layer (the slider sets all layers alike)."""
    optimizer: Observable[str]
    dataset: Observable[str]
    speed: Observable[float]
    """Training speed in epochs per second (used while ``max_speed`` is off)."""
    max_speed: Observable[bool]
    lockstep: Observable[bool]
    anim_speed: Observable[float]
    fix_forget: Observable[bool]
    fix_input: Observable[bool]
    fix_output: Observable[bool]
    gate: Observable[str]
    candidate: Observable[str]
    theme: Observable[str]
    anim_paused: Observable[bool] = field(default_factory=lambda: Observable(False))
    """The animation clock's pause: a still picture costs no frames (the app sleeps)."""

    @classmethod
    def of(
        cls,
        config: SessionConfig,
        *,
        speed: float | None = DEFAULT_SPEED,
        lockstep: bool = False,
        anim_speed: float = 1.0,
        theme: str = "light",
    ) -> Settings:
        """Settings showing ``config`` and the given run-time values."""
        ab = config.ablation
        return cls(
            learning_rate=Observable(config.learning_rate),
            batch_size=Observable(config.batch_size),
            noise=Observable(config.noise),
            hidden=Observable(config.hidden[0]),
            optimizer=Observable(config.optimizer),
            dataset=Observable(config.dataset),
            speed=Observable(speed if speed is not None else DEFAULT_SPEED),
            max_speed=Observable(speed is None),
            lockstep=Observable(lockstep),
            anim_speed=Observable(anim_speed),
            fix_forget=Observable(ab.fix_forget),
            fix_input=Observable(ab.fix_input),
            fix_output=Observable(ab.fix_output),
            gate=Observable(ab.gate),
            candidate=Observable(ab.candidate),
            theme=Observable(theme),
        )

    def ablation(self) -> LSTMAblation:
        """The LSTM cell's parts as the toggles and choices set them."""
        return LSTMAblation(
            fix_forget=self.fix_forget.value,
            fix_input=self.fix_input.value,
            fix_output=self.fix_output.value,
            gate=self.gate.value,
            candidate=self.candidate.value,
        )


@dataclass(frozen=True)
class SessionField:
    """How one setting reads from a snapshot and goes to the session."""

    read: Callable[[Snapshot, Settings], object]
    send: Callable[[TrainingSession, Settings], None]


CONFIG_FIELDS = ("learning_rate", "batch_size", "noise", "optimizer", "dataset")
"""Settings that are fields of :class:`SessionConfig` of the same name."""
ABLATION_FIELDS = ("fix_forget", "fix_input", "fix_output", "gate", "candidate")
"""Settings that are fields of the LSTM cell's :class:`LSTMAblation`."""


def _speed_command(session: TrainingSession, s: Settings) -> None:
    session.set_speed(None if s.max_speed.value else s.speed.value)


def _ablation_field(name: str) -> SessionField:
    return SessionField(
        read=lambda snap, s: getattr(snap.config.ablation, name),
        send=lambda session, s: session.set_ablation(s.ablation()),
    )


def _config_field(name: str) -> SessionField:
    """A field of the session's configuration, sent with ``session.set_<name>``."""
    return SessionField(
        read=lambda snap, s: getattr(snap.config, name),
        send=lambda session, s: getattr(session, f"set_{name}")(s[name].value),
    )


SESSION_FIELDS: dict[str, SessionField] = {
    **{name: _config_field(name) for name in CONFIG_FIELDS},
    "hidden": SessionField(
        lambda snap, s: snap.config.hidden[0],
        lambda session, s: session.set_hidden_size(s.hidden.value),
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
    **{name: _ablation_field(name) for name in ABLATION_FIELDS},
}
"""Every setting the session holds, with how to read it back and how to send it."""


class SessionLink:
    """Binds :class:`Settings` to a :class:`TrainingSession` (see the module docstring).

    ``fields`` says which settings the session holds and how each is read and sent; an
    explorer over another task (the MLP's classification) passes its own settings group
    and fields.
    """

    def __init__(
        self,
        settings: Settings,
        session: TrainingSession,
        fields: Mapping[str, SessionField] | None = None,
    ) -> None:
        self.settings = settings
        self.session = session
        self.fields = SESSION_FIELDS if fields is None else fields
        self._pending: dict[str, object] = {}
        self._serial = -1
        for name, f in self.fields.items():
            settings[name].on_set(lambda value, name=name, f=f: self._send(name, f, value))

    def _send(self, name: str, f: SessionField, value: object) -> None:
        self._pending[name] = value
        f.send(self.session, self.settings)

    def absorb(self, snap: Snapshot) -> None:
        """Take what ``snap`` says: confirm sent values, and show the session's value of
        every other setting (the controls follow the session, whatever moved it: a resume,
        a restart, a new data set, another view of the same session, a script)."""
        if snap.serial == self._serial:
            return
        self._serial = snap.serial
        for name, f in self.fields.items():
            value = f.read(snap, self.settings)
            if name in self._pending:
                if value != self._pending[name]:
                    continue  # sent but not yet seen: an older snapshot must not undo it
                del self._pending[name]
            self.settings[name].show(value)


def connect(session: TrainingSession, clock: AnimClock, theme: str) -> SessionLink:
    """Settings for ``session`` (showing its configuration and speeds) and the animation
    ``clock``, with every effect wired: session commands and the clock's speed."""
    snap = session.latest()
    settings = Settings.of(
        snap.config, speed=snap.speed, lockstep=snap.lockstep, anim_speed=clock.speed, theme=theme
    )
    bind_animation_clock(settings, clock)
    return SessionLink(settings, session)


def bind_animation_clock(settings: ObservableGroup, clock: AnimClock) -> None:
    """Wire a settings group's ``anim_speed`` and ``anim_paused`` to the animation clock
    (every explorer's *Animation speed* slider and *Pause animation* switch)."""
    settings["anim_speed"].on_set(lambda value: setattr(clock, "speed", value))
    settings["anim_paused"].show(clock.paused)
    settings["anim_paused"].on_set(lambda value: setattr(clock, "paused", bool(value)))
