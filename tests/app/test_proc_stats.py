"""Memory and CPU time of the app and its children, read from /proc."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from nnviz.app import proc_stats

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_a_busy_child_is_counted_and_an_ended_one_is_not():
    child = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        assert child.pid in proc_stats.child_pids()
        alone, together = proc_stats.cpu_seconds(children=False), proc_stats.cpu_seconds()
        deadline = time.perf_counter() + 30
        while proc_stats.cpu_seconds() - together < 0.05:  # the child's time accrues
            assert time.perf_counter() < deadline
            time.sleep(0.05)
        assert proc_stats.cpu_seconds(children=False) - alone < 0.05  # we only slept
        assert proc_stats.rss_mb(child.pid) > 1.0
    finally:
        child.kill()
        child.wait()
    assert child.pid not in proc_stats.child_pids()


def test_own_memory_is_real_and_an_unknown_process_has_none():
    assert proc_stats.rss_mb() > 10.0  # numpy alone is more
    assert proc_stats.rss_mb(2**22 + 12345) == 0.0
