"""Themes: legible contrast, projector sizing, scale following the drawable height."""

from __future__ import annotations

import pytest

from nnviz.render.color import OkabeIto
from nnviz.ui.theme import (
    DARK,
    LIGHT,
    MAX_SCALE,
    MIN_SCALE,
    PROJECTOR,
    THEMES,
    contrast_ratio,
    legible,
    theme_by_name,
    ui_scale,
)

ALL = list(THEMES.values())


@pytest.mark.parametrize("theme", ALL, ids=lambda t: t.name)
def test_text_contrast_meets_wcag(theme):
    need = 7.0 if theme is PROJECTOR else 4.5
    assert contrast_ratio(theme.text, theme.panel) >= need
    assert contrast_ratio(theme.text, theme.background) >= need
    assert contrast_ratio(theme.text_dim, theme.panel) >= 4.5
    assert contrast_ratio(theme.accent_text, theme.accent) >= need
    assert contrast_ratio(theme.tooltip_text, theme.tooltip_bg) >= need
    assert contrast_ratio(theme.text, theme.control_pressed) >= 4.5


@pytest.mark.parametrize("theme", ALL, ids=lambda t: t.name)
def test_non_text_parts_are_visible(theme):
    # WCAG 1.4.11: focus rings and control boundaries need 3:1 against their background.
    assert contrast_ratio(theme.focus, theme.panel) >= 3.0
    assert contrast_ratio(theme.track, theme.panel) >= 3.0


def test_contrast_ratio_extremes():
    assert contrast_ratio((0, 0, 0, 1), (1, 1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio(LIGHT.panel, LIGHT.panel) == pytest.approx(1.0)


def test_danger_is_vermillion_and_signed_colours_are_blue_vermillion():
    assert LIGHT.danger == OkabeIto.VERMILLION
    for t in ALL:
        assert t.positive == OkabeIto.VERMILLION
        assert t.negative in (OkabeIto.BLUE, OkabeIto.SKY_BLUE)
        assert len(t.series) >= 6


def test_the_first_two_series_are_not_both_blue_in_any_theme():
    """Two-curve plots (compare A and B, forward and backward) use the first two."""
    blues = {OkabeIto.BLUE, OkabeIto.SKY_BLUE}
    for t in ALL:
        assert not {t.series[0], t.series[1]} <= blues


def test_projector_is_bigger_and_thicker():
    assert PROJECTOR.body_size / LIGHT.body_size == pytest.approx(1.4, abs=0.05)
    assert PROJECTOR.control_height / LIGHT.control_height == pytest.approx(1.4, abs=0.05)
    assert PROJECTOR.stroke >= 2 * LIGHT.stroke
    assert contrast_ratio(PROJECTOR.text, PROJECTOR.background) >= 20


def test_minimum_touch_target():
    for t in ALL:
        assert t.control_px >= 44


def test_ui_scale_follows_drawable_height():
    assert ui_scale(720) == pytest.approx(1.0)
    assert ui_scale(1440) == pytest.approx(2.0)  # HiDPI: drawable twice the window
    assert ui_scale(2160) == pytest.approx(3.0)
    assert ui_scale(100) == MIN_SCALE
    assert ui_scale(100_000) == MAX_SCALE
    assert ui_scale(0) == 1.0


def test_scaled_theme_multiplies_sizes():
    t = DARK.for_drawable(1440)
    assert t.scale == pytest.approx(2.0)
    assert t.body_px == pytest.approx(2 * DARK.body_px)
    assert t.control_px == pytest.approx(88.0)
    assert t.font_px("heading") == pytest.approx(2 * DARK.heading_size)
    assert t.text == DARK.text


def test_theme_by_name():
    assert theme_by_name("light") is LIGHT
    assert theme_by_name(" Projector ") is PROJECTOR
    assert set(THEMES) == {"light", "dark", "projector"}
    with pytest.raises(ValueError):
        theme_by_name("neon")


@pytest.mark.parametrize("name", ["light", "dark", "projector"])
def test_legible_keeps_a_signal_colour_readable_as_text(name):
    """Vermillion (3.9:1 on white) moves toward the text colour just enough for 4.5:1."""
    t = THEMES[name]
    shade = legible(t.danger, t.text, t.panel)
    assert contrast_ratio(shade, t.panel) >= 4.5
    if contrast_ratio(t.danger, t.panel) >= 4.5:
        assert shade == t.danger  # already legible: unchanged
    else:
        assert shade != t.text  # still the signal's hue, not the text colour
