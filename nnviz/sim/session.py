"""The training session: any task's model, optimizer and data, trained epoch by epoch.

What is trained is a :class:`~nnviz.sim.tasks.base.Task` (sequences with an RNN/LSTM,
2-D point classification with an MLP), chosen by the type of the configuration. Everything
below is the same for every task.

Threading model
---------------
Training runs in one worker thread (the numba kernels are ``nogil``, so the render thread
keeps its frame rate). The worker owns *all* mutable training state; nobody else touches
it. Other threads talk to it in two ways only:

* **Commands** go in through a queue (``play()``, ``set_learning_rate(x)``, ...). The
  worker applies them in order at the next epoch boundary, after dropping the ones a later
  command supersedes (:mod:`nnviz.sim.commands`: a slider drag never queues seconds of
  work). A command never raises in the worker: an invalid one becomes a one-line
  ``message`` in the snapshot.
* **Snapshots** come out: after every epoch and every batch of commands the worker builds
  an immutable :class:`~nnviz.sim.snapshot.Snapshot` and swaps it into one attribute.
  :meth:`TrainingSession.latest` reads that attribute: no lock, never blocks, latest wins.

The same code runs without a thread (``threaded=False``): :meth:`TrainingSession.advance`
pushes a dt and runs whatever is due in the caller's thread. Tests and headless screenshot
runs use that with fake time and get bit-identical numbers for a seed.

An exception inside the worker (a bug) is reported in the snapshot (status "error" and a
readable message); the worker then restores the last good state from the history and goes
on, and commands queued meanwhile stay queued. Closing never waits more than ``timeout``:
a kernel that is compiling cannot be interrupted, so the daemon worker is left to notice
the stop flag on its own.

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
A ring of the last ``history_len`` (256) epochs for scrubbing (:meth:`seek`) and resuming
(:meth:`resume_from`). Small models store the full training state (parameters and
optimizer moments) and the observation of every entry. For large models that would cost
hundreds of megabytes, so the session keeps a byte budget (``history_bytes``): it stores
the full state and observation only every ``k``-th epoch (a *keyframe*) with ``k`` chosen
to fit, keeps the small record (losses, prediction) of every epoch, and rebuilds a missing
entry on demand by replaying the epochs from the nearest keyframe with the settings
recorded for each. Because epochs are deterministic the replay is bit-identical. Changing
the architecture or editing weights makes the next epoch a keyframe, since a replay cannot
cross that change. Every record carries the parameters, layer sizes and settings its trace
was made with, so a view never pairs a trace with another epoch's weights.

Divergence
----------
An epoch whose loss becomes NaN, infinite or larger than :data:`DIVERGENCE_LOSS` (the core
refuses non-finite updates, so parameters never turn NaN) pauses training with status
"diverged", ``diverged_epoch`` and a message naming that epoch and the cause. Changing
the learning rate, pressing play or step rewinds to the last good history entry first
and says so until the next command; a restart starts over. Runs that wreck training
without diverging are flagged ``unstable`` (:mod:`nnviz.sim.stability`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import queue
import threading
import time
import types
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from nnviz.anim.clock import MonotonicTimeSource, SimClock, TimeSource
from nnviz.core import LSTMAblation, Model, Trainer, TrainingSnapshot, warmup
from nnviz.core.datasets import DatasetError

from .commands import Command, coalesce
from .config import SessionConfig
from .history import History, HistoryEntry, LossHistory
from .snapshot import EpochRecord, Snapshot, readonly
from .stability import StabilityWatch
from .tasks import Restructure, Task, task_for

__all__ = [
    "DIVERGENCE_LOSS",
    "MAX_SPEED",
    "MIN_SPEED",
    "TrainingSession",
]

#: A (finite) epoch loss above this counts as divergence: MSE on data in [-1, 1] starts
#: near 1 and cross-entropy near ln(64) ≈ 4, so this is an explosion, not slow learning.
DIVERGENCE_LOSS = 1e6
#: Slowest and fastest finite training speeds, in epochs per second.
MIN_SPEED = 0.05
MAX_SPEED = 10_000.0
_PAUSED_WAIT = 0.5  # seconds the idle worker blocks on the queue (commands wake it early)
_MAX_WAIT = 0.1
_CLOCK_CAP = 4  # epochs per clock advance at most (the backlog cap)
_DATA_CACHE = 3
_MAX_FAILURES = 3  # internal errors in a row before training pauses
_SEED_LIMIT = 2**32


class _Stopped(Exception):
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


def _nbytes(obj: object) -> int:
    """Bytes of the arrays inside ``obj`` (dataclasses, tuples, arrays), for the budget."""
    if isinstance(obj, np.ndarray):
        return int(obj.nbytes)
    if isinstance(obj, tuple | list):
        return sum(_nbytes(o) for o in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return sum(_nbytes(getattr(obj, f.name)) for f in dataclasses.fields(obj))
    return 0


def _light(record: EpochRecord) -> EpochRecord:
    """``record`` without its heavy parts (rebuilt by replay when needed)."""
    return replace(record, trace=None, params=None, plane=None)


def _with_view(cfg: Any, current: Any) -> Any:
    """``cfg`` showing what ``current`` shows (its view fields), when they are the same kind."""
    if type(cfg) is not type(current):
        return cfg
    changes = {f: getattr(current, f) for f in cfg.VIEW_FIELDS}
    if all(getattr(cfg, f) == v for f, v in changes.items()):
        return cfg
    return cfg.with_changes(**changes)


# --------------------------------------------------------------------------- the session


class TrainingSession:
    """Trains a task's model epoch by epoch in a worker thread; see the module docstring.

    Args:
        config: the starting settings; its type picks the task (default: a
            :class:`SessionConfig`, LSTM(16) on a sine; a
            :class:`~nnviz.sim.tasks.ClassificationConfig` trains an MLP on 2-D points).
        task: the task, when it is not the default one for the config's type.
        threaded: run a worker thread (the app) or be driven by :meth:`advance` (tests,
            deterministic headless runs).
        time_source: the worker's clock (default :class:`MonotonicTimeSource`); also used
            by ``advance()`` without a dt.
        speed: epochs per second, ``None`` for as fast as possible.
        playing: start training right after the model is built (default: paused).
        lockstep: start in lockstep mode.
        history_len: epochs kept for scrubbing (at least 200 recommended).
        loss_history_len: epochs kept in the loss curves.
        history_bytes: memory budget of the history's training states and traces.
        run_warmup: compile the kernels first with progress (tests may skip it).
    """

    def __init__(
        self,
        config: Any = None,
        *,
        task: Task | None = None,
        threaded: bool = True,
        time_source: TimeSource | None = None,
        speed: float | None = 1.0,
        playing: bool = False,
        lockstep: bool = False,
        history_len: int = 256,
        loss_history_len: int = 5000,
        history_bytes: int = 256 * 2**20,
        run_warmup: bool = True,
    ) -> None:
        cfg = config if config is not None else SessionConfig()
        self._task: Task = task if task is not None else task_for(cfg)
        self._threaded = bool(threaded)
        self._time: TimeSource = time_source or MonotonicTimeSource()
        self._queue: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._stop = False
        self._closed = False
        self._booted = False
        self._run_warmup = bool(run_warmup)
        self._last_now: float | None = None
        # -- worker-owned state ---------------------------------------------------------
        self._pending: deque[Command] = deque()
        self._cfg = cfg
        speed = _check_speed(speed)
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
        self._data: Any = None
        self._data_cache: OrderedDict[tuple, Any] = OrderedDict()
        self._trainer: Trainer | None = None
        self._epoch = 0
        self._epochs_total = 0
        self._record: EpochRecord | None = None
        self._history = History(history_len)
        self._losses = LossHistory(loss_history_len, self._task.curve_names)
        self._history_bytes = int(history_bytes)
        self._kf_interval: int | None = None
        self._seg_start = 0
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
        self._latest: Snapshot | None = None
        self._publish()

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> TrainingSession:
        """Start the worker (threaded) or warm up and build the model now (synchronous).

        Returns at once in threaded mode: the warm-up runs in the worker and its progress
        is published as status "compiling". Calling it twice does nothing.
        """
        if self._closed:
            raise RuntimeError("the session is closed")
        if self._threaded:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._worker, name="nnviz-training", daemon=True
                )
                self._thread.start()
        else:
            self._ensure_booted()
        return self

    def close(self, timeout: float = 0.5) -> bool:
        """Stop the worker; returns whether it has stopped. Idempotent and bounded.

        The first call asks the worker to stop and waits at most ``timeout`` seconds; later
        calls do not wait again. A warm-up is abandoned between two kernels, but a kernel
        already compiling finishes first (numba cannot be interrupted): then this returns
        False and the worker, a daemon thread, stops on its own or with the process.
        """
        first = not self._closed
        self._closed = True
        self._stop = True
        thread = self._thread
        if thread is None:
            return True
        if first:
            self._queue.put(Command("_wake"))
            thread.join(max(float(timeout), 0.0))
        return not thread.is_alive()

    def __enter__(self) -> TrainingSession:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def threaded(self) -> bool:
        return self._threaded

    @property
    def task(self) -> Task:
        return self._task

    # ------------------------------------------------------------------ reading
    def latest(self) -> Snapshot:
        """The newest snapshot (an atomic attribute read: never blocks, latest wins)."""
        return self._latest  # type: ignore[return-value]

    def wait_until(
        self, predicate: Callable[[Snapshot], bool], timeout: float = 5.0
    ) -> Snapshot | None:
        """Poll :meth:`latest` until ``predicate`` holds (threaded mode helper for tests and
        scripts); returns that snapshot, or None after ``timeout`` seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            snap = self.latest()
            if predicate(snap):
                return snap
            if time.perf_counter() > deadline:
                return None
            time.sleep(0.002)

    # ------------------------------------------------------------------ commands
    def _send(self, name: str, *args: object, key: object = None) -> None:
        if not self._closed:
            self._queue.put(Command(name, args, key))

    def _send_task(self, name: str, *args: object) -> None:
        key = self._task.command_key(name, args)
        self._send("task", name, args, key=None if key is None else ("task", key))

    def play(self) -> None:
        """Run training at the set speed (after a divergence: from the last good state)."""
        self._send("play")

    def pause(self) -> None:
        """Stop training after the current epoch (the animation is not affected)."""
        self._send("pause")

    def step_epoch(self) -> None:
        """Train exactly one epoch (meant for the paused state)."""
        self._send("step")

    def restart(self) -> None:
        """Start over from the same initial weights (reproducible): epoch 0, history
        cleared, settings and freeze marks kept."""
        self._send("restart")

    def new_weights(self) -> None:
        """Start over from new random weights (the next weight seed); the data, settings
        and freeze marks stay."""
        self._send("new_weights")

    def reset(self) -> None:
        """The scenes' *Reset*: the same as :meth:`restart` (same seed, same weights)."""
        self.restart()

    def configure(self, **changes: object) -> None:
        """Change settings of the task's config by name (validated in the worker). Each
        field is its own command, so a stream of changes to one field coalesces."""
        for name, value in changes.items():
            self._send("set", name, value, key=("set", name))

    def set_learning_rate(self, lr: float) -> None:
        """New learning rate from the next step; weights and optimizer state are kept.

        While diverged it also rewinds to the last good state and carries on.
        """
        self.configure(learning_rate=lr)

    def set_batch_size(self, n: int) -> None:
        self.configure(batch_size=n)

    def set_noise(self, x: float) -> None:
        """Input noise; the samples stay the same, only the noise changes."""
        self.configure(noise=x)

    def set_optimizer(self, name: str) -> None:
        """Switch optimizer; moments and step count carry over."""
        self.configure(optimizer=name)

    def set_clip_norm(self, x: float) -> None:
        self.configure(clip_norm=x)

    def set_ablation(self, ablation: LSTMAblation) -> None:
        """Change the LSTM cell (fix gates at 1, pick activations); training continues
        with the changed cell from the next step, keeping the weights."""
        self.configure(ablation=ablation)

    def select_sample(self, index: int) -> None:
        """Trace sample ``index`` from now on (and re-trace the epoch shown now)."""
        self.configure(display_sample=index)

    def set_hidden_size(self, n: int, layer: int | None = None) -> None:
        """Resize one recurrent layer (or all): units that remain keep their weights."""
        self._send_task("hidden", n, layer)

    def add_layer(self, index: int, size: int | None = None) -> None:
        """Insert a fresh layer at ``index`` (0 = nearest the input); the others keep
        their weights. ``size`` defaults to the size of a neighbouring layer."""
        self._send_task("add_layer", index, size)

    def remove_layer(self, index: int) -> None:
        """Remove layer ``index``; the others keep their weights."""
        self._send_task("remove_layer", index)

    def add_neuron(self, layer: int) -> None:
        """MLP: one more neuron in hidden layer ``layer`` (the others keep their weights)."""
        self._send_task("add_neuron", layer)

    def remove_neuron(self, layer: int, unit: int | None = None) -> None:
        """MLP: remove neuron ``unit`` (default: the last) of hidden layer ``layer``."""
        self._send_task("remove_neuron", layer, unit)

    def set_activation(self, layer: int, name: str) -> None:
        """MLP: hidden layer ``layer``'s activation (sigmoid, tanh, relu, linear)."""
        self._send_task("activation", layer, name)

    def freeze(self, name: str, index: object = None, on: bool = True) -> None:
        """Freeze (or unfreeze) one entry, or all, of parameter ``name``: it keeps its value
        while training goes on."""
        self._send_task("freeze", name, index, on)

    def set_frozen(self, mask: np.ndarray) -> None:
        """Replace the whole freeze mask (flat, one entry per parameter; non-zero = frozen)."""
        self._send_task("set_frozen", np.array(mask, copy=True))

    def set_weight(self, name: str, index: object, value: float) -> None:
        """Set one entry of parameter ``name`` (e.g. ``("layer0.W", (0, 1), 0.5)``)."""
        self._send_task("set_weight", name, index, value)

    def set_dataset(self, name: str, text_path: str | None = None) -> None:
        """Train on another dataset. A new task starts from fresh weights (epoch 0): a loss
        curve that continues from another task's weights would only confuse. A dataset that
        cannot be built (e.g. a bad text file) leaves everything as it was, status "error"."""
        self._send("dataset", name, text_path)

    def set_speed(self, epochs_per_second: float | None) -> None:
        """Epochs per second (0.05 to 10000), or None for as fast as possible."""
        self._send("speed", epochs_per_second, key=("speed",))

    def set_lockstep(self, on: bool) -> None:
        """When on, each epoch waits until :meth:`animation_done` reports the previous one."""
        self._send("lockstep", on, key=("lockstep",))

    def animation_done(self, epoch: int) -> None:
        """The animation finished showing ``epoch`` (releases the next epoch in lockstep)."""
        self._send("anim_done", epoch)

    def seek(self, epoch: int | None) -> None:
        """Show history entry ``epoch`` (``viewing``/``view_record``); None follows live.

        Training is not touched.
        """
        self._send("seek", epoch, key=("seek",))

    def resume_from(self, epoch: int) -> None:
        """Restore entry ``epoch``'s full training state and settings, drop the later
        history and continue from there (the numbers repeat the original run)."""
        self._send("resume", epoch)

    # ------------------------------------------------------------------ synchronous mode
    def advance(self, dt: float | None = None) -> Snapshot:
        """Synchronous mode: apply queued commands, push ``dt`` seconds into the sim clock
        and train the epochs that are due, in the caller's thread. Without ``dt`` the time
        since the previous call is read from the time source. Returns the newest snapshot.
        """
        if self._threaded:
            raise RuntimeError("advance() is for sessions made with threaded=False")
        if self._closed:
            return self.latest()
        if dt is None:
            now = self._time.now()
            dt = 0.0 if self._last_now is None else max(now - self._last_now, 0.0)
            self._last_now = now
        self._ensure_booted()
        self._guarded_tick(float(dt))
        return self.latest()

    def run_pending(self) -> Snapshot:
        """Synchronous mode: apply queued commands (and a requested single step) now."""
        return self.advance(0.0)

    # ------------------------------------------------------------------ the worker
    def _worker(self) -> None:
        try:
            self._ensure_booted()
        except _Stopped:
            return
        except Exception as exc:  # a bug while building: report, keep taking commands
            self._recover(exc)
        last = self._time.now()
        while not self._stop:
            now = self._time.now()
            dt, last = max(now - last, 0.0), now
            self._guarded_tick(dt)
            if self._stop:
                break
            try:
                self._wait(self._wait_time())
            except Exception as exc:  # pragma: no cover - the queue itself failing
                self._recover(exc)

    def _guarded_tick(self, dt: float) -> None:
        """One worker iteration; an exception (a bug) is reported and recovered from."""
        try:
            self._tick(dt)
        except _Stopped:
            raise
        except Exception as exc:  # the worker must report and go on, never vanish
            self._recover(exc)

    def _recover(self, exc: BaseException) -> None:
        """Report an internal error and continue from the newest history entry (the last
        good state). Queued commands stay queued. After several failures in a row training
        pauses, so a deterministic bug cannot spin."""
        self._failures += 1
        self._error = True
        where = ""
        with contextlib.suppress(Exception):
            if self._trainer is not None and len(self._history):
                state, record = self._reconstruct(self._history.last)
                self._cfg = record.config
                self._data = self._data_for(record.config)
                self._restore(state, record)
                where = f"; restarted from epoch {record.epoch}, the last good state"
        if self._failures >= _MAX_FAILURES:
            self._clock.paused = True
            where += "; training is paused after repeated errors"
        self._message = (
            f"An internal error interrupted training ({type(exc).__name__}: {_sentence(exc)})"
            f"{where}."
        )
        with contextlib.suppress(Exception):
            self._publish()

    def _wait(self, timeout: float) -> None:
        if timeout <= 0.0:
            return
        with contextlib.suppress(queue.Empty):
            self._pending.append(self._queue.get(timeout=timeout))

    def _wait_time(self) -> float:
        if self._trainer is None or self._diverged or self._lockstep_blocked():
            return _PAUSED_WAIT
        if self._clock.paused:
            return _PAUSED_WAIT
        if self._clock.unbounded:
            return 0.0
        due_in = (1.0 - self._clock.fraction) / max(self._clock.rate, 1e-9)
        return min(max(due_in, 0.0005), _MAX_WAIT)

    def _ensure_booted(self) -> None:
        if self._booted:
            return
        self._booted = True
        if self._run_warmup:
            self._compiling = True
            self._progress = 0.0
            self._label = "compiling the training kernels"
            self._publish()
            try:
                warmup(progress=self._on_progress, dtypes=(self._cfg.dtype,))
            except _Stopped:
                raise
            except Exception as exc:
                self._compiling = False
                self._error = True
                self._message = f"Compiling the training kernels failed: {exc}"
                self._clock.paused = True
                self._publish()
                return
            self._compiling = False
        self._progress = 1.0
        self._label = ""
        data = self._try_data(self._cfg)
        if data is not None:
            self._data = data
            self._start_run(self._task.build_model(self._cfg, data))
        self._publish()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        if self._stop:
            raise _Stopped
        self._progress = done / total if total else 1.0
        self._label = f"compiling {name}" if done < total else "compiled"
        self._publish()

    def _tick(self, dt: float) -> None:
        """One worker iteration: commands, then the epochs the clock says are due."""
        self._drain()
        n = self._clock.advance(dt)
        if self._trainer is None or self._diverged:
            return
        if self._owed and not self._lockstep_blocked():
            n, self._owed = max(n, 1), False
        for _ in range(n):
            if self._lockstep_blocked():
                self._owed = True
                self._publish()
                break
            self._run_epoch()
            if self._diverged or self._stop:
                break
            self._drain()
            if self._trainer is None or self._clock.paused:
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
                self._apply(cmd)
            except (ValueError, IndexError, TypeError, KeyError) as exc:
                self._message = _sentence(exc)  # an invalid command: say why, change nothing
            except Exception as exc:  # a bug must not kill the worker
                self._message = f"Command {cmd.name!r} failed: {_sentence(exc)}"
            changed = True
        if changed:
            self._publish()

    # ------------------------------------------------------------------ commands (worker)
    def _apply(self, cmd: Command) -> None:
        name, args = cmd.name, cmd.args
        if name == "anim_done":
            self._anim_done = max(self._anim_done, int(args[0]))
            return
        if name == "speed":
            speed = _check_speed(args[0])
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
        raise ValueError(f"Unknown command {name!r}.")

    def _ok(self) -> None:
        """A command succeeded: clear a sticky error and its message."""
        self._error = False
        self._failures = 0
        self._message = ""

    def _play_or_step(self, name: str) -> None:
        if self._trainer is None:
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
        if self._data is None:
            raise ValueError("There is no model to restart; choose a dataset first.")
        if new_seed:
            self._cfg = self._cfg.with_changes(weight_seed=(self._cfg.init_seed + 1) % _SEED_LIMIT)
        model = self._task.build_model(self._cfg, self._data)
        old = self._trainer.model if self._trainer is not None else None
        if old is not None and old.frozen.shape == model.frozen.shape:
            model.frozen[:] = old.frozen  # freezing is the person's choice, not a weight
        self._start_run(model)
        self._ok()

    def _set(self, field: str, value: object) -> None:
        old = self._cfg
        cfg = old.with_changes(**{field: value})
        if cfg.structure_key() != old.structure_key():
            raise ValueError(f"Changing {field} changes the network's shape; not a setting.")
        if cfg.data_key() != old.data_key():
            self._data = self._data_for(cfg)  # may raise DatasetError: nothing changed yet
        self._cfg = cfg
        if self._trainer is not None:
            self._task.apply_settings(self._trainer, cfg)
            if field in type(cfg).VIEW_FIELDS or cfg.data_key() != old.data_key():
                self._reobserve()
        if self._diverged and field == "learning_rate":
            self._rewind_to_good()
            if self._resume_play:
                self._clock.paused = False
            return  # the recovery message stays until the next action
        self._ok()

    def _task_command(self, name: str, args: tuple) -> None:
        model = self._require_model()
        change = self._task.command(name, args, self._cfg, model, self._data)
        trainer = self._trainer
        assert trainer is not None
        self._cfg = change.config
        if isinstance(change, Restructure):
            trainer.set_model(change.model)
        self._task.apply_settings(trainer, self._cfg)
        # The history's entries belong to the old weights or shape: a replay cannot cross
        # this change, so the next epoch is a keyframe. A fresh record of the current epoch
        # (not filed in the history) keeps every view consistent with the changed model.
        self._seg_start = self._epoch + 1
        self._kf_interval = None
        self._diverged = False
        self._diverged_epoch = None
        self._reobserve()
        self._ok()

    def _reobserve(self) -> None:
        """Re-record the current epoch (and re-seek) after a change the views must see."""
        if self._trainer is None or self._data is None:
            return
        train_loss = self._record.train_loss if self._record is not None else float("nan")
        self._record, _ = self._make_record(self._epoch, train_loss, None)
        if self._viewing is not None:
            with contextlib.suppress(ValueError):
                _, self._view_record = self._reconstruct(self._viewing)

    def _set_dataset(self, name: str, text_path: str | None) -> None:
        changes: dict[str, object] = {"dataset": name}
        if hasattr(self._cfg, "text_path"):
            changes["text_path"] = text_path
        elif text_path is not None:
            raise ValueError("This task does not read text files.")
        cfg = self._cfg.with_changes(**changes)
        data = self._try_data(cfg)
        if data is None:
            return  # status "error" with the dataset's message; the old data stays
        self._cfg = cfg
        self._data = data
        self._start_run(self._task.build_model(cfg, data))
        self._ok()

    def _try_data(self, cfg: Any) -> Any:
        try:
            return self._data_for(cfg)
        except (DatasetError, ValueError, OSError) as exc:
            self._error = True
            self._message = _sentence(exc)
            return None

    def _require_model(self) -> Model:
        if self._trainer is None:
            raise ValueError("There is no model yet; choose a dataset first.")
        return self._trainer.model

    def _data_for(self, cfg: Any) -> Any:
        key = cfg.data_key()
        data = self._data_cache.get(key)
        if data is None:
            data = self._task.build_data(cfg)
            self._data_cache[key] = data
            while len(self._data_cache) > _DATA_CACHE:
                self._data_cache.popitem(last=False)
        else:
            self._data_cache.move_to_end(key)
        return data

    # ------------------------------------------------------------------ training (worker)
    def _start_run(self, model: Model) -> None:
        """Start a fresh run on ``model``: epoch 0, empty history, fresh optimizer state."""
        assert self._data is not None
        if self._trainer is None:
            self._trainer = Trainer(model)
        else:
            self._trainer.set_model(model)
        self._task.apply_settings(self._trainer, self._cfg)
        if self._diverged and self._resume_play:
            self._clock.paused = False  # recover into the play state before the divergence
        self._clock.reset()
        self._diverged = False
        self._diverged_epoch = None
        self._owed = False
        self._epoch = 0
        self._anim_done = 0
        self._history.clear()
        self._losses.clear()
        self._stability.reset()
        self._unstable = ""
        self._seg_start = 0
        self._kf_interval = None
        self._viewing = None
        self._view_record = None
        self._commit(*self._make_record(0, float("nan"), None))

    def _train_epoch(self, trainer: Trainer, data: Any, cfg: Any, epoch: int) -> _EpochResult:
        task = self._task
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
        trainer, data, cfg = self._trainer, self._data, self._cfg
        assert trainer is not None and data is not None
        t0 = time.perf_counter()
        epoch = self._epoch + 1
        result = self._train_epoch(trainer, data, cfg, epoch)
        val = float("nan")
        if result.ok:
            val = self._task.validation_loss(trainer, data, cfg)
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
            "lower the learning rate or press reset."
        )
        self._publish()

    def _make_record(
        self, epoch: int, train_loss: float, val_loss: float | None
    ) -> tuple[EpochRecord, tuple[float, ...]]:
        trainer, data, cfg = self._trainer, self._data, self._cfg
        assert trainer is not None
        if val_loss is None:
            val_loss = self._task.validation_loss(trainer, data, cfg)
        obs = self._task.observe(trainer, data, cfg)
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
        )
        return record, obs.curves

    def _commit(self, record: EpochRecord, curves: tuple[float, ...] = ()) -> None:
        """Publish ``record`` as the newest epoch and file it in the history."""
        trainer = self._trainer
        assert trainer is not None
        self._record = record
        self._losses.append(record.epoch, record.train_loss, record.val_loss, *curves)
        offset = record.epoch - self._seg_start
        keyframe = offset >= 0 and offset % (self._kf_interval or 1) == 0
        if keyframe or self._kf_interval is None:
            state = trainer.snapshot(epoch=record.epoch)
            if self._kf_interval is None:
                per_entry = _nbytes(state) + _nbytes(record) + 4096
                budget = max(self._history_bytes, 1)
                cap = self._history.capacity
                # At most capacity // 8 apart: the ring always holds several keyframes, and
                # rebuilding an entry never replays more than that many epochs.
                self._kf_interval = min(
                    max(1, math.ceil(cap * per_entry / budget)), max(1, cap // 8)
                )
                keyframe = offset >= 0 and offset % self._kf_interval == 0
        if keyframe:
            entry = HistoryEntry(replace(record, params=state.params), state)
        else:
            entry = HistoryEntry(_light(record), None)
        self._history.append(entry)
        self._publish()

    def _reconstruct(self, epoch: int) -> tuple[TrainingSnapshot, EpochRecord]:
        """Full state and record of history entry ``epoch``, shown with the current view
        settings, replaying from the nearest keyframe when the entry is not one
        (bit-identical: epochs are determined by the state before them and their recorded
        settings)."""
        entry = self._history.get(epoch)
        if entry is None:
            raise ValueError(
                f"Epoch {epoch} is not in the history; it holds epochs "
                f"{self._history.first} to {self._history.last}."
            )
        cfg = _with_view(entry.record.config, self._cfg)
        if entry.state is not None and cfg is entry.record.config:
            return entry.state, entry.record
        key = self._history.keyframe_at_or_before(epoch)
        assert key is not None and key.state is not None
        trainer = Trainer(key.state.model.copy(), loss=key.state.loss)
        trainer.restore(key.state)
        for e in self._history.entries_between(key.epoch, epoch):
            ecfg = e.record.config
            self._train_epoch(trainer, self._data_for(ecfg), ecfg, e.epoch)
        data = self._data_for(cfg)
        self._task.apply_settings(trainer, cfg)
        obs = self._task.observe(trainer, data, cfg)
        state = trainer.snapshot(epoch=epoch)
        record = replace(
            entry.record,
            trace=obs.trace,
            prediction=obs.prediction,
            metrics=obs.metrics,
            plane=obs.plane,
            params=state.params,
            config=cfg,
        )
        return state, record

    def _seek(self, epoch: int | None) -> None:
        if epoch is None:
            self._viewing = None
            self._view_record = None
            return self._ok()
        epoch = int(epoch)
        _, record = self._reconstruct(epoch)
        self._viewing = epoch
        self._view_record = record
        self._ok()

    def _resume(self, epoch: int) -> None:
        state, record = self._reconstruct(epoch)
        cfg = record.config
        self._data = self._data_for(cfg)
        self._cfg = cfg
        self._restore(state, record)
        self._ok()

    def _restore(self, state: TrainingSnapshot, record: EpochRecord) -> None:
        trainer = self._trainer
        assert trainer is not None
        trainer.restore(state)
        self._task.apply_settings(trainer, self._cfg)
        self._epoch = record.epoch
        self._record = record
        self._history.truncate_after(record.epoch)
        self._losses.truncate_after(record.epoch)
        self._seg_start = record.epoch + 1
        self._kf_interval = None
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
        entries = self._history.entries()
        if not entries:
            self._start_run(self._task.build_model(self._cfg, self._data))
            return
        best = min(e.record.val_loss for e in entries)
        good = next(e for e in reversed(entries) if e.record.val_loss <= 2.0 * best)
        state, record = self._reconstruct(good.epoch)
        # The entry's shape and task, with the current hyper-parameters (the new rate).
        cur = self._cfg
        keep = ("learning_rate", "optimizer", "batch_size", "clip_norm", "noise")
        self._cfg = record.config.with_changes(
            **{f: getattr(cur, f) for f in keep if hasattr(cur, f)}
        )
        self._data = self._data_for(self._cfg)
        self._restore(state, record)
        self._message = (
            f"Went back to epoch {record.epoch}, the last good state before the divergence."
        )

    # ------------------------------------------------------------------ publishing
    def _publish(self) -> None:
        trainer = self._trainer
        epochs, train, val = self._losses.arrays()
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
        self._latest = Snapshot(
            config=self._cfg,
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
            record=self._record,
            layer_sizes=sizes,
            params=params,
            message=self._message,
            history_first=self._history.first,
            history_last=self._history.last,
            viewing=self._viewing,
            view_record=self._view_record,
            lockstep=self._lockstep,
            speed=self._speed,
            waiting_for_animation=self._lockstep_blocked() and not self._clock.paused,
            task=self._task.name,
            diverged_epoch=self._diverged_epoch if self._diverged else None,
            unstable=self._unstable,
            curves=types.MappingProxyType(self._losses.curves()),
        )

    # ------------------------------------------------------------------ introspection
    @property
    def history_len(self) -> int:
        """Entries in the history (for tests and the memory display)."""
        return len(self._history)

    @property
    def keyframe_interval(self) -> int:
        """Every how many epochs the history stores a full training state."""
        return self._kf_interval or 1


def _check_speed(speed: float | None) -> float | None:
    if speed is None:
        return None
    v = float(speed)
    if not math.isfinite(v) or not MIN_SPEED <= v <= MAX_SPEED:
        raise ValueError(
            f"Speed must be between {MIN_SPEED:g} and {MAX_SPEED:g} epochs per second, "
            f"or None for as fast as possible; got {speed!r}."
        )
    return v


def _sentence(exc: BaseException) -> str:
    """One line for the snapshot's message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, KeyError) and text.startswith(("'", '"')):
        text = text[1:-1]
    return text
