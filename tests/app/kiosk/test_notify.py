"""sd_notify: READY and rate-limited WATCHDOG datagrams on NOTIFY_SOCKET; nothing without it."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from nnviz.app.kiosk.notify import Notifier


@pytest.fixture
def listener(tmp_path: Path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify"
    sock.bind(str(path))
    sock.settimeout(2.0)
    yield sock, str(path)
    sock.close()


def test_without_notify_socket_nothing_is_sent():
    notifier = Notifier(environ={})
    assert not notifier.enabled
    assert not notifier.ready() and not notifier.watchdog()


def test_ready_and_watchdog_reach_the_socket_at_half_the_period(listener):
    sock, path = listener
    clock = [100.0]
    notifier = Notifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "10000000"}, lambda: clock[0])
    assert notifier.interval == 5.0
    assert notifier.ready()
    assert sock.recv(64) == b"READY=1"
    assert notifier.watchdog()
    clock[0] += 4.9
    assert not notifier.watchdog()  # too soon: not sent
    clock[0] += 0.2
    assert notifier.watchdog()
    assert [sock.recv(64), sock.recv(64)] == [b"WATCHDOG=1", b"WATCHDOG=1"]
    notifier.close()


def test_abstract_socket_names_and_a_vanished_listener(tmp_path):
    name = f"nnviz-test-{id(tmp_path)}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2.0)
    notifier = Notifier({"NOTIFY_SOCKET": "@" + name})
    assert notifier.ready() and sock.recv(64) == b"READY=1"
    sock.close()
    assert not notifier.send("WATCHDOG=1")  # systemd gone: no exception
    notifier.close()
