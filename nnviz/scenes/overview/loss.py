"""The overview's Loss card: train and validation loss over the whole run.

What the chart shows is computed first (:func:`loss_chart`, plain data the tests read),
then drawn (:func:`draw_loss`). While a person looks at an epoch from the history, the
chart marks it and its readout gives that epoch's own losses, not the newest ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.render.color import with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.legend import draw_legend, legend_height
from nnviz.scenes.kit.plot import PlotFrame, decimation, nice_ticks
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.sim import EpochRecord, Snapshot
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect


@dataclass(frozen=True)
class LossChart:
    """The data the Loss card draws."""

    epochs: np.ndarray
    train: np.ndarray
    val: np.ndarray
    """The curves, decimated to what the plot's width can show (ends kept)."""
    x_range: tuple[float, float]
    """First to last epoch of the run."""
    ticks: tuple[int, ...]
    """Epochs marked on the x axis."""
    marked: tuple[int, float, float] | None
    """The epoch shown from the history with its train and validation loss, else None."""
    readout: str
    axis_label: str


def loss_chart(
    epochs: np.ndarray,
    train: np.ndarray,
    val: np.ndarray,
    viewing: EpochRecord | None,
    max_points: int,
) -> LossChart:
    """The chart of a run's loss curves (``epochs`` ascending), with ``viewing``, the
    record of the epoch a person picked in the history (None while following live)."""
    epochs = np.asarray(epochs, dtype=np.float64)
    x0, x1 = float(epochs[0]), float(max(epochs[-1], epochs[0] + 1))
    # One point per two pixels is all the eye can see; thousands of epochs would
    # otherwise cost thousands of segments per frame.
    keep = decimation(len(epochs), max_points)
    marked = None
    if viewing is not None:
        marked = (viewing.epoch, float(viewing.train_loss), float(viewing.val_loss))
        nearest = int(np.clip(np.searchsorted(epochs, viewing.epoch), 0, len(epochs) - 1))
        keep = np.union1d(keep, [nearest])  # the curve passes through the mark
    ticks = tuple(int(v) for v in nice_ticks(x0, x1, 4) if v == int(v))
    # The epoch on screen: the one picked from the history (its mark says which), else
    # the newest.
    last = marked[2] if marked is not None else (float(np.asarray(val)[-1]) if len(val) else None)
    readout = f"validation {last:.3g}" if last is not None else ""
    return LossChart(
        epochs[keep],
        np.asarray(train, dtype=np.float64)[keep],
        np.asarray(val, dtype=np.float64)[keep],
        (x0, x1),
        ticks,
        marked,
        readout,
        f"epoch {int(x0)}–{int(epochs[-1])}",
    )


def draw_loss(dl: DrawList, t: Theme, r: Rect, snap: Snapshot, log_y: bool) -> None:
    """Both loss curves over the whole run, on a log or linear axis."""
    if len(snap.loss_epochs) < 1:
        fitted_paragraph(dl, t, "The loss curves appear after the first epoch.", r, t.text_dim)
        return
    # A line above the plot for the readout (right) and the run's span (left), so that
    # neither sits on the grid or under the curves, which end low and to the right.
    top = t.label_px * 1.4
    legend = (("train", t.roles.train, False), ("validation", t.roles.validation, False))
    extra = legend_height(dl.text_layout, t, r.w, legend)
    plot = Rect(r.x + t.px(44), r.y + top, r.w - t.px(48),
                r.h - t.label_px * 1.8 - top - extra)  # fmt: skip
    viewing = snap.view_record if snap.viewing is not None else None
    chart = loss_chart(snap.loss_epochs, snap.train_losses, snap.val_losses, viewing,
                       int(plot.w / 2))  # fmt: skip
    finite = np.concatenate([chart.train[np.isfinite(chart.train)],
                             chart.val[np.isfinite(chart.val)]])  # fmt: skip
    lo = float(finite.min()) if len(finite) else 1e-3
    hi = float(finite.max()) if len(finite) else 1.0
    frame = PlotFrame(
        plot,
        chart.x_range,
        (max(lo * 0.8, 1e-6), hi * 1.25) if log_y else (0.0, hi * 1.1),
        log_y=log_y,
    )
    said = chart.readout
    if said and dl.text_layout.width(said, t.label_px) > plot.w:
        said = said.replace("validation ", "")  # named when there is room, else the number
    # The span goes beside the readout when both fit, else inside the plot as its x label
    # when the plot is tall enough to keep it clear of the curves, else nowhere (the
    # epoch ticks stay).
    span_w = dl.text_layout.width(chart.axis_label, t.small_px)
    span_above = span_w + t.px(12) + dl.text_layout.width(said, t.label_px) <= plot.w
    span_inside = not span_above and plot.h >= 6.0 * t.small_px
    frame.draw_axes(dl, t, x_label=chart.axis_label if span_inside else "")
    tick_h = t.px(5)
    for epoch in chart.ticks:
        px, _ = frame.to_px(epoch, 1.0)
        dl.line(px, plot.bottom, px, plot.bottom + tick_h, t.px(1.5), t.text_dim)
    frame.polyline(dl, chart.epochs, chart.train, t.px(2.5), t.roles.train)
    frame.polyline(dl, chart.epochs, chart.val, t.px(2.5), t.roles.validation)
    if chart.marked is not None:
        epoch, train, val = chart.marked
        px, _ = frame.to_px(epoch, 1.0)
        dl.line(px, plot.y, px, plot.bottom, t.px(2), with_alpha(t.text, 0.6))
        frame.dots(dl, np.array([epoch, epoch]), np.array([train, val]), t.px(4.5), t.text)
    draw_legend(dl, t, r.x, r.bottom - t.label_px * 0.4, r.right, legend, wrap=True)
    if said:
        dl.text(said, plot.right, r.y, t.label_px, t.text, anchor="rt")
    if span_above:
        dl.text(chart.axis_label, plot.x, r.y + t.label_px - t.small_px, t.small_px,
                t.text_dim)  # fmt: skip
