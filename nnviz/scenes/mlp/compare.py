"""Compare mode's model: two networks on the same data and seed, one setting apart.

Each network trains in its own :class:`~nnviz.sim.TrainingSession` (its own worker and
epoch clock, as the explorer's), started from one base configuration, and the two are
kept in step: the one ahead waits for the other (a second worker starts a moment later,
and the table had set A's loss after 80 epochs beside B's after 55); the second differs
from the first in exactly one setting (learning rate, activation, hidden size, or no
hidden layer at all). Finished pairs are kept as rows of a small results table. Nothing
here draws: :mod:`.compare_view` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nnviz.sim import ClassificationConfig, Snapshot, TrainingSession


@dataclass(frozen=True)
class Difference:
    """One setting the two networks may differ in: its label and the two variants."""

    key: str
    label: str
    variants: Callable[[ClassificationConfig], tuple[dict, dict]]
    """The config changes of network A and network B, from the base configuration."""
    describe: Callable[[ClassificationConfig], str]
    """The setting's value in a configuration, as the results table writes it."""


def _learning_rate(cfg: ClassificationConfig) -> tuple[dict, dict]:
    return {"learning_rate": 0.1}, {"learning_rate": 1.0}


def _activation(cfg: ClassificationConfig) -> tuple[dict, dict]:
    n = max(len(cfg.hidden), 1)
    hidden = cfg.hidden or (4,)
    return ({"hidden": hidden, "activations": ("sigmoid",) * n},
            {"hidden": hidden, "activations": ("relu",) * n})  # fmt: skip


def _hidden_size(cfg: ClassificationConfig) -> tuple[dict, dict]:
    return ({"hidden": (4,), "activations": ("sigmoid",)},
            {"hidden": (2,), "activations": ("sigmoid",)})  # fmt: skip


def _no_hidden(cfg: ClassificationConfig) -> tuple[dict, dict]:
    return {"hidden": (4,), "activations": ("sigmoid",)}, {"hidden": (), "activations": ()}


def _layers_text(cfg: ClassificationConfig) -> str:
    return "→".join(str(n) for n in cfg.layer_sizes)


DIFFERENCES: tuple[Difference, ...] = (
    Difference("no_hidden", "No hidden layer", _no_hidden, _layers_text),
    Difference("learning_rate", "Learning rate", _learning_rate,
               lambda c: f"lr {c.learning_rate:g}"),
    Difference("activation", "Activation", _activation,
               lambda c: c.activations[0] if c.activations else "none"),
    Difference("hidden", "Hidden size", _hidden_size, _layers_text),
)  # fmt: skip
"""The settings compare mode offers, the XOR lesson's first."""


def pair_configs(base: ClassificationConfig, key: str) -> tuple[ClassificationConfig, ...]:
    """Network A's and network B's configurations: ``base`` with the variants of ``key``."""
    diff = difference(key)
    a, b = diff.variants(base)
    return base.with_changes(**a), base.with_changes(**b)


def difference(key: str) -> Difference:
    for diff in DIFFERENCES:
        if diff.key == key:
            return diff
    raise KeyError(f"compare mode has no setting {key!r}")


@dataclass(frozen=True)
class ResultRow:
    """One network's run in the results table."""

    setting: str
    epochs: int
    loss: float
    accuracy: float


def result_of(snap: Snapshot, describe: Callable[[ClassificationConfig], str]) -> ResultRow:
    """The row of a session's newest record (NaN before the first epoch)."""
    record = snap.record
    if record is None or record.metrics is None:
        return ResultRow(describe(snap.config), 0, float("nan"), float("nan"))
    return ResultRow(describe(snap.config), int(record.epoch), float(record.train_loss),
                     float(record.metrics.accuracy[0]))  # fmt: skip


MAX_ROWS = 8
"""Kept rows; older runs drop off the top of the table."""


class Comparison:
    """Two sessions that differ in one setting, and the table of kept results."""

    def __init__(
        self, base: ClassificationConfig, key: str, *, threaded: bool, speed: float | None,
        process: bool = False,
    ) -> None:  # fmt: skip
        self.base = base
        self.threaded = threaded
        self.process = process
        self.speed = speed
        self.rows: list[ResultRow] = []
        self.playing = True
        """Whether a person has the pair training (each may wait for the other)."""
        self.waiting: set[int] = set()
        """Sessions paused here because they ran ahead of the other."""
        self.stepped: dict[int, int] = {}
        """Paused sessions asked here for one epoch more, with the epoch they were at."""
        self.sessions: tuple[TrainingSession, ...] = ()
        self.snapshots: tuple[Snapshot, ...] = ()
        self.key = key
        self._start(key)

    @property
    def difference(self) -> Difference:
        return difference(self.key)

    def _start(self, key: str) -> None:
        self.key = key
        self.waiting = set()
        self.stepped = {}
        self.sessions = tuple(
            TrainingSession(
                cfg, threaded=self.threaded, speed=self.speed, playing=True, process=self.process
            ).start()
            for cfg in pair_configs(self.base, key)
        )
        self.snapshots = tuple(s.latest() for s in self.sessions)

    def _stop(self) -> None:
        for s in self.sessions:
            s.close()
        self.sessions = ()

    def set_difference(self, key: str) -> None:
        """Compare another setting: the pair so far is kept in the table, a new pair starts."""
        if key == self.key:
            return
        self.keep()
        self._stop()
        self._start(key)

    def poll(self, dt: float) -> tuple[Snapshot, ...]:
        """Advance synchronous sessions by ``dt`` and take both newest snapshots."""
        for s in self.sessions:
            if not s.threaded:
                s.advance(dt)
        self.snapshots = tuple(s.latest() for s in self.sessions)
        self._keep_in_step()
        return self.snapshots

    def _keep_in_step(self) -> None:
        """Pause a session that is ahead of the other, play it again once it is not;
        when paused, train the one behind an epoch at a time until it has caught up (a
        pause reaches the two workers a moment apart)."""
        if len(self.snapshots) < 2:
            return
        if not self.playing:
            self._catch_up()
            return
        behind = min(snap.epoch for snap in self.snapshots)
        for i, (session, snap) in enumerate(zip(self.sessions, self.snapshots, strict=True)):
            if snap.epoch > behind and i not in self.waiting:
                session.pause()
                self.waiting.add(i)
            elif snap.epoch <= behind and i in self.waiting:
                session.play()
                self.waiting.discard(i)

    def _catch_up(self) -> None:
        ahead = max(snap.epoch for snap in self.snapshots)
        for i, (session, snap) in enumerate(zip(self.sessions, self.snapshots, strict=True)):
            sent_at = self.stepped.get(i)
            if snap.epoch >= ahead or snap.running:
                self.stepped.pop(i, None)
            elif sent_at is None or snap.epoch > sent_at:  # one epoch asked for at a time
                session.step_epoch()
                self.stepped[i] = snap.epoch

    @property
    def running(self) -> bool:
        """Training, as a person sees it: a session waiting for the other counts."""
        return bool(self.waiting) or any(snap.running for snap in self.snapshots)

    def play(self) -> None:
        self.playing = True
        self.waiting = set()
        self.stepped = {}
        for s in self.sessions:
            s.play()

    def pause(self) -> None:
        self.playing = False
        self.waiting = set()
        for s in self.sessions:
            s.pause()

    def toggle(self) -> None:
        """Pause both when either trains, else play both (they stay in step)."""
        self.pause() if self.running else self.play()

    def step_epoch(self) -> None:
        for i, (s, snap) in enumerate(zip(self.sessions, self.snapshots, strict=True)):
            s.step_epoch()
            self.stepped[i] = snap.epoch  # asked already: no catching up on top of it

    def restart(self) -> None:
        """Keep the pair's results, then both start again from their initial weights."""
        self.keep()
        for s in self.sessions:
            s.restart()
        if self.playing:
            self.play()  # a session waiting for the other would stay paused

    def current(self) -> tuple[ResultRow, ...]:
        """The live rows of network A and B."""
        return tuple(result_of(snap, self.difference.describe) for snap in self.snapshots)

    def keep(self) -> None:
        """Add the pair's current results to the table (not before either has trained)."""
        rows = self.current()
        if any(r.epochs == 0 for r in rows):
            return
        self.rows = [*self.rows, *rows][-MAX_ROWS:]

    def close(self) -> None:
        self._stop()
