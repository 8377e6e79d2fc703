"""The cell view: hit-testing, the real numbers as text, and the level-of-detail fade."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from nnviz.core import LSTM, OptimizerConfig, Trainer
from nnviz.core.datasets import make_dataset
from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.arithmetic import draw_arithmetic
from nnviz.scenes.cell.steps import CellSequence, CellStepPlayer
from nnviz.scenes.cell.text import fmt, fmt_small, readout
from nnviz.scenes.cell.view import (
    LARGEST_EM,
    NEIGHBOURS,
    CellType,
    CellView,
    neighbour_names,
)
from nnviz.ui.audit import _cut
from nnviz.ui.theme import LIGHT, PROJECTOR
from nnviz.ui.widget import Rect


@pytest.fixture(scope="module")
def player():
    data = make_dataset("sine", seed=0)
    model = LSTM(1, [5], 1, seed=0, dtype=np.float64)
    trainer = Trainer(model, loss="mse", optimizer=OptimizerConfig("adam", lr=0.01))
    trainer.run(data.x_train, data.y_train, n_steps=5, batch_size=8, rng=0)
    trace = trainer.trace(data.x_val[:1, :6], data.y_val[:1, :6])
    p = CellStepPlayer(playing=False)
    p.feed(CellSequence(trace, 0, 3, params=model.params.copy()))
    return p


class RecordingList(DrawList):
    """A draw list that also remembers the strings it was asked to draw."""

    def __init__(self, layout) -> None:
        super().__init__(layout)
        self.strings: list[str] = []

    def text(self, text, *args, **kw):
        self.strings.append(text)
        return super().text(text, *args, **kw)


def test_every_node_is_hit_at_its_centre_and_empty_space_is_not():
    view = CellView()
    for name, node in view.nodes.items():
        assert view.hit(node.x, node.y) == name
    assert view.hit(800.0, 980.0) is None
    assert view.hit(5.0, 5.0) is None


def test_type_grows_the_nodes_and_shows_fewer_words_when_there_is_no_room(player, text_layout):
    """Larger type grows the nodes (the text never shrinks below the floor it was given);
    beyond the room of the geometry the diagram leaves words to the ⓘ instead."""
    player.seek(player.sequence.index_of("gates", 2))
    drawn = {}
    for floor in (20.0, 45.0, 52.0, 90.0):
        view = CellView()
        view.fit_type(floor)
        dl, top = RecordingList(text_layout), RecordingList(text_layout)
        view.draw(dl, top, LIGHT, player.state())
        drawn[floor] = (view, dl.strings)
    small, large, sparse, huge = (drawn[f][0] for f in (20.0, 45.0, 52.0, 90.0))
    assert small.type == CellType() and large.type.em >= 45.0
    assert large.nodes["f"].r > small.nodes["f"].r
    assert not sparse.type.tight and any(NUMBER.search(s) for s in drawn[52.0][1])
    assert "forget" in drawn[45.0][1] and "forget" not in drawn[90.0][1]
    # The neighbours are named (one layer: the data below it, the output above) while
    # the words are at the floor; sparse type (below it) leaves the names to the ⓘ.
    names = ("t+1", "data", "output")  # (t−1 is a subscript too: not told apart here)
    assert all(word in drawn[20.0][1] for word in names)
    assert not any(word in drawn[90.0][1] for word in names)
    assert not huge.type.all_words and huge.type.em == LARGEST_EM and huge.type.tight


def test_a_middle_layer_names_the_layers_around_it():
    data = make_dataset("sine", seed=0)
    model = LSTM(1, [4, 4, 4], 1, seed=0, dtype=np.float64)
    trace = Trainer(model).trace(data.x_val[:1, :4], data.y_val[:1, :4])
    names = [neighbour_names(CellSequence(trace, layer, 0)) for layer in range(3)]
    assert [(n["below"], n["above"]) for n in names] == [
        ("data", "layer above"), ("layer below", "layer above"), ("layer below", "output"),
    ]
    assert neighbour_names(None)["below"] == "layer below"  # no trace yet: the general word


def test_beyond_the_words_ceiling_the_gates_show_their_letters_and_no_numbers(
    player, text_layout
):
    """Where even the largest words would stay under the floor (the projector's type on a
    4:3 screen), the diagram shows fewer things rather than smaller type: each gate its
    letter in place of its function, at the floor, and no numbers (the Arithmetic card
    and the ⓘ have them); every word it keeps reaches the floor."""
    floor = LARGEST_EM + 15.0
    for stage in ("gates", "backward"):
        player.seek(player.sequence.index_of(stage, 2))
        view = CellView()
        view.fit_type(floor)
        dl, top = DrawList(text_layout), DrawList(text_layout)
        view.draw(dl, top, LIGHT, player.state())
        runs = [*dl.runs, *top.runs]
        assert {"f", "i", "g", "o"} <= {run.text for run in runs}
        assert not any(NUMBER.search(run.text) or run.text == "σ" for run in runs)
        assert min(run.size / run.script for run in runs) >= floor


def test_symbols_reach_a_floor_beyond_the_words_ceiling(player, text_layout):
    """Where the words stop at the geometry's ceiling, the nodes' own symbols (σ, ⊙, x_t,
    h_t) still grow to the floor, as far as their node holds them."""
    player.seek(player.sequence.index_of("gates", 2))
    view = CellView()
    floor = LARGEST_EM + 15.0
    view.fit_type(floor)
    dl, top = DrawList(text_layout), DrawList(text_layout)
    view.draw(dl, top, LIGHT, player.state())
    sizes = {run.text: run.size for run in dl.runs}
    for symbol in ("f", "⊙", "+", "x", "h", "c"):
        assert sizes[symbol] >= floor, symbol
    assert view.type.em == LARGEST_EM


def test_draw_shows_the_real_numbers(player, text_layout):
    view = CellView()
    player.seek(player.sequence.index_of("output", 2))
    dl, top = RecordingList(text_layout), RecordingList(text_layout)
    view.draw(dl, top, LIGHT, player.state())
    lt, j = player.sequence.lt, 3
    for value in (lt.act[2, 1, j], lt.act[2, 3, j], lt.c[2, j], lt.h[2, j], lt.tanh_c[2, j]):
        assert fmt(float(value)) in dl.strings
    assert dl.count() > 50 and top.count() > 0


def test_readout_gates_writes_out_the_weighted_sum(player):
    seq = player.sequence
    player.seek(seq.index_of("gates", 1))
    lines = readout(seq, player.step)
    assert len(lines) == 4
    roles = {tok.role for tok in lines[1]}
    assert {"input", "state", "weight", "result"} <= roles
    assert lines[1][-1].text == fmt(float(seq.lt.act[1, 1, 3]))


def test_the_terms_left_out_are_a_term_of_their_own_not_a_cut(player):
    """The weighted sum writes its largest terms and "…" for the rest: a term of its own,
    which the layout audit does not count as text cut short (a cut word still is)."""
    seq = player.sequence
    player.seek(seq.index_of("gates", 1))
    texts = [tok.text for line in readout(seq, player.step) for tok in line]
    assert "…" in texts
    assert not any(_cut(text) for text in texts)
    assert _cut("Gates ov…") and _cut("+ …")


def test_a_card_too_small_for_the_sums_shows_every_gates_result(player, text_layout):
    """Large type in a low card (the projector on 4:3): the sums that do not fit whole
    show what they compute and its result, together ("i = 0.50 ; f = 0.69 …")."""
    seq = player.sequence
    player.seek(seq.index_of("gates", 1))
    theme = PROJECTOR.for_drawable(768)
    dl = RecordingList(text_layout)
    draw_arithmetic(dl, theme, Rect(0, 0, 640, theme.body_px * 4.5), player.state())
    results = [line[-1].text for line in readout(seq, player.step)]
    assert len(results) == 4 and all(r in dl.strings for r in results)
    assert {"i =", "f =", "g =", "o ="} <= set(dl.strings)
    assert min(run.size for run in dl.runs) >= theme.small_px


def test_explanations_fill_in_the_current_numbers(player):
    view = CellView()
    player.seek(player.sequence.index_of("cell", 0))
    title, text, formula = view.explain("f", player.state())
    assert "Forget" in title and text
    assert fmt(float(player.sequence.lt.act[0, 1, 3])) in formula
    for name in view.nodes:
        assert view.explain(name, player.state())[0]


def test_alpha_zero_draws_nothing(player, text_layout):
    view = CellView()
    dl, top = DrawList(text_layout), DrawList(text_layout)
    view.draw(dl, top, LIGHT, player.state(), alpha=0.0)
    assert dl.count() == 0 and top.count() == 0
    view.draw(dl, top, LIGHT, player.state(), alpha=0.5)
    colors = dl.arrays()["circle"][:, 6:10]
    assert colors[:, 3].max() <= 0.5 + 1e-6


def _labels(dl: DrawList) -> list[str]:
    """The draw list's lines of text, with a formula's pieces (scripts set as runs of
    their own, touching each other) joined back into one label."""
    labels: list[str] = []
    last = None
    for run in dl.runs:
        if last is not None and abs(run.x0 - last.x1) < 1.0 and run.y0 < last.y1 + 20:
            labels[-1] += run.text
        else:
            labels.append(run.text)
        last = run
    return labels


NUMBER = re.compile(r"\d\.\d|\de[−+]?\d|^\s*−?\d+\s*$")


def test_every_number_of_a_backward_step_is_a_labelled_gradient(player, text_layout):
    seq = player.sequence
    view = CellView()
    for t in range(seq.T):
        player.seek(seq.index_of("backward", t))
        dl, top = DrawList(text_layout), DrawList(text_layout)
        view.draw(dl, top, LIGHT, player.state())
        labels = _labels(dl)
        numbers = [text for text in labels if NUMBER.search(text)]
        assert numbers, labels
        for text in numbers:  # never a bare number beside the forward values
            assert text.startswith("∂L/∂") and " = " in text, text
        v = player.step.values
        assert f"∂L/∂ht = {fmt_small(v['dh'])}" in labels
        assert f"∂L/∂ct = {fmt_small(v['dc'])}" in labels


def _box(node) -> tuple[float, float, float, float]:
    hw, hh = node.half()
    return node.x - hw, node.y - hh, node.x + hw, node.y + hh


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
@pytest.mark.parametrize("floor", [20.0, 34.0, 44.0, 50.0, 56.0, 80.0])
def test_nodes_and_loops_keep_clear_of_each_other_at_every_growth(kind, floor):
    """Grown for large type, no node meets another, none leaves cell space, and a loop
    passes through no node but its two ends (x_t's pill sat on the h loop at every size
    and, grown for a projector, met h_(t−1)'s)."""
    view = CellView(kind=kind)
    view.fit_type(floor)
    nodes = view.nodes
    bx0, by0, bx1, by1 = view.bounds()
    boxes = {name: _box(node) for name, node in nodes.items()} | NEIGHBOURS
    for name, (x0, y0, x1, y1) in boxes.items():
        assert bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1, name
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            na, nb = nodes.get(a), nodes.get(b)
            if na and nb and {na.shape, nb.shape} <= {"gate", "op"}:  # two circles
                apart = math.hypot(na.x - nb.x, na.y - nb.y) > na.r + nb.r
            else:
                (a0, a1, a2, a3), (b0, b1, b2, b3) = boxes[a], boxes[b]
                apart = a2 < b0 or b2 < a0 or a3 < b1 or b3 < a1
            assert apart, f"{a} meets {b} at floor {floor}"
    ends = {"h_loop": ("h", "h_prev"), "c_loop": ("c", "c_prev")}
    margin = 10.0  # the line's half width and a little air
    for loop, ctrl in view.loops().items():
        s = np.linspace(0.0, 1.0, 400)[:, None]
        p0, p1, p2, p3 = (np.asarray(q) for q in ctrl)
        pts = (1 - s) ** 3 * p0 + 3 * (1 - s) ** 2 * s * p1 + 3 * (1 - s) * s**2 * p2 + s**3 * p3
        for name, (x0, y0, x1, y1) in boxes.items():
            if name in ends[loop]:
                continue
            inside = (
                (pts[:, 0] > x0 - margin) & (pts[:, 0] < x1 + margin)
                & (pts[:, 1] > y0 - margin) & (pts[:, 1] < y1 + margin)
            )  # fmt: skip
            assert not inside.any(), f"{loop} passes through {name} at floor {floor}"
