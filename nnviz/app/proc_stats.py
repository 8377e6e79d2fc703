"""Resident memory and CPU time of this process and of its children, for the scripts
that measure the app (its training worker is a child process: measuring only the app's
own process would leave the training out).

Linux reads ``/proc``; elsewhere the children count as nothing and this process's RSS
as 0 (the figures are for the development and exhibit machines, which run Linux).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["child_pids", "children_cpu_seconds", "cpu_seconds", "rss_mb"]

_PROC = Path("/proc")


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name (state, ppid, …), or None."""
    try:
        return (_PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None  # ended meanwhile, or not Linux


def child_pids(pid: int | None = None) -> list[int]:
    """The live child processes of ``pid`` (default: this process)."""
    parent = os.getpid() if pid is None else pid
    found = []
    for entry in _PROC.glob("[0-9]*"):
        fields = _stat_fields(int(entry.name))
        if fields is not None and int(fields[1]) == parent:
            found.append(int(entry.name))
    return found


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of ``pid`` (default: this process) in MiB; 0 when unknown."""
    try:
        pages = int((_PROC / str(pid or "self") / "statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def children_cpu_seconds() -> float:
    """CPU time of this process's live children, in seconds. ``os.times`` counts only
    children that have ended; a worker process is alive, so it is read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in child_pids():
        fields = _stat_fields(pid)
        if fields is not None:  # utime and stime, in clock ticks
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def cpu_seconds(children: bool = True) -> float:
    """CPU time of this process (every thread) and, with ``children``, of its live
    children, in seconds."""
    return time.process_time() + (children_cpu_seconds() if children else 0.0)
