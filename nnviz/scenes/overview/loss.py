"""The overview's Loss card: train and validation loss over the whole run (drawn by
:mod:`nnviz.scenes.kit.loss_chart`, as the MLP explorer's). While a person looks at an
epoch from the history, the chart marks it and reads out that epoch's own losses."""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.loss_chart import Curve, draw_loss_chart
from nnviz.sim import Snapshot
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect


def draw_loss(dl: DrawList, t: Theme, r: Rect, snap: Snapshot, log_y: bool) -> None:
    """Both loss curves over the whole run, on a log or linear axis."""
    viewing = snap.view_record if snap.viewing is not None else None
    marked = None
    if viewing is not None:
        marked = (viewing.epoch, (float(viewing.train_loss), float(viewing.val_loss)))
    curves = (Curve("train", t.roles.train, snap.train_losses),
              Curve("validation", t.roles.validation, snap.val_losses))  # fmt: skip
    draw_loss_chart(dl, t, r, snap.loss_epochs, curves, marked=marked, log_y=log_y)
