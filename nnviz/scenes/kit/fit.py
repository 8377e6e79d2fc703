"""Lay a screen out, then show fewer controls (and only then shrink the UI) until its
control panels fit.

Large type (the projector theme on a small window) would otherwise run panels off the
screen. Shrinking it would take type below the theme's floor, so a panel in sections
shows one section at a time (:mod:`.sections`), then secondary controls (marked with
:func:`secondary`, rank 1 hidden last) step aside: progressive disclosure, their values
stay in the settings and their ⓘ texts. Every explorer goes
through :func:`lay_out_fitted`, so the sequence (lay out at full density, measure, hide,
scale the theme, lay out again) is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from nnviz.scenes.base import SceneServices
from nnviz.ui.manager import UIManager
from nnviz.ui.widget import Rect, Widget

MIN_DENSITY = 0.5
"""The UI never shrinks below half size; beyond that, panels scroll off rather than blur."""


def secondary(rank: int, *widgets: Widget) -> None:
    """Mark ``widgets`` as hidden when the panels do not fit (higher ranks go first)."""
    for w in widgets:
        w.disclosure_rank = rank


def _ranked(ui: UIManager) -> list[Widget]:
    return [w for w in ui.widgets() if getattr(w, "disclosure_rank", 0) > 0]


def fit_density(ui: UIManager, panels: Iterable[tuple[Widget, Rect]]) -> float:
    """The factor by which the UI must shrink for every panel to fit its rectangle
    (1 when they already fit; never below :data:`MIN_DENSITY`)."""
    ctx = ui.context()
    factor = 1.0
    for panel, rect in panels:
        needed = panel.measure(ctx, rect.w)[1]
        if needed > rect.h:
            factor = min(factor, rect.h / needed)
    return max(factor * 0.97, MIN_DENSITY) if factor < 1.0 else 1.0


def lay_out_fitted(
    services: SceneServices,
    ui: UIManager,
    lay_out: Callable[[], None],
    panels: Callable[[], Iterable[tuple[Widget, Rect]]],
    compact: Callable[[bool], bool] | None = None,
) -> None:
    """Run ``lay_out`` (which computes the scene's rectangles for ``services.theme``) and
    the UI layout; when ``panels()`` do not fit their rectangles, first ask ``compact``
    to show a panel one section at a time (it returns whether it could), then hide the
    secondary controls rank by rank, then keep every label on one line (cut, not wrapped),
    and only then scale the theme and the UI density down together and lay out once
    more."""
    width, height = services.size
    ui.density = 1.0
    ui.tight = False
    ranked = _ranked(ui)
    for w in ranked:
        w.visible = True
    if compact is not None:
        compact(False)
    lay_out()
    ui.layout(width, height)
    fit = fit_density(ui, panels())
    if fit < 1.0 and compact is not None and compact(True):
        lay_out()
        ui.layout(width, height)
        fit = fit_density(ui, panels())
    for rank in sorted({w.disclosure_rank for w in ranked}, reverse=True):
        if fit >= 1.0:
            break
        # Only the panels that overflow give up controls: a tall training panel does
        # not take the sample count off a settings card that fits.
        ctx = ui.context()
        over = [p for p, rect in panels() if p.measure(ctx, rect.w)[1] > rect.h]
        for w in ranked:
            if w.disclosure_rank >= rank and any(w in p.walk() for p in over):
                w.visible = False
        lay_out()
        ui.layout(width, height)
        fit = fit_density(ui, panels())
    if fit < 1.0:  # labels back on one line (cut with "…") before any type shrinks
        ui.tight = True
        lay_out()
        ui.layout(width, height)
        fit = fit_density(ui, panels())
    if fit < 1.0:
        services.theme = services.theme.scaled(services.theme.scale * fit)
        ui.density = fit
        lay_out()
        ui.layout(width, height)
