"""systemd's ``sd_notify`` protocol in a few lines: READY once, WATCHDOG from the loop.

A service with ``Type=notify`` and ``WatchdogSec=`` is restarted when the exhibit stops
pinging, which catches a hung loop that ``Restart=on-failure`` alone would not. The
protocol is one datagram per message on the unix socket named by ``NOTIFY_SOCKET`` (a
leading ``@`` is the abstract namespace); without that variable every call does nothing,
so the same code runs on desktops, in tests and where systemd is absent.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Mapping


class Notifier:
    """Sends READY=1 and rate-limited WATCHDOG=1 to systemd, if it listens."""

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        self.address = "\0" + address[1:] if address.startswith("@") else address
        usec = env.get("WATCHDOG_USEC", "")
        # Ping at half the watchdog period (systemd's advice); every 5 s when not given.
        self.interval = int(usec) / 2e6 if usec.isdigit() and int(usec) > 0 else 5.0
        self._now = now
        self._last_ping: float | None = None
        self._sock: socket.socket | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def send(self, message: str) -> bool:
        """Send one message; False when there is no socket or it did not go out."""
        if not self.enabled:
            return False
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._sock.sendto(message.encode(), self.address)
        except OSError:
            return False  # systemd went away: the exhibit keeps running
        return True

    def ready(self) -> bool:
        return self.send("READY=1")

    def watchdog(self) -> bool:
        """Ping if half the watchdog period has passed since the last ping."""
        t = self._now()
        if self._last_ping is not None and t - self._last_ping < self.interval:
            return False
        self._last_ping = t
        return self.send("WATCHDOG=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
