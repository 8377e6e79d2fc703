"""The training worker: all mutable training state and the epoch loop, for any task.

Only one thread touches a :class:`Worker`: the session's worker thread, or the caller of
``advance()`` for a synchronous session. Everything else talks to it through the command
queue it drains and the immutable snapshot it publishes into :attr:`Worker.latest`.

Time
----
The worker's :class:`~nnviz.anim.clock.SimClock` counts *epochs*: ``speed`` epochs per
second (0.2/s = "one every five seconds") or ``None`` for "as fast as possible". Paused,
the worker blocks on the command queue (no busy spin); between due epochs at a finite
speed it blocks on the queue until the next one is due, so a command still wakes it at once.

Epochs
------
An epoch is the task's batches for that epoch number, then the validation loss, then the
task's observation (trace, prediction, ...). Seeding each epoch by its number (rather than
carrying one generator along) is what makes resuming from any history entry reproduce the
original run exactly: the state after epoch ``k`` plus the settings of epoch ``k + 1``
determine epoch ``k + 1`` completely. Epoch 0 is the untrained model.

History
-------
The last ``history_len`` (256) epochs are kept for scrubbing (the session's ``seek``) and
resuming (``resume_from``) within a byte budget, rebuilt by exact replay where only a
small record was kept (:mod:`nnviz.sim.timeline`). Every record carries the parameters,
layer sizes and settings its trace was made with, so a view never pairs a trace with
another epoch's weights.

Divergence
----------
An epoch whose loss becomes NaN, infinite or larger than :data:`DIVERGENCE_LOSS` (the core
refuses non-finite updates, so parameters never turn NaN) pauses training with status
"diverged", ``diverged_epoch`` and a message naming that epoch and the cause. Changing
the learning rate, pressing play or step rewinds to the last good history entry first
and says so until the next command; a restart starts over. Runs that wreck training
without diverging are flagged ``unstable`` (:mod:`nnviz.sim.stability`).

Errors
------
An exception inside the worker (a bug) is reported in the snapshot (status "error" and a
readable message, :meth:`Worker.recover`); the worker restores the newest history entry
(the last good state) and goes on. Commands are taken off the pending queue one at a time,
so the ones queued meanwhile are applied afterwards, never dropped.
"""

from __future__ import annotations

import contextlib
import math
import queue
import time
import types
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from nnviz.anim.clock import SimClock, TimeSource
from nnviz.core import Model, Trainer, TrainingSnapshot
from nnviz.core.datasets import DatasetError
from nnviz.core.warmup import warmup_first

from .commands import Command, coalesce
from .history import History
from .saved import RunMismatchError, SavedRun
from .snapshot import EpochRecord, Snapshot, readonly
from .stability import StabilityWatch
from .tasks import Restructure, Task
from .timeline import Timeline

__all__ = [
    "DIVERGENCE_LOSS",
    "MAX_SPEED",
    "MIN_SPEED",
    "Stopped",
    "Worker",
    "check_speed",
]

#: A (finite) epoch loss above this counts as divergence: MSE on data in [-1, 1] starts
#: near 1 and cross-entropy near ln(64) ≈ 4, so this is an explosion, not slow learning.
DIVERGENCE_LOSS = 1e6
#: Slowest and fastest finite training speeds, in epochs per second.
MIN_SPEED = 0.05
MAX_SPEED = 10_000.0
_MAX_WAIT = 0.1
_CLOCK_CAP = 4  # epochs per clock advance at most (the backlog cap)
_DATA_CACHE = 3
_MAX_FAILURES = 3  # internal errors in a row before training pauses
FIRST_EPOCH_WAIT = 0.75
"""Seconds the untrained network is shown before a session's first epoch (at most)."""
_SEED_LIMIT = 2**32


class Stopped(Exception):
    """Raised inside the worker to abandon a warm-up when the session closes."""


@dataclass(frozen=True)
class _EpochResult:
    train_loss: float
    ok: bool
    cause: str = ""


def _cause(loss: float, update: bool = False) -> str:
    if math.isnan(loss):
        return "the loss became NaN"
    if math.isinf(loss):
        return "the loss became infinite"
    if loss > DIVERGENCE_LOSS:
        return f"the loss exploded to {loss:.3g}"
    return "the weight update overflowed" if update else "the loss stopped being a number"


def _with_view(cfg: Any, current: Any) -> Any:
    """``cfg`` showing what ``current`` shows (its view fields), when they are the same kind."""
    if type(cfg) is not type(current):
        return cfg
    changes = {f: getattr(current, f) for f in cfg.VIEW_FIELDS}
    if all(getattr(cfg, f) == v for f, v in changes.items()):
        return cfg
    return cfg.with_changes(**changes)


# --------------------------------------------------------------------------- the session


class Worker:
    """The training state of one session and the work on it; see the module docstring.

    Args:
        task: what is trained.
        config: the starting settings (the task's config type).
        commands: the queue the session puts :class:`Command` objects into.
        speed, playing, lockstep, history_len, loss_history_len, history_bytes,
        run_warmup: as for :class:`~nnviz.sim.session.TrainingSession`.
    """

    def __init__(
        self,
        task: Task,
        config: Any,
        commands: queue.SimpleQueue[Command],
        *,
        speed: float | None,
        playing: bool,
        lockstep: bool,
        history_len: int,
        loss_history_len: int,
        history_bytes: int,
        run_warmup: bool,
    ) -> None:
        self.task = task
        self.stop = False
        """Set by the session to end the work (checked between kernels and epochs)."""
        self._queue = commands
        self._booted = False
        self._run_warmup = bool(run_warmup)
        self._pending: deque[Command] = deque()
        self.cfg = config
        speed = check_speed(speed)
        self._speed = speed
        self._clock = SimClock(
            steps_per_second=speed or 1.0,
            max_speed=speed is None,
            paused=not playing,
            max_steps_per_advance=_CLOCK_CAP,
        )
        self._lockstep = bool(lockstep)
        self._anim_done = 0
        self._owed = False
        self.data: Any = None
        self._data_cache: OrderedDict[tuple, Any] = OrderedDict()
        self.trainer: Trainer | None = None
        self._epoch = 0
        self._epochs_total = 0
        self.record: EpochRecord | None = None
        self._timeline = Timeline(
            history_len, loss_history_len, self.task.curve_names, history_bytes
        )
        self._diverged = False
        self._diverged_epoch: int | None = None
        self._resume_play = False
        self._stability = StabilityWatch()
        self._unstable = ""
        self._error = False
        self._failures = 0
        self._message = ""
        self._compiling = False
        self._progress = 0.0
        self._label = "starting"
        self._viewing: int | None = None
        self._view_record: EpochRecord | None = None
        self._serial = 0
        self.latest: Snapshot | None = None
        self.on_publish: Callable[[Snapshot], None] | None = None
        """Called with every new snapshot, in the worker's thread (a process's outbox)."""
        self.publish()

    # ------------------------------------------------------------------ the work
    def guarded_tick(self, dt: float) -> None:
        """One worker iteration; an exception (a bug) is reported and recovered from."""
        try:
            self.tick(dt)
        except Stopped:
            raise
        except Exception as exc:  # the worker must report and go on, never vanish
            self.recover(exc)

    def run(self, time_source: TimeSource) -> None:
        """The worker's loop (a thread's or a process's): boot, then tick and wait until
        :attr:`stop` is set."""
        try:
            self.boot()
        except Stopped:
            return
        except Exception as exc:  # a bug while building: report, keep taking commands
            self.recover(exc)
        last = time_source.now()
        while not self.stop:
            now = time_source.now()
            dt, last = max(now - last, 0.0), now
            try:
                self.guarded_tick(dt)
            except Stopped:
                return
            if self.stop:
                break
            timeout = self.wait_time()
            self.wait(timeout)
            if timeout is None:
                last = time_source.now()  # asleep with nothing to do: not training time

    def recover(self, exc: BaseException) -> None:
        """Report an internal error and continue from the newest history entry (the last
        good state). Queued commands stay queued. After several failures in a row training
        pauses, so a deterministic bug cannot spin."""
        self._failures += 1
        self._error = True
        where = ""
        with contextlib.suppress(Exception):
            if self.trainer is not None and len(self.history):
                state, record = self.reconstruct(self.history.last)
                self.cfg = record.config
                self.data = self._data_for(record.config)
                self._restore(state, record)
                where = f"; restarted from epoch {record.epoch}, the last good state"
        if self._failures >= _MAX_FAILURES:
            self._clock.paused = True
            where += "; training is paused after repeated errors"
        self._message = (
            f"An internal error interrupted training ({type(exc).__name__}: {sentence(exc)})"
            f"{where}."
        )
        with contextlib.suppress(Exception):
            self.publish()

    def wait(self, timeout: float | None) -> None:
        """Block until a command arrives or ``timeout`` seconds pass (``None``: until a
        command; closing the session sends one)."""
        if timeout is not None and timeout <= 0.0:
            return
        with contextlib.suppress(queue.Empty):
            self._pending.append(self._queue.get(timeout=timeout))

    def wait_time(self) -> float | None:
        """How long the thread may block: until the next epoch is due, or ``None`` when
        nothing but a command can give it work (paused, diverged, waiting for the
        animation, nothing built): a paused session then costs no wake-ups at all."""
        if self.trainer is None or self._diverged or self._lockstep_blocked():
            return None
        if self._clock.paused:
            return None
        if self._clock.unbounded:
            return 0.0
        due_in = (1.0 - self._clock.fraction) / max(self._clock.rate, 1e-9)
        return min(max(due_in, 0.0005), _MAX_WAIT)

    def boot(self) -> None:
        if self._booted:
            return
        self._booted = True
        if self._run_warmup:
            self._compiling = True
            self._progress = 0.0
            self._label = "compiling the training kernels"
            self.publish()
            try:
                warmup_first(self._on_progress, self.cfg.dtype, kind=self.task.kernel_kind)
            except Stopped:
                raise
            except Exception as exc:
                self._compiling = False
                self._error = True
                self._message = f"Compiling the training kernels failed: {exc}"
                self._clock.paused = True
                self.publish()
                return
            self._compiling = False
        self._progress = 1.0
        self._label = ""
        data = self._try_data(self.cfg)
        if data is not None:
            self.data = data
            self._start_run(self.task.build_model(self.cfg, data))
            # The first epoch is due soon, not a whole epoch interval (about 3 s at the
            # overview's default speed) after the kernels are ready: long enough to see
            # the untrained network, short enough for a first start.
            self._clock.due_within(FIRST_EPOCH_WAIT)
        self.publish()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        if self.stop:
            raise Stopped
        self._progress = done / total if total else 1.0
        # Which kernel of how many: a long first compile shows where it is.
        self._label = f"kernel {done + 1} of {total}: {name}" if done < total else "compiled"
        self.publish()

    def tick(self, dt: float) -> None:
        """One worker iteration: commands, then the epochs the clock says are due."""
        self._drain()
        n = self._clock.advance(dt)
        if self.trainer is None or self._diverged:
            return
        if self._owed and not self._lockstep_blocked():
            n, self._owed = max(n, 1), False
        for _ in range(n):
            if self._lockstep_blocked():
                self._owed = True
                self.publish()
                break
            self._run_epoch()
            if self._diverged or self.stop:
                break
            self._drain()
            if self.trainer is None or self._clock.paused:
                break

    def _lockstep_blocked(self) -> bool:
        return self._lockstep and self._anim_done < self._epoch

    def _drain(self) -> None:
        """Apply the queued commands, superseded ones dropped. Commands are taken off the
        pending queue one at a time, so whatever happens, none is lost unapplied."""
        while True:
            try:
                self._pending.append(self._queue.get_nowait())
            except queue.Empty:
                break
        if not self._pending:
            return
        kept = coalesce(self._pending)
        self._pending.clear()
        self._pending.extend(kept)
        changed = False
        while self._pending:
            cmd = self._pending.popleft()
            if cmd.name == "_wake":
                continue
            try:
                self.apply(cmd)
            except (ValueError, IndexError, TypeError, KeyError) as exc:
                self._message = sentence(exc)  # an invalid command: say why, change nothing
            except Exception as exc:  # a bug must not kill the worker
                self._message = f"Command {cmd.name!r} failed: {sentence(exc)}"
            changed = True
        if changed:
            self.publish()

    # ------------------------------------------------------------------ commands (worker)
    def apply(self, cmd: Command) -> None:
        name, args = cmd.name, cmd.args
        if name == "anim_done":
            self._anim_done = max(self._anim_done, int(args[0]))
            return
        if name == "speed":
            speed = check_speed(args[0])
            self._speed = speed
            if speed is None:
                self._clock.max_speed = True
            else:
                self._clock.max_speed = False
                self._clock.steps_per_second = speed
            return self._ok()
        if name == "lockstep":
            self._lockstep = bool(args[0])
            self._anim_done = self._epoch
            self._owed = False
            return self._ok()
        if name == "seek":
            return self._seek(args[0])
        if name == "pause":
            self._clock.paused = True
            self._owed = False
            self._resume_play = False
            return self._ok()
        if name in ("play", "step"):
            return self._play_or_step(name)
        if name in ("restart", "new_weights"):
            return self._restart(new_seed=name == "new_weights")
        if name == "set":
            return self._set(str(args[0]), args[1])
        if name == "task":
            return self._task_command(str(args[0]), tuple(args[1]))  # type: ignore[arg-type]
        if name == "dataset":
            return self._set_dataset(args[0], args[1])
        if name == "resume":
            return self._resume(int(args[0]))
        if name == "export":
            future = args[0]
            try:
                future.set_result(self.export_run())
            except Exception as exc:  # reported to the caller, never kills the worker
                future.set_exception(exc)
            return None
        if name == "load_run":
            return self._load_run(args[0])
        raise ValueError(f"Unknown command {name!r}.")

    def _ok(self) -> None:
        """A command succeeded: clear a sticky error and its message."""
        self._error = False
        self._failures = 0
        self._message = ""

    def _play_or_step(self, name: str) -> None:
        if self.trainer is None:
            raise ValueError("There is no model to train; choose a dataset first.")
        rewound = self._diverged
        if rewound:
            self._rewind_to_good()
        if name == "play":
            self._clock.paused = False
        else:
            self._clock.step()
        if not rewound:  # keep the "went back to epoch N" message until the next action
            self._ok()

    def _restart(self, new_seed: bool) -> None:
        if self.data is None:
            raise ValueError("There is no model to restart; choose a dataset first.")
        if new_seed:
            self.cfg = self.cfg.with_changes(weight_seed=(self.cfg.init_seed + 1) % _SEED_LIMIT)
        model = self.task.build_model(self.cfg, self.data)
        old = self.trainer.model if self.trainer is not None else None
        if old is not None and old.frozen.shape == model.frozen.shape:
            model.frozen[:] = old.frozen  # freezing is the person's choice, not a weight
        self._start_run(model)
        self._ok()

    def _set(self, field: str, value: object) -> None:
        old = self.cfg
        cfg = old.with_changes(**{field: value})
        if cfg.structure_key() != old.structure_key():
            raise ValueError(f"Changing {field} changes the network's shape; not a setting.")
        if cfg.data_key() != old.data_key():
            self.data = self._data_for(cfg)  # may raise DatasetError: nothing changed yet
        self.cfg = cfg
        if self.trainer is not None:
            self.task.apply_settings(self.trainer, cfg)
            if field in type(cfg).VIEW_FIELDS or cfg.data_key() != old.data_key():
                self.reobserve()
        if self._diverged and field == "learning_rate":
            self._rewind_to_good()
            if self._resume_play:
                self._clock.paused = False
            return  # the recovery message stays until the next action
        self._ok()

    def _task_command(self, name: str, args: tuple) -> None:
        model = self._require_model()
        change = self.task.command(name, args, self.cfg, model, self.data)
        trainer = self.trainer
        assert trainer is not None
        self.cfg = change.config
        if isinstance(change, Restructure):
            trainer.set_model(change.model)
        self.task.apply_settings(trainer, self.cfg)
        # The history's entries belong to the old weights or shape: a replay cannot cross
        # this change, so the next epoch is a keyframe. A fresh record of the current epoch
        # (not filed in the history) keeps every view consistent with the changed model.
        self._timeline.break_at(self._epoch + 1)
        self._diverged = False
        self._diverged_epoch = None
        self.reobserve()
        self._ok()

    def reobserve(self) -> None:
        """Re-record the current epoch (and re-seek) after a change the views must see."""
        if self.trainer is None or self.data is None:
            return
        train_loss = self.record.train_loss if self.record is not None else float("nan")
        self.record, _ = self._make_record(self._epoch, train_loss, None)
        if self._viewing is not None:
            with contextlib.suppress(ValueError):
                _, self._view_record = self.reconstruct(self._viewing)

    def _set_dataset(self, name: str, text_path: str | None) -> None:
        changes: dict[str, object] = {"dataset": name}
        if hasattr(self.cfg, "text_path"):
            changes["text_path"] = text_path
        elif text_path is not None:
            raise ValueError("This task does not read text files.")
        cfg = self.cfg.with_changes(**changes)
        data = self._try_data(cfg)
        if data is None:
            return  # status "error" with the dataset's message; the old data stays
        self.cfg = cfg
        self.data = data
        self._start_run(self.task.build_model(cfg, data))
        self._ok()

    def _try_data(self, cfg: Any) -> Any:
        try:
            return self._data_for(cfg)
        except (DatasetError, ValueError, OSError) as exc:
            self._error = True
            self._message = sentence(exc)
            return None

    def _require_model(self) -> Model:
        if self.trainer is None:
            raise ValueError("There is no model yet; choose a dataset first.")
        return self.trainer.model

    def _data_for(self, cfg: Any) -> Any:
        key = cfg.data_key()
        data = self._data_cache.get(key)
        if data is None:
            data = self.task.build_data(cfg)
            self._data_cache[key] = data
            while len(self._data_cache) > _DATA_CACHE:
                self._data_cache.popitem(last=False)
        else:
            self._data_cache.move_to_end(key)
        return data

    # ------------------------------------------------------------------ training (worker)
    def _start_run(self, model: Model) -> None:
        """Start a fresh run on ``model``: epoch 0, empty history, fresh optimizer state."""
        assert self.data is not None
        if self.trainer is None:
            self.trainer = Trainer(model)
        else:
            self.trainer.set_model(model)
        self.task.apply_settings(self.trainer, self.cfg)
        if self._diverged and self._resume_play:
            self._clock.paused = False  # recover into the play state before the divergence
        self._clock.reset()
        self._diverged = False
        self._diverged_epoch = None
        self._owed = False
        self._epoch = 0
        self._anim_done = 0
        self._timeline.clear()
        self._stability.reset()
        self._unstable = ""
        self._viewing = None
        self._view_record = None
        self._commit(*self._make_record(0, float("nan"), None))

    def _train_epoch(self, trainer: Trainer, data: Any, cfg: Any, epoch: int) -> _EpochResult:
        task = self.task
        task.apply_settings(trainer, cfg)
        x, y = task.train_arrays(data)
        res = trainer.run_indices(x, y, task.epoch_batches(cfg, data, epoch))
        if not res.ok:
            last = float(res.losses[-1]) if res.losses.size else float("nan")
            return _EpochResult(last, False, _cause(last, update=True))
        loss = float(np.mean(res.losses)) if res.losses.size else float("nan")
        if not math.isfinite(loss) or loss > DIVERGENCE_LOSS:
            return _EpochResult(loss, False, _cause(loss))
        return _EpochResult(loss, True)

    def _run_epoch(self) -> None:
        trainer, data, cfg = self.trainer, self.data, self.cfg
        assert trainer is not None and data is not None
        t0 = time.perf_counter()
        epoch = self._epoch + 1
        result = self._train_epoch(trainer, data, cfg, epoch)
        val = float("nan")
        if result.ok:
            val = self.task.validation_loss(trainer, data, cfg)
            if not math.isfinite(val) or val > DIVERGENCE_LOSS:
                result = _EpochResult(result.train_loss, False, _cause(val))
        if not result.ok:
            self._diverge(epoch, result.cause)
            return
        record, curves = self._make_record(epoch, result.train_loss, val)
        record = replace(record, wall_time=time.perf_counter() - t0)
        self._epoch = epoch
        self._epochs_total += 1
        self._failures = 0
        self._unstable = self._stability.update(result.train_loss, trainer.model.params)
        self._commit(record, curves)

    def _diverge(self, epoch: int, cause: str) -> None:
        self._diverged = True
        self._diverged_epoch = epoch
        self._resume_play = not self._clock.paused
        self._clock.paused = True
        self._owed = False
        # The wording is on the golden images; ``diverged_epoch`` carries the number.
        self._message = (
            f"Training diverged at epoch {epoch} ({cause}) — "
            "lower the learning rate or press Restart."
        )
        self.publish()

    def _make_record(
        self, epoch: int, train_loss: float, val_loss: float | None
    ) -> tuple[EpochRecord, tuple[float, ...]]:
        trainer, data, cfg = self.trainer, self.data, self.cfg
        assert trainer is not None
        if val_loss is None:
            val_loss = self.task.validation_loss(trainer, data, cfg)
        obs = self.task.observe(trainer, data, cfg)
        record = EpochRecord(
            epoch=epoch,
            train_loss=float(train_loss),
            val_loss=float(val_loss),
            trace=obs.trace,
            prediction=obs.prediction,
            steps=int(trainer.step_count[0]),
            wall_time=0.0,
            config=cfg,
            params=readonly(trainer.model.params),
            layer_sizes=tuple(int(s) for s in trainer.model.sizes),  # type: ignore[attr-defined]
            metrics=obs.metrics,
            plane=obs.plane,
            frozen=readonly(trainer.model.frozen),
        )
        return record, obs.curves

    def _commit(self, record: EpochRecord, curves: tuple[float, ...] = ()) -> None:
        """Publish ``record`` as the newest epoch and file it in the history."""
        assert self.trainer is not None
        self.record = record
        self._timeline.file(record, curves, self.trainer)
        self.publish()

    def reconstruct(self, epoch: int) -> tuple[TrainingSnapshot, EpochRecord]:
        """Full state and record of history entry ``epoch``, shown with the current view
        settings (replayed from the nearest keyframe when needed, bit-identical)."""
        return self._timeline.rebuild(
            epoch, lambda cfg: _with_view(cfg, self.cfg), self._replay, self._observe
        )

    def _replay(self, trainer: Trainer, record: EpochRecord) -> None:
        cfg = record.config
        self._train_epoch(trainer, self._data_for(cfg), cfg, record.epoch)

    def _observe(self, trainer: Trainer, cfg: Any) -> Any:
        self.task.apply_settings(trainer, cfg)
        return self.task.observe(trainer, self._data_for(cfg), cfg)

    def _seek(self, epoch: int | None) -> None:
        if epoch is None:
            self._viewing = None
            self._view_record = None
            return self._ok()
        epoch = int(epoch)
        _, record = self.reconstruct(epoch)
        self._viewing = epoch
        self._view_record = record
        self._ok()

    def _resume(self, epoch: int) -> None:
        state, record = self.reconstruct(epoch)
        cfg = record.config
        self.data = self._data_for(cfg)
        self.cfg = cfg
        self._restore(state, record)
        self._ok()

    def export_run(self) -> SavedRun:
        """The current run's state (see :mod:`nnviz.sim.saved`)."""
        trainer = self._require_model_trainer()
        snap = trainer.snapshot()
        return SavedRun(
            config=self.cfg, epoch=self._epoch, epochs_total=self._epochs_total,
            step_count=snap.step_count, params=np.array(snap.params),
            frozen=np.array(snap.frozen), m=np.array(snap.m), v=np.array(snap.v),
            curves=self._timeline.losses.table(),
        )  # fmt: skip

    def _require_model_trainer(self) -> Trainer:
        if self.trainer is None:
            raise RuntimeError("the session has no model yet")
        return self.trainer

    def _load_run(self, saved: SavedRun) -> None:
        """Continue ``saved``: its settings, data, model and optimizer state (a run that
        does not fit its own model leaves everything as it was, status "error")."""
        cfg = saved.config
        data = self._try_data(cfg)
        if data is None:
            return None
        model = self.task.build_model(cfg, data)
        try:
            saved.check_against(model.params, model.frozen)
        except RunMismatchError as exc:
            self._message = str(exc)
            self._error = True
            return self.publish()
        self.cfg, self.data = cfg, data
        self._start_run(model)
        trainer = self._require_model_trainer()
        trainer.restore(replace(trainer.snapshot(), **saved.arrays(),
                                step_count=saved.step_count))  # fmt: skip
        self.task.apply_settings(trainer, cfg)
        self._epoch = saved.epoch
        self._epochs_total = saved.epochs_total
        self._anim_done = saved.epoch
        self._timeline.clear()
        self._commit(*self._make_record(saved.epoch, float("nan"), None))
        if saved.curves is not None:
            self._carry_curves(saved.curves, saved.epoch)
        self._ok()
        return None

    def _carry_curves(self, curves: np.ndarray, epoch: int) -> None:
        """Put a saved run's loss curves before the epoch it resumes at; that epoch's own
        row keeps the validation loss just computed and takes the saved train loss."""
        losses = self._timeline.losses
        now = losses.table()
        older = curves[:, curves[0] < epoch]
        same = curves[:, curves[0] == epoch]
        if same.shape[1] and now.shape[1]:
            now[1, -1] = same[1, -1]
        rows = min(older.shape[0], now.shape[0])
        losses.replace_with(np.hstack([older[:rows], now[:rows]]))

    def _restore(self, state: TrainingSnapshot, record: EpochRecord) -> None:
        trainer = self.trainer
        assert trainer is not None
        trainer.restore(state)
        self.task.apply_settings(trainer, self.cfg)
        self._epoch = record.epoch
        self.record = record
        self._timeline.truncate_after(record.epoch)
        self._diverged = False
        self._diverged_epoch = None
        self._stability.reset()
        self._unstable = ""
        self._owed = False
        self._anim_done = record.epoch
        self._viewing = None
        self._view_record = None

    def _rewind_to_good(self) -> None:
        """After divergence: go back to the latest history entry whose validation loss is
        within twice the best in the history (the last state worth continuing from)."""
        good = self._timeline.last_good()
        if good is None:
            self._start_run(self.task.build_model(self.cfg, self.data))
            return
        state, record = self.reconstruct(good)
        # The entry's shape and task, with the current hyper-parameters (the new rate).
        cur = self.cfg
        keep = ("learning_rate", "optimizer", "batch_size", "clip_norm", "noise")
        self.cfg = record.config.with_changes(
            **{f: getattr(cur, f) for f in keep if hasattr(cur, f)}
        )
        self.data = self._data_for(self.cfg)
        self._restore(state, record)
        self._message = (
            f"Went back to epoch {record.epoch}, the last good state before the divergence."
        )

    # ------------------------------------------------------------------ publishing
    def publish(self) -> None:
        trainer = self.trainer
        epochs, train, val = self._timeline.losses.arrays()
        if self._compiling:
            status = "compiling"
        elif self._error:
            status = "error"
        elif self._diverged:
            status = "diverged"
        else:
            status = "paused" if self._clock.paused else "running"
        if trainer is not None:
            sizes = tuple(int(s) for s in trainer.model.sizes)  # type: ignore[attr-defined]
            params = readonly(trainer.model.params)
            steps = int(trainer.step_count[0])
        else:
            sizes, params, steps = (), None, 0
        self._serial += 1
        self.latest = Snapshot(
            config=self.cfg,
            status=status,
            progress=self._progress,
            label=self._label,
            running=not self._clock.paused,
            epoch=self._epoch,
            steps=steps,
            epochs_total=self._epochs_total,
            serial=self._serial,
            loss_epochs=epochs,
            train_losses=train,
            val_losses=val,
            record=self.record,
            layer_sizes=sizes,
            params=params,
            message=self._message,
            history_first=self.history.first,
            history_last=self.history.last,
            viewing=self._viewing,
            view_record=self._view_record,
            lockstep=self._lockstep,
            speed=self._speed,
            waiting_for_animation=self._lockstep_blocked() and not self._clock.paused,
            task=self.task.name,
            diverged_epoch=self._diverged_epoch if self._diverged else None,
            unstable=self._unstable,
            curves=types.MappingProxyType(self._timeline.losses.curves()),
        )
        if self.on_publish is not None:
            self.on_publish(self.latest)

    # ------------------------------------------------------------------ introspection
    @property
    def history(self) -> History:
        """The scrub/resume history (read it from the worker's thread only)."""
        return self._timeline.history

    @property
    def history_len(self) -> int:
        """Entries in the history (for tests and the memory display)."""
        return len(self._timeline.history)

    @property
    def keyframe_interval(self) -> int:
        """Every how many epochs the history stores a full training state."""
        return self._timeline.keyframe_interval


def check_speed(speed: float | None) -> float | None:
    if speed is None:
        return None
    v = float(speed)
    if not math.isfinite(v) or not MIN_SPEED <= v <= MAX_SPEED:
        raise ValueError(
            f"Speed must be between {MIN_SPEED:g} and {MAX_SPEED:g} epochs per second, "
            f"or None for as fast as possible; got {speed!r}."
        )
    return v


def sentence(exc: BaseException) -> str:
    """One line for the snapshot's message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, KeyError) and text.startswith(("'", '"')):
        text = text[1:-1]
    return text
