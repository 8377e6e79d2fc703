"""CIELAB, ΔE and the Machado 2009 simulation against known values."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.color import OkabeIto
from nnviz.ui.vision import MACHADO_2009, VISIONS, delta_e, lab, simulate


def test_lab_of_white_black_and_red() -> None:
    assert np.allclose(lab([1, 1, 1]), [100, 0, 0], atol=0.05)
    assert np.allclose(lab([0, 0, 0]), [0, 0, 0], atol=1e-9)
    # sRGB red in CIELAB (D65): L 53.24, a 80.09, b 67.20.
    assert np.allclose(lab([1, 0, 0]), [53.24, 80.09, 67.20], atol=0.05)


@pytest.mark.parametrize("vision", list(MACHADO_2009))
def test_simulation_keeps_greys_and_rows_sum_to_one(vision: str) -> None:
    # Machado's matrices map achromatic colours onto themselves.
    assert np.allclose(MACHADO_2009[vision].sum(axis=1), 1.0, atol=1e-3)
    assert np.allclose(simulate([0.5, 0.5, 0.5], vision), 0.5, atol=2e-3)


def test_deuteranopia_merges_red_and_green_but_normal_vision_does_not() -> None:
    red, green = (0.8, 0.2, 0.1), (0.35, 0.6, 0.1)
    assert delta_e(red, green) > 60
    assert delta_e(red, green, "deuteranopia") < 20


def test_the_arithmetic_chips_of_before_merged_under_deuteranopia() -> None:
    # The input (orange) and weight (yellow) chips the colour roles replaced.
    assert delta_e(OkabeIto.ORANGE, OkabeIto.YELLOW, "deuteranopia") < 20
    assert VISIONS[0] == "normal"
