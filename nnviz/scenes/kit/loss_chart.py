"""A run's loss curves over its epochs: the Loss card of the overview and the MLP explorer.

What the chart shows is computed first (:func:`loss_chart`, plain data the tests read),
then drawn (:func:`draw_loss_chart`). While a person looks at an epoch from the history,
the chart marks it and its readout gives that epoch's own losses, not the newest ones.

The axes hold still while a run goes on: the epoch axis ends at a round number ahead of
the newest epoch and the loss axis on quarter decades, and the curves keep the samples
they showed. A new epoch then changes the end of each curve and the readout, and only
those pixels are redrawn; a plot whose axes followed every epoch would be redrawn whole
several times a second (the largest cost of a frame with a new snapshot).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.render.color import Color, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.legend import LegendItem, LineStyle, dash_pattern, draw_legend, legend_height
from nnviz.scenes.kit.plot import (
    PlotFrame,
    decimation,
    growing_axis,
    growing_limit,
    nice_ticks,
    steady_log_range,
)
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect


@dataclass(frozen=True)
class Curve:
    """One loss curve: its legend name, colour, values (one per epoch) and line style."""

    name: str
    color: Color
    values: np.ndarray
    style: LineStyle = "solid"


@dataclass(frozen=True)
class LossChart:
    """The data the Loss card draws."""

    epochs: np.ndarray
    values: tuple[np.ndarray, ...]
    """The curves, decimated to what the plot's width can show (ends kept)."""
    x_range: tuple[float, float]
    """First epoch of the run to a round number at or after the last."""
    ticks: tuple[int, ...]
    """Epochs marked on the x axis."""
    marked: tuple[int, tuple[float, ...]] | None
    """The epoch shown from the history with each curve's loss there, else None."""
    readout: str
    axis_label: str


def loss_chart(
    epochs: np.ndarray,
    values: Sequence[np.ndarray],
    marked: tuple[int, tuple[float, ...]] | None,
    max_points: int,
    readout_curve: int = 1,
    readout_name: str = "validation",
) -> LossChart:
    """The chart of a run's loss curves (``epochs`` ascending, ``values`` one array per
    curve), with ``marked``, the epoch a person picked in the history and its losses
    (None while following live). The readout gives curve ``readout_curve``'s loss."""
    epochs = np.asarray(epochs, dtype=np.float64)
    x0, x1 = growing_axis(float(epochs[0]), float(epochs[-1]))
    # One point per two pixels is all the eye can see; thousands of epochs would
    # otherwise cost thousands of segments per frame.
    keep = decimation(len(epochs), max_points)
    if marked is not None:
        nearest = int(np.clip(np.searchsorted(epochs, marked[0]), 0, len(epochs) - 1))
        keep = np.union1d(keep, [nearest])  # the curve passes through the mark
    ticks = tuple(int(v) for v in nice_ticks(x0, x1, 4) if v == int(v))
    # The epoch on screen: the one picked from the history (its mark says which), else
    # the newest.
    series = tuple(np.asarray(v, dtype=np.float64) for v in values)
    if marked is not None:
        shown = marked[1][readout_curve]
    else:
        curve = series[readout_curve] if readout_curve < len(series) else np.empty(0)
        shown = float(curve[-1]) if len(curve) else None
    readout = f"{readout_name} {shown:.3g}" if shown is not None and np.isfinite(shown) else ""
    return LossChart(
        epochs[keep],
        tuple(v[keep] for v in series),
        (x0, x1),
        ticks,
        marked,
        readout,
        f"epoch {int(x0)}–{int(epochs[-1])}",
    )


def draw_loss_chart(
    dl: DrawList,
    t: Theme,
    r: Rect,
    epochs: np.ndarray,
    curves: Sequence[Curve],
    *,
    marked: tuple[int, tuple[float, ...]] | None = None,
    log_y: bool = True,
) -> None:
    """The curves over the whole run on a log or linear axis, a legend naming each, the
    run's span and the shown epoch's validation loss above the plot."""
    if len(epochs) < 1:
        fitted_paragraph(dl, t, "The loss curves appear after the first epoch.", r, t.text_dim)
        return
    # A line above the plot for the readout (right) and the run's span (left), so that
    # neither sits on the grid or under the curves, which end low and to the right. Where
    # both do not fit there, the span goes under the axis instead (never inside the plot,
    # where the curves run).
    top = t.label_px * 1.4
    legend: list[LegendItem] = [(c.name, c.color, c.style) for c in curves]
    extra = legend_height(dl.text_layout, t, r.w, legend)
    plot_w = r.w - t.px(48)
    chart = loss_chart(epochs, [c.values for c in curves], marked, int(plot_w / 2))
    readout_w = dl.text_layout.width("validation 0.00000", t.label_px)  # the longest
    span_w = dl.text_layout.width(chart.axis_label, t.small_px)
    span_above = span_w + t.px(12) + readout_w <= plot_w
    plot_h = r.h - t.label_px * 1.8 - top - extra
    # Under the axis only while the plot keeps room to read (a projector's 1024×768 card
    # has little): else the span is left out, the epoch ticks stay.
    below = 0.0 if span_above else t.small_px * 1.3
    span_below = below > 0 and plot_h - below >= 5.0 * t.small_px
    plot = Rect(r.x + t.px(44), r.y + top, plot_w, plot_h - (below if span_below else 0.0))
    finite = np.concatenate([v[np.isfinite(v)] for v in chart.values])
    if log_y:
        finite = finite[finite > 0]
    lo = float(finite.min()) if len(finite) else 1e-3
    hi = float(finite.max()) if len(finite) else 1.0
    y_range = steady_log_range(lo, hi) if log_y else (0.0, growing_limit(hi * 1.05))
    frame = PlotFrame(plot, chart.x_range, y_range, log_y=log_y)
    said = chart.readout
    # Named when there is room above the plot and its tick labels (the line above them
    # is free), else the number alone: measured over the plot alone, a narrow card had
    # dropped the name with room to spare.
    if said and dl.text_layout.width(said, t.label_px) > plot.right - r.x:
        said = said.split(" ")[-1]
    frame.draw_axes(dl, t)
    tick_h = t.px(5)
    for epoch in chart.ticks:
        px, _ = frame.to_px(epoch, 1.0)
        dl.line(px, plot.bottom, px, plot.bottom + tick_h, t.px(1.5), t.text_dim)
    for curve, values in zip(curves, chart.values, strict=True):
        dash = dash_pattern(curve.style, t.px(7), t.px(4))
        frame.polyline(dl, chart.epochs, values, t.px(2.5), curve.color, **dash)
    if chart.marked is not None:
        epoch, losses = chart.marked
        px, _ = frame.to_px(epoch, 1.0)
        dl.line(px, plot.y, px, plot.bottom, t.px(2), with_alpha(t.text, 0.6))
        ys = np.array([v for v in losses if np.isfinite(v)], dtype=np.float64)
        frame.dots(dl, np.full(len(ys), float(epoch)), ys, t.px(4.5), t.text)
    draw_legend(dl, t, r.x, r.bottom - t.label_px * 0.4, r.right, legend, wrap=True)
    if said:
        dl.text(said, plot.right, r.y, t.label_px, t.text, anchor="rt")
    if span_above:
        dl.text(chart.axis_label, plot.x, r.y + t.label_px - t.small_px, t.small_px,
                t.text_dim)  # fmt: skip
    elif span_below and span_w <= plot.w:
        dl.text(chart.axis_label, plot.right, plot.bottom + tick_h + t.px(2), t.small_px,
                t.text_dim, anchor="rt")  # fmt: skip
