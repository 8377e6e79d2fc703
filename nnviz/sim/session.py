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

The state and the work live in :class:`~nnviz.sim.worker.Worker`; this module is the
thread-safe front: lifecycle, the thread, and one method per command.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import numpy as np

from nnviz.anim.clock import MonotonicTimeSource, TimeSource
from nnviz.core import LSTMAblation
from nnviz.core.drawn import DRAWN

from .commands import Command
from .config import SessionConfig
from .remote import RemoteWorker
from .saved import SavedRun
from .snapshot import Snapshot
from .tasks import Task, task_for
from .worker import DIVERGENCE_LOSS, MAX_SPEED, MIN_SPEED, Worker

__all__ = [
    "DIVERGENCE_LOSS",
    "MAX_SPEED",
    "MIN_SPEED",
    "TrainingSession",
]


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
        loss_history_len: points kept in the loss curves (they span the whole run, thinned
                out beyond this).
        history_bytes: memory budget of the history's training states and traces.
        run_warmup: compile the kernels first with progress (tests may skip it).
        process: with ``threaded``, run the worker in a process of its own
            (:mod:`nnviz.sim.remote`): the same commands and snapshots, no GIL shared with
            the render thread. A custom ``task`` must then be picklable.
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
        process: bool = False,
    ) -> None:
        cfg = config if config is not None else SessionConfig()
        self._task: Task = task if task is not None else task_for(cfg)
        self._threaded = bool(threaded)
        self._time: TimeSource = time_source or MonotonicTimeSource()
        self._queue: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._last_now: float | None = None
        options = dict(
            speed=speed,
            playing=playing,
            lockstep=lockstep,
            history_len=history_len,
            loss_history_len=loss_history_len,
            history_bytes=history_bytes,
            run_warmup=run_warmup,
        )
        self._worker = Worker(self._task, cfg, self._queue, **options)
        self._remote: RemoteWorker | None = None
        if process and self._threaded:
            # The local worker only validated the options and made the first snapshot.
            self._remote = RemoteWorker(self._task, options, self._worker.latest)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> TrainingSession:
        """Start the worker (threaded) or warm up and build the model now (synchronous).

        Returns at once in threaded mode: the warm-up runs in the worker and its progress
        is published as status "compiling". Calling it twice does nothing.
        """
        if self._closed:
            raise RuntimeError("the session is closed")
        if self._remote is not None:
            self._remote.start()
        elif self._threaded:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="nnviz-training", daemon=True
                )
                self._thread.start()
        else:
            self._worker.boot()
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
        if self._remote is not None:
            self._remote.stop = True
            if first:
                self._remote.join(max(float(timeout), 0.0))
            return not self._remote.is_alive()
        self._worker.stop = True
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
    def in_process(self) -> bool:
        """The worker runs in a process of its own."""
        return self._remote is not None

    @property
    def task(self) -> Task:
        return self._task

    # ------------------------------------------------------------------ reading
    def latest(self) -> Snapshot:
        """The newest snapshot (an atomic attribute read: never blocks, latest wins)."""
        return (self._remote or self._worker).latest  # type: ignore[return-value]

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
            (self._remote or self._queue).put(Command(name, args, key))

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

    def set_layer_count(self, count: int) -> None:
        """Stack up to (or take away down to) ``count`` layers at the top; the layers
        kept keep their weights."""
        self._send_task("layers", count)

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

    def set_connection(self, layer: int, i: int, j: int, on: bool) -> None:
        """Remove (``on=False``) or restore the MLP weight from unit ``i`` to unit ``j`` of
        ``layer``: a removed one is held at 0, as a frozen weight is."""
        self._send_task("connection", layer, i, j, on)

    def set_weight(self, name: str, index: object, value: float) -> None:
        """Set one entry of parameter ``name`` (e.g. ``("layer0.W", (0, 1), 0.5)``)."""
        self._send_task("set_weight", name, index, value)

    def set_dataset(self, name: str, text_path: str | None = None) -> None:
        """Train on another dataset. A new task starts from fresh weights (epoch 0): a loss
        curve that continues from another task's weights would only confuse. A dataset that
        cannot be built (e.g. a bad text file) leaves everything as it was, status "error"."""
        self._send("dataset", name, text_path)

    def train_on_drawing(self, curve: tuple[float, ...]) -> None:
        """Train on the curve a person drew (one period, values in [-1, 1]; see
        :func:`nnviz.core.drawn.read_stroke`): the ``drawn`` data set with this curve, from
        fresh weights like any other new data set."""
        self.configure(curve=tuple(curve))
        self.set_dataset(DRAWN)

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

    def export_run(self, timeout: float = 10.0) -> SavedRun:
        """The run's state now, for saving (after the commands sent so far). In a worker
        thread the state is copied there, between epochs; waits at most ``timeout``."""
        if not self._threaded:
            self.run_pending()
            return self._worker.export_run()
        future: Future[SavedRun] = Future()
        self._send("export", future)
        return future.result(timeout)

    def load_run(self, saved: SavedRun) -> None:
        """Continue ``saved`` (a run exported here or read from a file): its settings,
        model and optimizer state; the history starts at its epoch."""
        self._send("load_run", saved)

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
        self._worker.boot()
        self._worker.guarded_tick(float(dt))
        return self.latest()

    def run_pending(self) -> Snapshot:
        """Synchronous mode: apply queued commands (and a requested single step) now."""
        return self.advance(0.0)

    # ------------------------------------------------------------------ the thread
    def _run(self) -> None:
        """The worker thread: boot, then tick and wait until the session closes."""
        self._worker.run(self._time)

    # ------------------------------------------------------------------ introspection
    @property
    def history_len(self) -> int:
        """Entries in the history (for tests and the memory display)."""
        return (self._remote or self._worker).history_len

    @property
    def keyframe_interval(self) -> int:
        """Every how many epochs the history stores a full training state."""
        return (self._remote or self._worker).keyframe_interval
