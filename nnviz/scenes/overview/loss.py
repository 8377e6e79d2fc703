"""The overview's Loss card: train and validation loss per epoch."""

from __future__ import annotations

import numpy as np

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.legend import draw_legend
from nnviz.scenes.kit.plot import PlotFrame, decimation
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.sim import Snapshot
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect


def draw_loss(dl: DrawList, t: Theme, r: Rect, snap: Snapshot, log_y: bool) -> None:
    """Both loss curves over the epochs kept, on a log or linear axis."""
    epochs = np.asarray(snap.loss_epochs, dtype=np.float64)
    if len(epochs) < 1:
        fitted_paragraph(dl, t, "The loss curves appear after the first epoch.", r, t.text_dim)
        return
    train = np.asarray(snap.train_losses, dtype=np.float64)
    val = np.asarray(snap.val_losses, dtype=np.float64)
    finite = np.concatenate([train[np.isfinite(train)], val[np.isfinite(val)]])
    lo = float(finite.min()) if len(finite) else 1e-3
    hi = float(finite.max()) if len(finite) else 1.0
    plot = Rect(r.x + t.px(44), r.y, r.w - t.px(48), r.h - t.label_px * 1.8)
    frame = PlotFrame(
        plot,
        (float(epochs[0]), float(max(epochs[-1], epochs[0] + 1))),
        (max(lo * 0.8, 1e-6), hi * 1.25) if log_y else (0.0, hi * 1.1),
        log_y=log_y,
    )
    frame.draw_axes(dl, t, x_label="epoch")
    # One point per two pixels is all the eye can see; thousands of epochs would
    # otherwise cost thousands of segments per frame.
    keep = decimation(len(epochs), int(plot.w / 2))
    frame.polyline(dl, epochs[keep], train[keep], t.px(2.5), t.roles.train)
    frame.polyline(dl, epochs[keep], val[keep], t.px(2.5), t.roles.validation)
    legend = (("train", t.roles.train, False), ("validation", t.roles.validation, False))
    draw_legend(dl, t, plot.x, r.bottom - t.label_px * 0.4, plot.right, legend)
    if len(val):  # the newest validation loss, named when the plot is wide enough
        said = f"validation {val[-1]:.3g}"
        if dl.text_layout.width(said, t.label_px) > plot.w:
            said = f"{val[-1]:.3g}"
        dl.text(said, plot.right, plot.y, t.label_px, t.text, anchor="rt")
