"""Compare mode on screen: network A and network B side by side, their loss curves, the
results table, and the panel that drives the pair.

Each network's card holds its graph (left) and its decision boundary (right), drawn by the
explorer's own :func:`~.graph.draw_graph` and :func:`~.boundary.draw_boundary`, so a
network looks the same in both modes. Network B's loss curve is dashed: the two are told
apart without colour as well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.card import card_inner, draw_card
from nnviz.scenes.kit.controls import info_button, panel_heading, training_buttons
from nnviz.scenes.kit.header import draw_title
from nnviz.scenes.kit.layout import ScreenFrame
from nnviz.scenes.kit.legend import draw_legend, legend_height
from nnviz.scenes.kit.plot import PlotFrame, decimation, growing_axis, steady_log_range
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.scenes.mlp.boundary import PlaneView, draw_boundary
from nnviz.scenes.mlp.cards import LEVEL_COLOR
from nnviz.scenes.mlp.compare import DIFFERENCES, Comparison, ResultRow
from nnviz.scenes.mlp.graph import draw_graph
from nnviz.scenes.mlp.heat import HeatCache
from nnviz.scenes.mlp.layout import CONTROL_WIDTH
from nnviz.scenes.mlp.text import INFO
from nnviz.sim import Snapshot
from nnviz.ui.theme import Theme, legible
from nnviz.ui.widget import Panel, Rect, Row
from nnviz.ui.widgets import Button, Dropdown, Label

NAMES = ("A", "B")


@dataclass(frozen=True)
class CompareLayout:
    """Pixel rectangles of compare mode for one window size and theme."""

    header: Rect
    nets: tuple[Rect, Rect]
    loss: Rect
    table: Rect
    controls: Rect

    @staticmethod
    def compute(width: float, height: float, theme: Theme) -> CompareLayout:
        f = ScreenFrame.compute(width, height, theme, margin=1.6, control_share=CONTROL_WIDTH,
                                control_min=280, upper_share=0.58)  # fmt: skip
        m, w, top = f.margin, f.content_w, f.top
        half = (w - m) / 2
        upper_h = f.split - top
        low_y, low_h = f.lower_row()
        w_loss = w * 0.4
        return CompareLayout(
            header=f.header,
            nets=(Rect(m, top, half, upper_h), Rect(2 * m + half, top, half, upper_h)),
            loss=Rect(m, low_y, w_loss, low_h),
            table=Rect(2 * m + w_loss, low_y, w - w_loss - m, low_h),
            controls=f.controls,
        )


@dataclass
class CompareActions:
    """What the compare panel's controls do."""

    toggle: Callable[[], None]
    step_epoch: Callable[[], None]
    restart: Callable[[], None]
    keep: Callable[[], None]
    choose: Callable[[str], None]
    leave: Callable[[], None]


class CompareControls:
    """The compare panel: which setting differs, play / step, restart, keep, back."""

    def __init__(self, key: str, actions: CompareActions) -> None:
        a = actions
        keys = [d.key for d in DIFFERENCES]
        self.play_button, self.step_button = training_buttons(
            a.toggle, a.step_epoch, ("Play / pause both (Space)", "Train both one epoch (Enter)")
        )
        # The dropdown below its name and ⓘ, as wide as the panel: its options read
        # whole in the projector's large type ("Differ in: " beside them did not fit).
        self.setting = Dropdown([d.label for d in DIFFERENCES], keys.index(key),
                                on_change=lambda i: a.choose(keys[i]))  # fmt: skip
        self.restart_button = Button("Restart both", a.restart, tooltip="Backspace", flex=1)
        self.keep_button = Button("Keep result", a.keep, tooltip="K", flex=1)
        self.back_button = Button("Back to explorer", a.leave, tooltip="C or Esc", flex=1)
        self.panel = Panel(
            panel_heading("Compare", INFO["compare"]),
            Row(Label("Differ in", wrap=False, flex=1), info_button(INFO["compare_setting"])),
            self.setting,
            Row(self.play_button, self.step_button),
            Row(self.restart_button),
            Row(self.keep_button),
            Row(self.back_button),
        )


def draw_compare(
    lists: dict[str, DrawList], t: Theme, layout: CompareLayout, comparison: Comparison,
    heats: tuple[HeatCache, HeatCache],
) -> None:  # fmt: skip
    """Both networks, the loss curves and the results table."""
    cards, content = lists["cards"], lists["content"]
    snaps = comparison.snapshots
    # No longer than the explorer's own title: the scene switcher starts after that.
    draw_title(content, t, layout.header.cy, "MLP compare", LEVEL_COLOR)
    describe = comparison.difference.describe
    for i, (snap, rect) in enumerate(zip(snaps, layout.nets, strict=True)):
        draw_card(cards, content, rect, f"Network {NAMES[i]}: {describe(snap.config)}", t)
        graph, plane = split_network_card(card_inner(rect, t), t.label_px)
        record = snap.shown
        if snap.status != "compiling":
            draw_graph(lists["graph"], lists["graph_top"], t, graph, record, heats[i])
        extent = record.prediction.points.extent if record and record.prediction else (0, 1, 0, 1)
        draw_boundary(content, t, PlaneView.fit(plane, extent), record, -1, heats[i])
    draw_card(cards, content, layout.loss, "Training loss", t)
    draw_pair_loss(content, t, card_inner(layout.loss, t), snaps)
    draw_card(cards, content, layout.table, "Results", t)
    draw_results(content, t, card_inner(layout.table, t), comparison.current(), comparison.rows)


PLANE_SHARE = 0.42
"""Most of a wide network card's width the data plane takes (the network the rest)."""


def split_network_card(inner: Rect, label_px: float) -> tuple[Rect, Rect]:
    """The network's room and the data plane's in one network card: side by side in a
    wide card, one above the other in a tall one (a 4:3 window's two cards are taller
    than wide; side by side, the network got a strip a quarter of the card wide). The
    network keeps room for its input and output names either side."""
    margin = label_px * 1.6
    if inner.w >= inner.h:
        # The plane is square: more than its side would be empty beside it.
        side = min(inner.h, inner.w * PLANE_SHARE)
        graph = Rect(inner.x + margin, inner.y, inner.w - side - 2 * margin, inner.h)
        return graph, Rect(inner.right - side, inner.y, side, inner.h)
    # The plane, square, needs no more height than the card's width gives it.
    top = max(inner.h * 0.5, inner.h - inner.w * PLANE_SHARE)
    graph = Rect(inner.x + margin, inner.y, inner.w - 2 * margin, top)
    return graph, Rect(inner.x, inner.y + top, inner.w, inner.h - top)


def draw_pair_loss(dl: DrawList, t: Theme, r: Rect, snaps: tuple[Snapshot, ...]) -> None:
    """Both networks' training loss per epoch on one log axis (B dashed)."""
    curves = [(np.asarray(s.loss_epochs, dtype=np.float64),
               np.asarray(s.train_losses, dtype=np.float64)) for s in snaps]  # fmt: skip
    if not any(len(e) for e, _ in curves):
        fitted_paragraph(dl, t, "The loss curves appear after the first epoch.", r, t.text_dim)
        return
    finite = np.concatenate([v[np.isfinite(v)] for _, v in curves])
    lo = float(finite.min()) if len(finite) else 1e-3
    hi = float(finite.max()) if len(finite) else 1.0
    last = max(float(e[-1]) for e, _ in curves if len(e))
    # Okabe-Ito orange is 2.3:1 on white: each curve darkened just enough to read 3:1.
    inks = [legible(t.series[i], t.text, t.panel, ratio=3.0) for i in range(len(curves))]
    items = [(f"network {NAMES[i]}", inks[i], "dashed" if i == 1 else "solid")
             for i in range(len(curves))]  # fmt: skip
    # The legend spans the card and wraps on a narrow one: network B is never unnamed.
    extra = legend_height(dl.text_layout, t, r.w, items)
    plot = Rect(r.x + t.px(48), r.y, r.w - t.px(52), r.h - t.label_px * 1.8 - extra)
    # Axes that hold still while the runs go on (see ``kit.loss_chart``).
    frame = PlotFrame(plot, growing_axis(0.0, last), steady_log_range(lo, hi), log_y=True)
    frame.draw_axes(dl, t)
    for i, (epochs, values) in enumerate(curves):
        if not len(epochs):
            continue
        keep = decimation(len(epochs), int(plot.w / 2))
        dash = {"dash": t.px(7), "gap": t.px(4)} if i == 1 else {}
        frame.polyline(dl, epochs[keep], values[keep], t.px(2.5), inks[i], **dash)
    frame.draw_x_label(dl, t, "epoch")
    draw_legend(dl, t, r.x, r.bottom - t.label_px * 0.4, r.right, items, wrap=True)


def _num(value: float, digits: int) -> str:
    return f"{value:.{digits}f}" if np.isfinite(value) else "–"


def draw_results(dl: DrawList, t: Theme, r: Rect, live: tuple[ResultRow, ...],
                 kept: list[ResultRow]) -> None:  # fmt: skip
    """The live pair (bold), then the kept runs, newest first; as many as fit. Columns
    are as wide as their widest cell; on a narrow card the epochs and then the loss
    columns are left out (the loss curves show them) before the type would shrink."""
    heads = ("setting", "epochs", "loss", "accuracy")
    rows = [(f"{NAMES[i]}: {res.setting}", res, "bold") for i, res in enumerate(live)]
    rows += [(res.setting, res, "regular") for res in kept[::-1]]
    full = [heads] + [(label, str(res.epochs), _num(res.loss, 3),
                       f"{res.accuracy:.0%}" if np.isfinite(res.accuracy) else "–")
                      for label, res, _ in rows]  # fmt: skip
    size = t.label_px
    gap = size * 1.2

    def widths_of(keep: tuple[int, ...]) -> list[float]:
        return [max(dl.text_layout.width(row[k], size, "bold") for row in full) for k in keep]

    keep = next((k for k in ((0, 1, 2, 3), (0, 2, 3), (0, 3))
                 if sum(widths_of(k)) + gap * (len(k) - 1) <= r.w), (0, 3))  # fmt: skip
    table = [tuple(row[k] for k in keep) for row in full]
    heads = table[0]
    widths = widths_of(keep)
    size *= min(1.0, r.w / (sum(widths) + gap * (len(heads) - 1)))
    scale = size / t.label_px
    cols = [r.x]  # left edge of the setting, then right edges of the numbers
    right = r.x + widths[0] * scale
    for w in widths[1:]:
        right += gap * scale + w * scale
        cols.append(right)
    row_h = size * 1.5
    y = r.y + size * 0.6
    anchors = ("lm", *("rm",) * (len(heads) - 1))
    for x, head, anchor in zip(cols, heads, anchors, strict=True):
        dl.text(head, x, y, size, t.text_dim, anchor=anchor)
    fitting = max(int((r.bottom - y) / row_h), 0)
    for (_, _, face), cells in zip(rows[:fitting], table[1:], strict=False):
        y += row_h
        for x, text, anchor in zip(cols, cells, anchors, strict=True):
            dl.text(text, x, y, size, t.text if face == "bold" else t.text_dim, anchor=anchor,
                    face=face)  # fmt: skip
