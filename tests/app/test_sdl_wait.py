"""The window's idle wait blocks in SDL instead of pygame's 1 ms polling loop.

The name filter is checked here; the wait itself in a real window under Xvfb: it must
find pygame's SDL, sleep its whole timeout without an event, and cost next to no CPU
(pygame's own wait pumps the queue a thousand times a second, about 2 % of a core).
"""

from __future__ import annotations

import pytest

from nnviz.app.sdl_wait import _is_sdl
from tests.app.xvfb import needs_xvfb, run_in_xvfb

_WAIT_IN_A_WINDOW = """
import time
from nnviz.app.window import PygameWindow
window = PygameWindow((320, 200))
window.wait_events(0.05)  # the window's first events (shown, exposed)
assert window._native_wait is not None, "pygame's SDL not found"
cpu, wall = time.thread_time(), time.perf_counter()
for _ in range(4):
    window.wait_events(0.25)
print(time.thread_time() - cpu, time.perf_counter() - wall)
window.close()
"""


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("libSDL2-2-50d19f93.0.so.0.3200.10", True),
        ("libSDL2-2.0.so.0", True),
        ("libSDL2-2.0.0.dylib", True),
        ("SDL2.dll", True),
        ("libSDL2_ttf-2-e69aa315.0.so.0.2400.0", False),
        ("SDL2_image.dll", False),
        ("libpng16.so.16", False),
    ],
)
def test_only_the_sdl_core_library_is_taken(name: str, core: bool) -> None:
    assert _is_sdl(name) is core


@pytest.mark.slow
@needs_xvfb
def test_a_still_window_sleeps_in_sdl_without_polling() -> None:
    result = run_in_xvfb(_WAIT_IN_A_WINDOW)
    assert result.returncode == 0, result.stderr[-2000:]
    cpu, wall = map(float, result.stdout.split()[-2:])
    assert wall >= 0.95  # slept the whole timeouts (no event came)
    assert cpu < 0.004 * wall  # pygame's polling wait: ≈ 0.02 × wall
