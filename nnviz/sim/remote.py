"""The training worker in a process of its own, behind the same commands and snapshots.

Why a process
-------------
The numba kernels release the GIL, but an epoch is more than kernels: batching, the
trace of the displayed sample, the history record, the snapshot are Python. In a worker
*thread* that Python competes with the render thread for the one GIL, so training as fast
as possible both slows the frames and loses half of its own rate. A worker *process* has
its own interpreter: on two cores the frame and the epoch run side by side.

What crosses the boundary
-------------------------
Nothing but the two things a thread already exchanged with the session:

* **Commands** (:class:`~nnviz.sim.commands.Command`, plain values) go down a pipe; a
  thread in the child puts them into the worker's own queue, so the worker's coalescing
  and waiting work exactly as in a thread. ``export`` carries a ticket instead of a
  :class:`~concurrent.futures.Future`; the child answers it with a reply message.
* **Snapshots** come back up another pipe, pickled (50–100 KB: the loss curves, the
  newest record, the parameters; a fraction of a millisecond each way). A sender thread
  in the child sends the newest one, waits for the parent's receipt and for
  :data:`SEND_INTERVAL`, then sends whatever is newest by then: the parent never unpickles
  more than about one snapshot every other frame, however fast the epochs come, and the
  last state always arrives. The parent's receiver thread swaps it into :attr:`RemoteWorker.latest`,
  an attribute read that never blocks, as with a thread.

A pipe of pickles, not shared memory: a snapshot is small, immutable and replaced whole,
so a copy per frame costs less than the locking a shared buffer would need.

Failure
-------
If the child dies (a crash in native code, the OOM killer), the receiver sees the pipe
close, fails pending exports and starts a fresh child from the newest settings it saw,
paused at epoch 0, with a message saying so (:data:`MAX_RESPAWNS` times at most within
:data:`RESPAWN_WINDOW` seconds; then the session stays in status "error"). If the parent
dies, the child's command pipe closes and it stops.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing as mp
import os
import queue
import subprocess
import sys
import threading
import time
import types
from concurrent.futures import Future
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.anim.clock import MonotonicTimeSource

from .commands import Command
from .snapshot import Snapshot
from .tasks import Task
from .worker import Worker

__all__ = ["MAX_RESPAWNS", "RESPAWN_WINDOW", "SEND_INTERVAL", "RemoteWorker"]

#: Shortest time between two snapshots sent to the parent: every third frame at 60 Hz.
#: Only training fast (the MLP's default 20 epochs/s, or as fast as possible) reaches it;
#: curves and maps redrawn 20 times a second look continuous. A snapshot frame redraws
#: what the snapshot changed (the boundary, the graph, the curves: a third of an MLP
#: window), the frames between only what animates (``nnviz.render.retained``), so the
#: rate decides how many frames are expensive: at 1/30 s every other frame was, and the
#: MLP's median frame flat out was one of them (19.4 ms at 1080p on llvmpipe, 7.4 ms at
#: 1/20 s). Before the picture was kept, every frame cost the same and the rate made no
#: measurable difference.
SEND_INTERVAL = 1 / 20
#: Fresh children started after crashes within :data:`RESPAWN_WINDOW` seconds, at most.
MAX_RESPAWNS = 3
RESPAWN_WINDOW = 60.0
_STOP = "_stop"
_START = "_start"
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_CHILD_MAIN = (
    "import sys; from nnviz.sim.remote import child_main; "
    "child_main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == 'spare')"
)


@dataclass(frozen=True)
class _Ticket:
    """Stands for the parent's Future of an ``export`` command in the child."""

    number: int


@dataclass(frozen=True)
class _Status:
    """What the parent learns with each snapshot besides the snapshot."""

    history_len: int
    keyframe_interval: int


# --------------------------------------------------------------------------- wire format


def to_wire(snapshot: Snapshot) -> Snapshot:
    """The snapshot as pickle can carry it (its curves mapping as a plain dict)."""
    return replace(snapshot, curves=dict(snapshot.curves))


def from_wire(snapshot: Snapshot) -> Snapshot:
    """The snapshot as the worker made it: its curves a read-only mapping, and every array
    in it read-only again (pickle brings arrays back writable)."""
    _freeze(snapshot, depth=0)
    return replace(snapshot, curves=types.MappingProxyType(snapshot.curves))


def _freeze(value: object, depth: int) -> None:
    """Make every numpy array reachable from ``value`` read-only (dataclass fields,
    sequences and mappings; configs and records nest a few levels deep)."""
    if depth > 8:
        return
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _freeze(getattr(value, field.name), depth + 1)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _freeze(item, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            _freeze(item, depth + 1)


# --------------------------------------------------------------------------- the child


class _Outbox:
    """The child's sender: the newest snapshot, one in flight, at most every interval."""

    def __init__(self, conn: Connection, worker: Worker) -> None:
        self._conn = conn
        self._worker = worker
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._item: tuple[Snapshot, _Status] | None = None
        threading.Thread(target=self._send_loop, name="nnviz-outbox", daemon=True).start()

    def offer(self, snapshot: Snapshot) -> None:
        """The worker published ``snapshot`` (called in the worker's thread)."""
        status = _Status(self._worker.history_len, self._worker.keyframe_interval)
        self._item = (snapshot, status)
        self._ready.set()

    def reply(self, ticket: _Ticket, ok: bool, value: object) -> None:
        with self._lock, contextlib.suppress(OSError):
            self._conn.send(("reply", ticket.number, ok, value))

    def _send_loop(self) -> None:
        while True:
            self._ready.wait()
            self._ready.clear()
            item = self._item
            if item is None:
                continue
            sent = time.perf_counter()
            try:
                with self._lock:
                    self._conn.send(("snap", to_wire(item[0]), item[1]))
                self._conn.recv()  # the parent's receipt: one snapshot in flight
            except (OSError, EOFError):
                return
            time.sleep(max(SEND_INTERVAL - (time.perf_counter() - sent), 0.0))


class _Reply:
    """The Future-like object the worker's ``export`` command resolves, in the child."""

    def __init__(self, ticket: _Ticket, outbox: _Outbox) -> None:
        self._ticket, self._outbox = ticket, outbox

    def set_result(self, value: object) -> None:
        self._outbox.reply(self._ticket, True, value)

    def set_exception(self, exc: BaseException) -> None:
        self._outbox.reply(self._ticket, False, exc)


def _pump(inbox: Connection, commands: queue.SimpleQueue[Command], worker: Worker,
          outbox: _Outbox) -> None:
    """Commands from the parent into the worker's queue, until stop or a closed pipe."""
    while True:
        try:
            cmd = inbox.recv()
        except (OSError, EOFError):  # the parent is gone
            cmd = Command(_STOP)
        if cmd.name == _STOP:
            worker.stop = True
            commands.put(Command("_wake"))
            return
        if cmd.args and isinstance(cmd.args[0], _Ticket):
            cmd = Command(cmd.name, (_Reply(cmd.args[0], outbox), *cmd.args[1:]), cmd.key)
        commands.put(cmd)


def serve(inbox: Connection, outbox: Connection) -> None:
    """The child process: a :class:`Worker` fed from ``inbox``, publishing to ``outbox``.

    The first message names what to train: ``Command("_start", (task, config, options))``.
    """
    try:
        start = inbox.recv()
    except (OSError, EOFError):
        return
    task, config, options = start.args
    commands: queue.SimpleQueue[Command] = queue.SimpleQueue()
    worker = Worker(task, config, commands, **options)
    sender = _Outbox(outbox, worker)
    worker.on_publish = sender.offer
    sender.offer(worker.latest)  # type: ignore[arg-type]
    threading.Thread(
        target=_pump, args=(inbox, commands, worker, sender), name="nnviz-inbox", daemon=True
    ).start()
    worker.run(MonotonicTimeSource())


def child_main(inbox_fd: int, outbox_fd: int, spare: bool = False) -> None:
    """Entry point of the child interpreter (the two pipe ends it inherited). A spare
    loads the kernels every explorer starts with while it waits to be taken."""
    if spare:
        _preload()
    serve(Connection(inbox_fd, writable=False), Connection(outbox_fd))


def _preload() -> None:
    """Load (or, with a cold cache, compile at low priority) the first kernels of every
    task. A failure here only means the session that takes this child loads them itself."""
    from nnviz.core.warmup import KINDS, warmup

    niceness = os.nice(0)
    with contextlib.suppress(OSError):
        os.nice(10)
    with contextlib.suppress(Exception):
        warmup(dtypes=("float32",), kinds=KINDS)
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, niceness)  # unprivileged: stays nice, harmless


# --------------------------------------------------------------------------- the parent


@dataclass(frozen=True)
class _Child:
    """A started child interpreter and the parent's ends of its two pipes."""

    process: subprocess.Popen[bytes]
    commands: Connection  # parent → child
    events: Connection  # child → parent (snapshots, replies), and receipts back


def _launch(spare: bool) -> _Child:
    # A fresh interpreter (never a fork of one holding a GL context and threads), and
    # not multiprocessing's spawn, which re-runs the parent's main script in the child:
    # a script without a ``__main__`` guard would start itself again.
    commands_in, commands_out = mp.Pipe(duplex=False)
    parent_side, child_side = mp.Pipe(duplex=True)
    fds = (commands_in.fileno(), child_side.fileno())
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    role = "spare" if spare else "now"
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD_MAIN, *map(str, fds), role], pass_fds=fds, env=env
    )
    commands_in.close()
    child_side.close()
    return _Child(process, commands_out, parent_side)


_spare_lock = threading.Lock()
_spare: _Child | None = None


def _take_child() -> _Child:
    """The spare child when there is a live one (its interpreter and kernels are loaded:
    switching explorers starts training in about a second, not several), else a new one."""
    global _spare
    with _spare_lock:
        child, _spare = _spare, None
    if child is not None and child.process.poll() is None:
        return child
    return _launch(spare=False)


def _ensure_spare() -> None:
    """Start a spare child for the next session, unless one is waiting."""
    global _spare
    with _spare_lock:
        if _spare is None or _spare.process.poll() is not None:
            with contextlib.suppress(OSError):
                _spare = _launch(spare=True)


class RemoteWorker:
    """The parent's side: starts the child, sends commands, receives snapshots.

    It offers what :class:`~nnviz.sim.session.TrainingSession` uses of a worker and of its
    thread: :attr:`latest`, :attr:`stop`, :attr:`history_len`, :attr:`keyframe_interval`,
    a command queue's ``put`` (:meth:`put`), ``start``, ``join`` and ``is_alive``.

    Args:
        task: what the child's :class:`Worker` trains.
        options: the Worker's keyword arguments (speed, playing, ...).
        initial: the snapshot to show until the child's first one arrives; the child
            starts from its settings (``initial.config``), a fresh one after a crash from
            the newest snapshot's.
    """

    def __init__(self, task: Task, options: dict[str, Any], initial: Snapshot) -> None:
        self._task = task
        self._options = dict(options)
        self.latest: Snapshot = initial
        self.history_len = 0
        self.keyframe_interval = 1
        self._stop = False
        self._tickets = itertools.count()
        self._futures: dict[int, Future[Any]] = {}
        self._send_lock = threading.Lock()
        self._process: Any = None
        self._booted = False
        self._commands: Connection | None = None
        self._receiver: threading.Thread | None = None
        self._respawns: list[float] = []
        self._notice = ""
        self.received = 0
        """Snapshots received so far (at most about one per :data:`SEND_INTERVAL`)."""

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if self._process is None:
            self._spawn(self.latest.config, self._options)

    def _spawn(self, config: Any, options: dict[str, Any]) -> None:
        child = _take_child()
        self._process = child.process
        self._commands = child.commands
        self._booted = False
        self._send(Command(_START, (self._task, config, options)))
        self._receiver = threading.Thread(
            target=self._receive, args=(child.events,), name="nnviz-receiver", daemon=True
        )
        self._receiver.start()

    @property
    def stop(self) -> bool:
        return self._stop

    @stop.setter
    def stop(self, value: bool) -> None:
        if value and not self._stop:
            self._stop = True
            self._send(Command(_STOP))

    def join(self, timeout: float | None = None) -> None:
        """Wait for the child to end; one that does not within ``timeout`` is killed
        (unlike a thread, a process can be: a kernel compiling never holds up closing)."""
        process = self._process
        if process is None:
            return
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._commands is not None:
            self._commands.close()

    def is_alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    # ------------------------------------------------------------------ commands
    def put(self, cmd: Command) -> None:
        """Send a command (an ``export``'s Future is kept here, a ticket goes instead)."""
        if cmd.args and isinstance(cmd.args[0], Future):
            number = next(self._tickets)
            self._futures[number] = cmd.args[0]
            cmd = Command(cmd.name, (_Ticket(number), *cmd.args[1:]), cmd.key)
        if not cmd.name.startswith("_") and cmd.name != "anim_done":
            self._notice = ""  # the person acted: the crash notice has been read
        self._send(cmd)

    def _send(self, cmd: Command) -> None:
        conn = self._commands
        if conn is None:
            return
        with self._send_lock, contextlib.suppress(OSError, ValueError):
            conn.send(cmd)  # a dead child: the receiver starts a fresh one

    # ------------------------------------------------------------------ receiving
    def _receive(self, conn: Connection) -> None:
        while True:
            try:
                msg = conn.recv()
            except (OSError, EOFError):
                break
            if msg[0] == "snap":
                _, snapshot, status = msg
                if not self._booted and snapshot.status in ("paused", "running"):
                    self._booted = True  # booted: now a spare may load without slowing it
                    _ensure_spare()
                snapshot = from_wire(snapshot)
                if self._notice and not snapshot.message:
                    snapshot = replace(snapshot, message=self._notice)
                self.latest = snapshot
                self.received += 1
                self.history_len = status.history_len
                self.keyframe_interval = status.keyframe_interval
                try:
                    conn.send(None)  # receipt
                except OSError:
                    break
            elif msg[0] == "reply":
                _, number, ok, value = msg
                future = self._futures.pop(number, None)
                if future is not None:
                    (future.set_result if ok else future.set_exception)(value)
        conn.close()
        self._fail_exports()
        if not self._stop:
            self._child_died()

    def _fail_exports(self) -> None:
        for future in self._futures.values():
            future.set_exception(RuntimeError("the training process ended"))
        self._futures.clear()

    def _child_died(self) -> None:
        """Start a fresh child from the newest settings (paused), within the limit."""
        code = None if self._process is None else self._process.wait()
        now = time.monotonic()
        self._respawns = [t for t in self._respawns if now - t < RESPAWN_WINDOW]
        if len(self._respawns) >= MAX_RESPAWNS:
            self.latest = replace(
                self.latest, status="error", running=False,
                message="The training process stopped repeatedly; restart the app.",
            )
            return
        self._respawns.append(now)
        self._notice = "Training stopped unexpectedly and was started again from epoch 0."
        print(f"nnviz: the training process ended (exit code {code}); starting a fresh one",
              file=sys.stderr)
        latest = self.latest
        options = {**self._options, "playing": False, "run_warmup": True,
                   "speed": latest.speed, "lockstep": latest.lockstep}  # fmt: skip
        self._spawn(latest.config, options)
