"""The training session: model + optimizer + data, trained epoch by epoch on a sim clock.

Threading model
---------------
Training runs in one worker thread (the numba kernels are ``nogil``, so the render thread
keeps its frame rate). The worker owns *all* mutable training state; nobody else touches
it. Other threads talk to it in two ways only:

* **Commands** go in through a :class:`queue.Queue` (``play()``, ``set_learning_rate(x)``,
  ...). The worker applies them in order at the next epoch boundary. A command never
  raises in the worker: an invalid one becomes a one-line ``message`` in the snapshot.
* **Snapshots** come out: after every epoch and every batch of commands the worker builds
  an immutable :class:`~nnviz.sim.snapshot.Snapshot` and swaps it into one attribute.
  :meth:`TrainingSession.latest` reads that attribute: no lock, never blocks, latest wins.

The same code runs without a thread (``threaded=False``): :meth:`TrainingSession.advance`
pushes a dt and runs whatever is due in the caller's thread. Tests and headless screenshot
runs use that with fake time and get bit-identical numbers for a seed.

Time
----
The worker's :class:`~nnviz.anim.clock.SimClock` counts *epochs*: ``speed`` epochs per
second (0.2/s = "one every five seconds") or ``None`` for "as fast as possible". Paused,
the worker blocks on the command queue (no busy spin); between due epochs at a finite
speed it blocks on the queue until the next one is due, so a command still wakes it at once.

Epochs
------
Epoch ``k`` = the optimizer steps over ``samples_per_epoch`` training windows (a fresh
subset, shuffled, drawn from a generator seeded by ``(seed, k)``), then the validation loss
over all validation windows, then a trace of one fixed validation window. Seeding each
epoch by its number (rather than carrying one generator along) is what makes resuming
from any history entry reproduce the original run exactly: the state after epoch ``k``
plus the settings of epoch ``k + 1`` determine epoch ``k + 1`` completely.
Epoch 0 is the untrained model (it has a validation loss and a trace, no train loss).

History
-------
A ring of the last ``history_len`` (256) epochs for scrubbing (:meth:`seek`) and resuming
(:meth:`resume_from`). Small models store the full training state (parameters and
optimizer moments) and the trace of every entry. For large models that would cost
hundreds of megabytes, so the session keeps a byte budget (``history_bytes``): it stores
the full state and trace only every ``k``-th epoch (a *keyframe*) with ``k`` chosen to fit,
keeps the small record (losses, prediction) of every epoch, and rebuilds a missing entry
on demand by replaying the epochs from the nearest keyframe with the settings recorded
for each. Because epochs are deterministic the replay is bit-identical. Changing the
architecture makes the next epoch a keyframe, since a replay cannot cross that change.

Divergence
----------
An epoch whose loss becomes NaN, infinite or larger than :data:`DIVERGENCE_LOSS` (the core
refuses non-finite updates, so parameters never turn NaN) pauses training with status
"diverged" and a message naming the epoch and the cause. Changing the learning rate,
pressing play or step rewinds to the last good history entry first; reset starts over.
"""

from __future__ import annotations

import contextlib
import math
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from nnviz.anim.clock import MonotonicTimeSource, SimClock, TimeSource
from nnviz.core import (
    LSTM,
    RNN,
    LSTMAblation,
    OptimizerConfig,
    Trainer,
    TrainingSnapshot,
    warmup,
)
from nnviz.core.datasets import Dataset, DatasetError, TextDataset, make_dataset
from nnviz.core.recurrent import RecurrentModel

from .config import SessionConfig
from .history import History, HistoryEntry, LossHistory
from .snapshot import EpochRecord, Prediction, Snapshot, readonly

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


class _Stopped(Exception):
    """Raised inside the worker to abandon a warm-up when the session closes."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, eq=False)
class _Data:
    """A dataset plus private, writable kernel-ready copies of its arrays.

    Writable copies on purpose: the dataset's arrays are read-only, and numba compiles a
    separate (slow, un-warmed) specialisation of every kernel for read-only arrays. Text
    targets are one-hot encoded once here rather than by the trainer on every call.
    """

    dataset: Dataset
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    n_in: int
    n_out: int

    @property
    def n_train(self) -> int:
        return int(self.x_train.shape[0])

    @property
    def n_val(self) -> int:
        return int(self.x_val.shape[0])


def _build_data(cfg: SessionConfig) -> _Data:
    ds = make_dataset(
        cfg.dataset,
        seed=cfg.seed,
        noise=0.0 if cfg.is_text else cfg.noise,
        seq_len=cfg.seq_len,
        n_samples=cfg.n_samples,
        val_fraction=cfg.val_fraction,
        dtype=cfg.dtype,
        text_path=cfg.text_path if cfg.dataset == "text_file" else None,
    )
    dt = np.dtype(cfg.dtype)

    def target(y: np.ndarray) -> np.ndarray:
        if isinstance(ds, TextDataset):
            return np.eye(ds.vocab_size, dtype=dt)[y]
        return np.array(y, dtype=dt, copy=True)

    return _Data(
        dataset=ds,
        x_train=np.array(ds.x_train, dtype=dt, copy=True),
        y_train=target(ds.y_train),
        x_val=np.array(ds.x_val, dtype=dt, copy=True),
        y_val=target(ds.y_val),
        n_in=int(ds.n_inputs),
        n_out=int(ds.n_outputs),
    )


def _build_model(cfg: SessionConfig, data: _Data) -> RecurrentModel:
    if cfg.cell == "lstm":
        return LSTM(
            data.n_in,
            list(cfg.hidden),
            data.n_out,
            ablation=cfg.ablation,
            seed=cfg.seed,
            dtype=cfg.dtype,
        )
    return RNN(data.n_in, list(cfg.hidden), data.n_out, seed=cfg.seed, dtype=cfg.dtype)


def _optimizer(cfg: SessionConfig) -> OptimizerConfig:
    return OptimizerConfig(cfg.optimizer, lr=cfg.learning_rate, clip_norm=cfg.clip_norm)


def _apply_settings(trainer: Trainer, cfg: SessionConfig) -> None:
    """Make the trainer use ``cfg``'s loss, optimizer and cell ablation (optimizer state
    and weights are kept: the change takes effect at the next step)."""
    model = trainer.model
    if isinstance(model, LSTM) and model.ablation != cfg.ablation:
        model.ablation = cfg.ablation
    opt = _optimizer(cfg)
    if trainer.optimizer != opt:
        trainer.optimizer = opt
    if trainer.loss != cfg.loss:
        trainer.loss = cfg.loss


def _carry_overlap(old: RecurrentModel, new: RecurrentModel) -> None:
    """Copy into ``new`` every weight of ``old`` that still has a place after a resize.

    Unit ``j`` of a layer keeps its incoming, recurrent and outgoing weights when it still
    exists (``j < min(old, new size)``), gate block by gate block, so a widened layer is
    the old layer plus fresh units and a narrowed one is the old layer minus its last units.
    """
    for name in new.param_names():
        if name not in old.layout.entries:
            continue
        src, dst = old.param(name), new.param(name)
        if name.startswith("layer"):
            g = new.gates
            hs, hd = src.shape[-1] // g, dst.shape[-1] // g
            h = min(hs, hd)
            rows = min(src.shape[0], dst.shape[0]) if dst.ndim == 2 else None
            for k in range(g):
                if rows is None:
                    dst[k * hd : k * hd + h] = src[k * hs : k * hs + h]
                else:
                    dst[:rows, k * hd : k * hd + h] = src[:rows, k * hs : k * hs + h]
        elif dst.ndim == 2:
            rows = min(src.shape[0], dst.shape[0])
            cols = min(src.shape[1], dst.shape[1])
            dst[:rows, :cols] = src[:rows, :cols]
        else:
            n = min(src.shape[0], dst.shape[0])
            dst[:n] = src[:n]


# --------------------------------------------------------------------------- epochs


def _epoch_indices(cfg: SessionConfig, n_train: int, epoch: int) -> np.ndarray:
    """(steps, batch) window indices of epoch ``epoch``: a function of (seed, epoch) only."""
    rng = np.random.default_rng([cfg.seed, 0x5E55, epoch])
    k = min(cfg.samples_per_epoch, n_train)
    chosen = rng.permutation(n_train)[:k]
    b = min(cfg.batch_size, k)
    steps = k // b
    return chosen[: steps * b].reshape(steps, b)


@dataclass(frozen=True)
class _EpochResult:
    train_loss: float
    ok: bool
    cause: str = ""


def _train_epoch(trainer: Trainer, data: _Data, cfg: SessionConfig, epoch: int) -> _EpochResult:
    _apply_settings(trainer, cfg)
    idx = _epoch_indices(cfg, data.n_train, epoch)
    res = trainer.run_indices(data.x_train, data.y_train, idx)
    if not res.ok:
        last = float(res.losses[-1]) if res.losses.size else float("nan")
        return _EpochResult(last, False, _cause(last, update=True))
    loss = float(np.mean(res.losses)) if res.losses.size else float("nan")
    if not math.isfinite(loss) or loss > DIVERGENCE_LOSS:
        return _EpochResult(loss, False, _cause(loss))
    return _EpochResult(loss, True)


def _cause(loss: float, update: bool = False) -> str:
    if math.isnan(loss):
        return "the loss became NaN"
    if math.isinf(loss):
        return "the loss became infinite"
    if loss > DIVERGENCE_LOSS:
        return f"the loss exploded to {loss:.3g}"
    return "the weight update overflowed" if update else "the loss stopped being a number"


def _prediction(trace, data: _Data, top_k: int) -> Prediction:
    ds = data.dataset
    x = np.asarray(trace.layers[0].x)
    out = np.asarray(trace.head_out)
    tgt = np.asarray(trace.target)
    if isinstance(ds, TextDataset):
        vocab = ds.vocab
        inp = np.argmax(x, axis=1)
        target = np.argmax(tgt, axis=1)
        k = min(top_k, out.shape[1])
        order = np.argsort(-out, axis=1, kind="stable")[:, :k]
        probs = np.take_along_axis(out, order, axis=1).astype(np.float64)
        return Prediction(
            kind="text",
            input=readonly(inp),
            target=readonly(target),
            output=readonly(order[:, 0]),
            input_text=ds.decode(inp),
            target_text=ds.decode(target),
            output_text=ds.decode(order[:, 0]),
            topk_chars=tuple(tuple(vocab[i] for i in row) for row in order.tolist()),
            topk_probs=readonly(probs),
        )
    return Prediction(
        kind="regression",
        input=readonly(x[:, 0]),
        target=readonly(tgt[:, 0]),
        output=readonly(out[:, 0]),
    )


def _trace(trainer: Trainer, data: _Data, cfg: SessionConfig):
    i = min(cfg.display_sample, data.n_val - 1)
    return trainer.trace(data.x_val[i : i + 1], data.y_val[i : i + 1], 0)


def _state_bytes(state: TrainingSnapshot, record: EpochRecord) -> int:
    n = state.params.nbytes + state.frozen.nbytes + state.m.nbytes + state.v.nbytes
    tr = record.trace
    if tr is not None:
        n += tr.grads.nbytes + tr.head_out.nbytes * 4
        for layer in tr.layers:
            for name in ("x", "h_prev", "c_prev", "pre", "act", "c", "tanh_c", "h", "dh", "dc"):
                a = getattr(layer, name)
                n += 0 if a is None else a.nbytes
            n += layer.dpre.nbytes
    return n + 4096  # records, dataclasses, the prediction


# --------------------------------------------------------------------------- the session


class TrainingSession:
    """Trains a recurrent net epoch by epoch in a worker thread; see the module docstring.

    Args:
        config: the starting settings (default: LSTM(16) on a sine).
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
        config: SessionConfig | None = None,
        *,
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
        self._threaded = bool(threaded)
        self._time: TimeSource = time_source or MonotonicTimeSource()
        self._queue: queue.SimpleQueue[tuple] = queue.SimpleQueue()
        self._inbox: list[tuple] = []
        self._thread: threading.Thread | None = None
        self._stop = False
        self._closed = False
        self._booted = False
        self._run_warmup = bool(run_warmup)
        self._last_now: float | None = None
        # -- worker-owned state ---------------------------------------------------------
        self._cfg = config if config is not None else SessionConfig()
        if not isinstance(self._cfg, SessionConfig):
            raise TypeError("config must be a SessionConfig")
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
        self._data: _Data | None = None
        self._data_cache: OrderedDict[tuple, _Data] = OrderedDict()
        self._trainer: Trainer | None = None
        self._epoch = 0
        self._epochs_total = 0
        self._record: EpochRecord | None = None
        self._history = History(history_len)
        self._losses = LossHistory(loss_history_len)
        self._history_bytes = int(history_bytes)
        self._kf_interval: int | None = None
        self._seg_start = 0
        self._diverged = False
        self._resume_play = False
        self._error = False
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

    def close(self, timeout: float = 10.0) -> bool:
        """Stop the worker and join it; idempotent. Returns False if it did not stop in time.

        A warm-up is abandoned between two kernels; a kernel already compiling finishes
        first (numba cannot be interrupted), which is what ``timeout`` is for.
        """
        self._closed = True
        self._stop = True
        thread = self._thread
        if thread is None:
            return True
        self._queue.put(("_wake",))
        thread.join(timeout)
        return not thread.is_alive()

    def __enter__(self) -> TrainingSession:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def threaded(self) -> bool:
        return self._threaded

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
    def _send(self, *command: object) -> None:
        if not self._closed:
            self._queue.put(command)

    def play(self) -> None:
        """Run training at the set speed."""
        self._send("play")

    def pause(self) -> None:
        """Stop training after the current epoch (the animation is not affected)."""
        self._send("pause")

    def step_epoch(self) -> None:
        """Train exactly one epoch (meant for the paused state)."""
        self._send("step")

    def reset(self) -> None:
        """Fresh weights from the seed, epoch 0, history cleared; settings are kept."""
        self._send("reset")

    def set_learning_rate(self, lr: float) -> None:
        """New learning rate from the next step; weights and optimizer state are kept.

        While diverged it also rewinds to the last good state and carries on.
        """
        self._send("set", "learning_rate", lr)

    def set_batch_size(self, n: int) -> None:
        self._send("set", "batch_size", n)

    def set_noise(self, x: float) -> None:
        """Input noise of the sequence sets; the windows stay the same, only the noise changes."""
        self._send("set", "noise", x)

    def set_optimizer(self, name: str) -> None:
        """Switch optimizer; moments and step count carry over."""
        self._send("set", "optimizer", name)

    def set_clip_norm(self, x: float) -> None:
        self._send("set", "clip_norm", x)

    def set_ablation(self, ablation: LSTMAblation) -> None:
        """Change the LSTM cell (fix gates at 1, pick activations); training continues
        with the changed cell from the next step, keeping the weights."""
        self._send("set", "ablation", ablation)

    def set_hidden_size(self, n: int, layer: int | None = None) -> None:
        """Resize one layer (or all): units that remain keep their weights."""
        self._send("hidden", n, layer)

    def add_layer(self, index: int, size: int | None = None) -> None:
        """Insert a fresh layer at ``index`` (0 = bottom); the others keep their weights.

        ``size`` defaults to the size of the layer it is inserted next to.
        """
        self._send("add", index, size)

    def remove_layer(self, index: int) -> None:
        """Remove layer ``index``; the others keep their weights."""
        self._send("remove", index)

    def set_dataset(self, name: str, text_path: str | None = None) -> None:
        """Train on another dataset. A new task starts from fresh weights (epoch 0): a loss
        curve that continues from another task's weights would only confuse. A dataset that
        cannot be built (e.g. a bad text file) leaves everything as it was, status "error"."""
        self._send("dataset", name, text_path)

    def set_speed(self, epochs_per_second: float | None) -> None:
        """Epochs per second (0.05 to 10000), or None for as fast as possible."""
        self._send("speed", epochs_per_second)

    def set_lockstep(self, on: bool) -> None:
        """When on, each epoch waits until :meth:`animation_done` reports the previous one."""
        self._send("lockstep", on)

    def animation_done(self, epoch: int) -> None:
        """The animation finished showing ``epoch`` (releases the next epoch in lockstep)."""
        self._send("anim_done", epoch)

    def seek(self, epoch: int | None) -> None:
        """Show history entry ``epoch`` (``viewing``/``view_record``); None follows live.

        Training is not touched.
        """
        self._send("seek", epoch)

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
        self._tick(float(dt))
        return self.latest()

    def run_pending(self) -> Snapshot:
        """Synchronous mode: apply queued commands (and a requested single step) now."""
        return self.advance(0.0)

    # ------------------------------------------------------------------ the worker
    def _worker(self) -> None:
        try:
            self._ensure_booted()
            last = self._time.now()
            while not self._stop:
                now = self._time.now()
                dt, last = max(now - last, 0.0), now
                self._tick(dt)
                if self._stop:
                    break
                self._wait(self._wait_time())
        except _Stopped:
            pass
        except Exception as exc:  # the worker must report, never vanish
            self._error = True
            self._message = f"Training stopped on an internal error: {exc!r}"
            self._clock.paused = True
            self._publish()

    def _wait(self, timeout: float) -> None:
        if timeout <= 0.0:
            return
        with contextlib.suppress(queue.Empty):
            self._inbox.append(self._queue.get(timeout=timeout))

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
            self._new_model(_build_model(self._cfg, data))
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
            try:
                self._run_epoch()
            except Exception as exc:  # report, pause, stay responsive
                self._error = True
                self._clock.paused = True
                self._message = f"Training stopped: {_sentence(exc)}"
                self._publish()
                break
            if self._diverged or self._stop:
                break
            self._drain()
            if self._trainer is None or self._clock.paused:
                break

    def _lockstep_blocked(self) -> bool:
        return self._lockstep and self._anim_done < self._epoch

    def _drain(self) -> None:
        commands, self._inbox = self._inbox, []
        while True:
            try:
                commands.append(self._queue.get_nowait())
            except queue.Empty:
                break
        changed = False
        for cmd in commands:
            if cmd[0] == "_wake":
                continue
            try:
                self._apply(cmd)
            except (ValueError, IndexError, TypeError, KeyError) as exc:
                self._message = _sentence(exc)  # an invalid command: say why, change nothing
            except Exception as exc:  # a bug must not kill the worker
                self._message = f"Command {cmd[0]!r} failed: {_sentence(exc)}"
            changed = True
        if changed:
            self._publish()

    # ------------------------------------------------------------------ commands (worker)
    def _apply(self, cmd: tuple) -> None:
        name, *args = cmd
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
            if self._trainer is None:
                raise ValueError("There is no model to train; choose a dataset first.")
            if self._diverged:
                self._rewind_to_good()
            if name == "play":
                self._clock.paused = False
            else:
                self._clock.step()
            return self._ok()
        if name == "reset":
            if self._data is None:
                raise ValueError("There is no model to reset; choose a dataset first.")
            self._new_model(_build_model(self._cfg, self._data))
            return self._ok()
        if name == "set":
            field, value = args
            cfg = self._cfg.with_changes(**{field: value})
            if field == "noise" and cfg.data_key() != self._cfg.data_key():
                data = self._data_for(cfg)  # may raise DatasetError: nothing changed yet
                self._data = data
            self._cfg = cfg
            if self._trainer is not None:
                _apply_settings(self._trainer, cfg)
            if self._diverged and field == "learning_rate":
                self._rewind_to_good()
                if self._resume_play:
                    self._clock.paused = False
            return self._ok()
        if name == "hidden":
            return self._resize(int(args[0]), args[1])
        if name == "add":
            return self._add_layer(int(args[0]), args[1])
        if name == "remove":
            return self._remove_layer(int(args[0]))
        if name == "dataset":
            return self._set_dataset(args[0], args[1])
        if name == "resume":
            return self._resume(int(args[0]))
        raise ValueError(f"Unknown command {name!r}.")

    def _ok(self) -> None:
        """A command succeeded: clear a sticky error and its message."""
        self._error = False
        self._message = ""

    def _restructure(self, cfg: SessionConfig, model: RecurrentModel) -> None:
        """Train ``model`` (same task, new shape) from now on, keeping epoch and history."""
        assert self._trainer is not None and self._data is not None
        self._cfg = cfg
        self._trainer.set_model(model)
        self._seg_start = self._epoch + 1
        self._kf_interval = None
        self._diverged = False
        # A fresh record of the current epoch for the new shape, so the views never pair
        # a trace of the old network with the new layer sizes. It is not added to the
        # history (that entry belongs to the old shape).
        self._record = self._make_record(
            self._epoch, float("nan"), self._trainer, self._data, cfg, None
        )
        self._ok()

    def _resize(self, size: int, layer: int | None) -> None:
        old = self._require_model()
        hidden = list(self._cfg.hidden)
        if layer is None:
            hidden = [size] * len(hidden)
        else:
            if not 0 <= layer < len(hidden):
                raise IndexError(f"There is no layer {layer}; layers are 0 to {len(hidden) - 1}.")
            hidden[layer] = size
        cfg = self._cfg.with_changes(hidden=tuple(hidden))
        new = _build_model(cfg, self._data)  # type: ignore[arg-type]
        _carry_overlap(old, new)
        self._restructure(cfg, new)

    def _add_layer(self, index: int, size: int | None) -> None:
        old = self._require_model()
        hidden = self._cfg.hidden
        if not 0 <= index <= len(hidden):
            raise IndexError(f"A layer can be inserted at 0 to {len(hidden)}, not {index}.")
        if size is None:
            size = hidden[index - 1] if index > 0 else hidden[0]
        cfg = self._cfg.with_changes(hidden=(*hidden[:index], int(size), *hidden[index:]))
        self._restructure(cfg, old.with_layer_inserted(index, int(size)))

    def _remove_layer(self, index: int) -> None:
        old = self._require_model()
        hidden = self._cfg.hidden
        if len(hidden) == 1:
            raise ValueError("The network needs at least one layer; the last cannot be removed.")
        if not 0 <= index < len(hidden):
            raise IndexError(f"There is no layer {index}; layers are 0 to {len(hidden) - 1}.")
        cfg = self._cfg.with_changes(hidden=hidden[:index] + hidden[index + 1 :])
        self._restructure(cfg, old.with_layer_removed(index))

    def _set_dataset(self, name: str, text_path: str | None) -> None:
        cfg = self._cfg.with_changes(dataset=name, text_path=text_path)
        data = self._try_data(cfg)
        if data is None:
            return  # status "error" with the dataset's message; the old data stays
        self._cfg = cfg
        self._data = data
        self._new_model(_build_model(cfg, data))
        self._ok()

    def _try_data(self, cfg: SessionConfig) -> _Data | None:
        try:
            return self._data_for(cfg)
        except (DatasetError, ValueError, OSError) as exc:
            self._error = True
            self._message = _sentence(exc)
            return None

    def _require_model(self) -> RecurrentModel:
        if self._trainer is None:
            raise ValueError("There is no model yet; choose a dataset first.")
        return self._trainer.model  # type: ignore[return-value]

    def _data_for(self, cfg: SessionConfig) -> _Data:
        key = cfg.data_key()
        data = self._data_cache.get(key)
        if data is None:
            data = _build_data(cfg)
            self._data_cache[key] = data
            while len(self._data_cache) > _DATA_CACHE:
                self._data_cache.popitem(last=False)
        else:
            self._data_cache.move_to_end(key)
        return data

    # ------------------------------------------------------------------ training (worker)
    def _new_model(self, model: RecurrentModel) -> None:
        """Start a fresh run on ``model``: epoch 0, empty history, fresh optimizer state."""
        assert self._data is not None
        if self._trainer is None:
            self._trainer = Trainer(model, loss=self._cfg.loss, optimizer=_optimizer(self._cfg))
        else:
            _apply_settings(self._trainer, self._cfg)
            self._trainer.set_model(model)
        if self._diverged and self._resume_play:
            self._clock.paused = False  # recover into the play state before the divergence
        self._clock.reset()
        self._diverged = False
        self._owed = False
        self._epoch = 0
        self._anim_done = 0
        self._history.clear()
        self._losses.clear()
        self._seg_start = 0
        self._kf_interval = None
        self._viewing = None
        self._view_record = None
        record = self._make_record(0, float("nan"), self._trainer, self._data, self._cfg, None)
        self._commit(record)

    def _run_epoch(self) -> None:
        trainer, data, cfg = self._trainer, self._data, self._cfg
        assert trainer is not None and data is not None
        t0 = time.perf_counter()
        epoch = self._epoch + 1
        result = _train_epoch(trainer, data, cfg, epoch)
        if result.ok:
            val = trainer.evaluate(data.x_val, data.y_val)
            if not math.isfinite(val) or val > DIVERGENCE_LOSS:
                result = _EpochResult(result.train_loss, False, _cause(val))
        if not result.ok:
            self._diverged = True
            self._resume_play = not self._clock.paused
            self._clock.paused = True
            self._owed = False
            self._message = (
                f"Training diverged at epoch {epoch} ({result.cause}) — "
                "lower the learning rate or press reset."
            )
            self._publish()
            return
        record = self._make_record(epoch, result.train_loss, trainer, data, cfg, val)
        record = replace(record, wall_time=time.perf_counter() - t0)
        self._epoch = epoch
        self._epochs_total += 1
        self._commit(record)

    def _make_record(
        self,
        epoch: int,
        train_loss: float,
        trainer: Trainer,
        data: _Data,
        cfg: SessionConfig,
        val_loss: float | None,
    ) -> EpochRecord:
        if val_loss is None:
            val_loss = trainer.evaluate(data.x_val, data.y_val)
        trace = _trace(trainer, data, cfg)
        return EpochRecord(
            epoch=epoch,
            train_loss=float(train_loss),
            val_loss=float(val_loss),
            trace=trace,
            prediction=_prediction(trace, data, cfg.top_k),
            steps=int(trainer.step_count[0]),
            wall_time=0.0,
            config=cfg,
        )

    def _commit(self, record: EpochRecord) -> None:
        """Publish ``record`` as the newest epoch and file it in the history."""
        trainer = self._trainer
        assert trainer is not None
        self._record = record
        self._losses.append(record.epoch, record.train_loss, record.val_loss)
        offset = record.epoch - self._seg_start
        keyframe = offset >= 0 and offset % (self._kf_interval or 1) == 0
        if keyframe or self._kf_interval is None:
            state = trainer.snapshot(epoch=record.epoch)
            if self._kf_interval is None:
                per_entry = _state_bytes(state, record)
                budget = max(self._history_bytes, 1)
                cap = self._history.capacity
                # At most capacity // 8 apart: the ring always holds several keyframes, and
                # rebuilding an entry never replays more than that many epochs.
                self._kf_interval = min(
                    max(1, math.ceil(cap * per_entry / budget)), max(1, cap // 8)
                )
                keyframe = offset >= 0 and offset % self._kf_interval == 0
        if keyframe:
            entry = HistoryEntry(record, state)
        else:
            entry = HistoryEntry(replace(record, trace=None), None)
        self._history.append(entry)
        self._publish()

    def _reconstruct(self, epoch: int) -> tuple[TrainingSnapshot, EpochRecord]:
        """Full state and record (with trace) of history entry ``epoch``, replaying from the
        nearest keyframe when the entry is not one (bit-identical: epochs are determined by
        the state before them and their recorded settings)."""
        entry = self._history.get(epoch)
        if entry is None:
            raise ValueError(
                f"Epoch {epoch} is not in the history; it holds epochs "
                f"{self._history.first} to {self._history.last}."
            )
        if entry.state is not None:
            return entry.state, entry.record
        key = self._history.keyframe_at_or_before(epoch)
        assert key is not None and key.state is not None
        trainer = Trainer(key.state.model.copy(), loss=key.state.loss)
        trainer.restore(key.state)
        for e in self._history.entries_between(key.epoch, epoch):
            cfg = e.record.config
            _train_epoch(trainer, self._data_for(cfg), cfg, e.epoch)
        cfg = entry.record.config
        trace = _trace(trainer, self._data_for(cfg), cfg)
        return trainer.snapshot(epoch=epoch), replace(entry.record, trace=trace)

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
        _apply_settings(trainer, self._cfg)
        self._epoch = record.epoch
        self._record = record
        self._history.truncate_after(record.epoch)
        self._losses.truncate_after(record.epoch)
        self._seg_start = record.epoch + 1
        self._kf_interval = None
        self._diverged = False
        self._owed = False
        self._anim_done = record.epoch
        self._viewing = None
        self._view_record = None

    def _rewind_to_good(self) -> None:
        """After divergence: go back to the latest history entry whose validation loss is
        within twice the best in the history (the last state worth continuing from)."""
        entries = self._history.entries()
        if not entries:
            self._new_model(_build_model(self._cfg, self._data))  # type: ignore[arg-type]
            return
        best = min(e.record.val_loss for e in entries)
        good = next(e for e in reversed(entries) if e.record.val_loss <= 2.0 * best)
        state, record = self._reconstruct(good.epoch)
        # The entry's shape and task, with the current hyper-parameters (the new rate).
        cur = self._cfg
        self._cfg = record.config.with_changes(
            learning_rate=cur.learning_rate,
            optimizer=cur.optimizer,
            batch_size=cur.batch_size,
            clip_norm=cur.clip_norm,
            noise=cur.noise,
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
