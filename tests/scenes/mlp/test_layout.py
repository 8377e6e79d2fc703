"""Where the MLP explorer's cards go: the compact layout on narrow content (projector type,
1024×768) and the desktop layout unchanged from 1280×720 up."""

from __future__ import annotations

import itertools

import pytest

from nnviz.app.layout_audit import SIZES
from nnviz.scenes.kit.card import card_inner
from nnviz.scenes.mlp.layout import COMPACT_EM, SHARED, MLPLayout
from nnviz.ui.theme import THEMES
from nnviz.ui.widget import Rect

FIXED = ("network", "boundary", "settings")
"""The cards the compact layout shows in their own places (outside the narrowest
layout, the settings card's)."""


def layouts(theme_name: str, size: tuple[int, int]) -> list[MLPLayout]:
    """The layout with each card of the shared slot in front."""
    theme = THEMES[theme_name].for_drawable(size[1])
    return [MLPLayout.compute(*size, theme, front=key) for key in (*SHARED, "settings")]


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def shown(L: MLPLayout) -> dict[str, Rect]:
    keys = ("network", "boundary", "predictions", "loss", "computation", "settings")
    return {k: getattr(L, k) for k in keys if L.shown(k)}


@pytest.mark.parametrize(("theme", "size"), list(itertools.product(("projector", "light"),
                                                                   SIZES)))  # fmt: skip
def test_cards_fit_the_window_apart_and_the_network_is_never_the_narrowest(theme, size):
    for L in layouts(theme, size):
        cards = {**shown(L), "controls": L.controls}
        for (ka, a), (kb, b) in itertools.combinations(cards.items(), 2):
            assert not overlap(a, b), (ka, kb)
        for key, r in cards.items():
            assert r.x >= 0 and r.y >= 0 and r.right <= size[0] and r.bottom <= size[1], key
        if not L.shared:
            continue
        # Compact: the network is as wide as any card in a place of its own, and as wide
        # as the shared slot unless that spans the lower row (the narrowest layout).
        others = [getattr(L, k) for k in FIXED if k not in L.shared]
        if L.slot.w < L.network.w + L.boundary.w:
            others.append(L.slot)
        assert all(L.network.w >= r.w - 1e-6 for r in others)
        assert L.network.h >= L.slot.h
        # One shared card at a time, in the slot; the decision boundary about square.
        assert [k for k in L.shared if L.shown(k)] == [L.front]
        assert getattr(L, L.front) == L.slot
        plane = card_inner(L.boundary, THEMES[theme].for_drawable(size[1]))
        assert 0.7 <= plane.w / plane.h <= 1.3


@pytest.mark.parametrize(("theme", "size"), list(itertools.product(("projector", "light"),
                                                                   SIZES)))  # fmt: skip
def test_compact_exactly_where_the_content_is_narrow_in_ems(theme, size):
    t = THEMES[theme].for_drawable(size[1])
    L = MLPLayout.compute(*size, t)
    compact = bool(L.shared)
    # Every projector size is compact; no desktop size from 1280x720 up.
    assert compact == (theme == "projector" or size == (1024, 768))
    content = L.controls.x - 2 * L.network.x  # the content area: margins off
    assert compact == (content < COMPACT_EM * t.small_px + 1.0)


def test_the_narrowest_layout_shares_the_settings_card_too():
    t = THEMES["projector"].for_drawable(768)
    L = MLPLayout.compute(1024, 768, t, front="settings")
    assert "settings" in L.shared and L.settings == L.slot and not L.shown("loss")
    assert L.slot.w > L.network.w  # the lower row: the settings' tabs read whole
    wide = MLPLayout.compute(1280, 720, THEMES["projector"].for_drawable(720), front="settings")
    assert "settings" not in wide.shared and wide.shown("settings") and wide.shown("loss")
