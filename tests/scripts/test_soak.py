"""A short soak: the kiosk through attract loops, resets, touches and explorer switches
keeps its GL objects constant and its memory flat.

1,500 frames (25 s of kiosk time, about 25 s on two shared cores) with the timeouts cut
to 4 s (attract) and 6 s (reset) and runs settling at epoch 3, so the run crosses
several visitors, attract loops and resets: what a day does, in the order it does it.
Python objects may differ by a run's few epoch records (a run mid-way at the end has
up to three); anything that grows per frame or per reset would exceed the bound.
The long run is the script itself (``--hours``), not a test.
"""

from __future__ import annotations

import pytest
import soak

pytestmark = pytest.mark.slow


def test_a_short_soak_shows_no_growth(capsys):
    samples, restarts = soak.soak(1500, (320, 180), 150, seed=1, attract_s=4.0, reset_s=6.0,
                                  train_to_epoch=3)
    out = capsys.readouterr().out
    assert "attracting=True" in out  # the attract loop ran
    assert restarts == 0
    base, end = samples[2], samples[-1]
    assert end.gl_objects == base.gl_objects
    assert end.rss_mb <= base.rss_mb * 1.05
    assert end.py_objects - base.py_objects < 300
    assert out.strip().splitlines()[-1].startswith("soak frames=1500 ")
