"""The cell scene's Data card: the sequence, synchronised with the step player — points
appear as they leave the cell, a grey window covers the steps that built the state."""

from __future__ import annotations

import numpy as np

from nnviz.render.color import with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.steps import CellStep
from nnviz.scenes.kit.legend import draw_legend, legend_height
from nnviz.scenes.kit.plot import SIGNAL_RANGE, PlotFrame, draw_errors, draw_signal
from nnviz.sim import Prediction
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect


def draw_data_plot(dl: DrawList, t: Theme, r: Rect, prediction: Prediction | None,
                   step: CellStep | None) -> None:  # fmt: skip
    if prediction is None or prediction.kind != "regression":
        return
    n = len(prediction.target)
    cur = step.t if step is not None else n - 1
    backward = step is not None and step.stage == "backward"
    # Points leave the cell with h_t: after the output step of t.
    done = n if backward else cur + (1 if step is not None and step.stage == "output" else 0)
    color = t.roles.prediction
    legend = (("input", t.roles.input, "solid"), ("truth", t.roles.truth, "dashed"),
              ("prediction", color, "solid"))  # fmt: skip
    # Every curve keeps its name: a narrow card wraps the legend (it had dropped
    # "prediction" while drawing the prediction's points).
    extra = legend_height(dl.text_layout, t, r.right - (r.x + t.px(34)), legend)
    legend_h = t.label_px * 1.8
    plot = Rect(r.x + t.px(34), r.y, r.w - t.px(38), r.h - legend_h - extra)
    frame = PlotFrame(plot, (0.0, n - 1.0), SIGNAL_RANGE)
    frame.draw_axes(dl, t)
    xs = np.arange(n, dtype=np.float64)
    if not backward and cur > 0:
        # The grey window: the steps whose inputs built the current state.
        x0, _ = frame.to_px(-0.5, 0)
        x1, _ = frame.to_px(cur - 0.5, 0)
        dl.rect(max(x0, plot.x), plot.y, x1, plot.bottom, with_alpha(t.text_dim, 0.16),
                radius=t.px(3))  # fmt: skip
    cx, _ = frame.to_px(cur, 0)
    dl.line(cx, plot.y, cx, plot.bottom, t.px(2.5), t.roles.cell_level)
    inp = np.asarray(prediction.input, dtype=np.float64)
    draw_signal(dl, t, frame, xs, inp, prediction.target)
    frame.dots(dl, xs[: cur + 1], inp[: cur + 1], t.px(3.5), t.roles.input)
    out = np.asarray(prediction.output, dtype=np.float64)
    if done > 0:
        frame.series(dl, xs[:done], out[:done], t.px(3), t.px(4.5), color)
    if backward:
        draw_errors(dl, t, frame, xs, prediction.target, out)
    frame.draw_x_label(dl, t, "time step")
    draw_legend(dl, t, plot.x, r.bottom - legend_h * 0.35, r.right, legend, wrap=True)
