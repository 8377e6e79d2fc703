"""The sheet's view-model: every cell equals a plain numpy RNN, edits change exactly the
cells downstream, traces list exactly the dependencies, a training step is the core's."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import reference
from nnviz.scenes.sheet import sequences
from nnviz.scenes.sheet.cells import EDITABLE_KINDS, PARAM_NAMES, WEIGHT_KINDS, Cell
from nnviz.scenes.sheet.model import ACTIVATIONS, Sheet

ACT = {
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
}


def numpy_rnn(sheet: Sheet) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """h (T, H), y (T, 1) and z (T, H), written from the equations."""
    p = {k: sheet.model.param(n).astype(np.float64) for k, n in PARAM_NAMES.items()}
    f = ACT[sheet.activation]
    steps, hidden = sheet.shape.steps, sheet.shape.hidden
    h = np.zeros((steps, hidden))
    z = np.zeros((steps, hidden))
    prev = np.zeros(hidden)
    for t in range(steps):
        z[t] = sheet.x[t] @ p["wx"] + prev @ p["wh"] + p["b"]
        h[t] = prev = f(z[t])
    return h, h @ p["wy"] + p["by"], z


def random_sheet(rng: np.random.Generator, activation: str) -> Sheet:
    sheet = Sheet(int(rng.integers(1, 13)), int(rng.integers(1, 5)), int(rng.integers(1, 4)),
                  activation=activation)  # fmt: skip
    for cell in sheet.shape.cells(EDITABLE_KINDS):
        sheet.set_value(cell, float(rng.normal(0.0, 0.8)))
    return sheet


def test_the_default_sheet_is_small_and_hand_workable():
    sheet = Sheet()
    s = sheet.shape
    assert (s.steps, s.hidden, s.n_in, sheet.activation) == (4, 2, 1, "tanh")
    assert sheet.x[:, 0].tolist() == [0.25, 0.5, 0.75, 1.0]
    assert sheet.target[:, 0].tolist() == [0.5, 0.75, 1.0, 1.25]
    # The README's worked example: h₁ = tanh(0.5·0.25 + 0.1) = tanh(0.225).
    assert sheet.value(Cell("h", 0, 0)) == pytest.approx(np.tanh(0.225), abs=1e-12)
    assert sheet.value(Cell("h", 0, 1)) == pytest.approx(np.tanh(-0.225), abs=1e-12)
    y0 = np.tanh(0.225) - np.tanh(-0.225) + 0.5
    assert sheet.value(Cell("y", 0, 0)) == pytest.approx(y0, abs=1e-12)
    assert sheet.value(Cell("h", 1, 0)) == pytest.approx(0.4746, abs=5e-5)
    assert sheet.value(Cell("y", 3, 0)) == pytest.approx(1.8785, abs=5e-5)
    assert sheet.loss == pytest.approx(0.3521, abs=5e-5)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("seed", range(4))
def test_every_cell_equals_a_plain_numpy_rnn(activation, seed):
    sheet = random_sheet(np.random.default_rng(seed), activation)
    h, y, z = numpy_rnn(sheet)
    s = sheet.shape
    for t in range(s.steps):
        for j in range(s.hidden):
            assert abs(sheet.value(Cell("h", t, j)) - h[t, j]) <= 1e-12
            assert abs(sheet.pre_activation(t, j) - z[t, j]) <= 1e-12
        assert abs(sheet.value(Cell("y", t, 0)) - y[t, 0]) <= 1e-12
    assert abs(sheet.loss - np.mean((y - sheet.target) ** 2)) <= 1e-12


@pytest.mark.parametrize("name", sequences.SEQUENCE_NAMES)
def test_sequences_fill_inputs_and_next_value_targets(name):
    sheet = Sheet(6, 2, 2, sequence="linear")
    sheet.set_sequence(name, custom=[1.0, -2.0, 3.0])
    seq = sequences.values(name, 7, [1.0, -2.0, 3.0])
    assert sheet.x[:, 0].tolist() == seq[:6].tolist()
    assert sheet.x[:, 1].tolist() == [0.0, *seq[:5].tolist()]
    assert sheet.target[:, 0].tolist() == seq[1:7].tolist()


def test_named_sequences():
    assert sequences.values("fibonacci", 6) == pytest.approx([0.1, 0.1, 0.2, 0.3, 0.5, 0.8])
    assert sequences.values("alternating", 4).tolist() == [1.0, -1.0, 1.0, -1.0]
    assert sequences.values("exponential", 4).tolist() == [0.125, 0.25, 0.5, 1.0]
    assert sequences.values("sine", 3) == pytest.approx([0.0, np.sqrt(0.5), 1.0])
    assert sequences.parse_numbers("1, −2 3;4") == [1.0, -2.0, 3.0, 4.0]
    with pytest.raises(ValueError):
        sequences.parse_numbers("1, two")


@pytest.mark.parametrize("seed", range(3))
def test_an_edit_changes_exactly_the_cells_downstream(seed):
    rng = np.random.default_rng(seed)
    sheet = random_sheet(rng, "tanh")
    for cell in sheet.shape.cells(EDITABLE_KINDS):
        before = sheet.values()
        changed = sheet.set_value(cell, before[cell] + 0.37)
        after = sheet.values()
        differs = {c for c in after if after[c] != before[c]}
        assert changed == differs
        assert differs == {cell, *sheet.shape.downstream(cell)}


def test_downstream_of_a_recurrent_weight_skips_the_first_step():
    sheet = Sheet()
    down = sheet.shape.downstream(Cell("wh", 0, 1))
    assert Cell("h", 0, 1) not in down and Cell("y", 0, 0) not in down
    assert {Cell("h", 1, 1), Cell("h", 2, 0), Cell("y", 1, 0)} <= down
    assert Cell("h", 1, 0) not in down  # unit 0 first feels it at t = 2, through unit 1
    assert sheet.shape.downstream(Cell("x", 2, 0)) >= {Cell("h", 3, 0), Cell("y", 2, 0)}
    assert Cell("h", 1, 0) not in sheet.shape.downstream(Cell("x", 2, 0))


def test_direct_trace_lists_the_formula_terms():
    sheet = Sheet(4, 2, 2)
    assert set(sheet.sources(Cell("h", 2, 1))) == {
        Cell("x", 2, 0), Cell("x", 2, 1), Cell("wx", 0, 1), Cell("wx", 1, 1),
        Cell("h", 1, 0), Cell("h", 1, 1), Cell("wh", 0, 1), Cell("wh", 1, 1), Cell("b", 0, 1),
    }  # fmt: skip
    assert set(sheet.sources(Cell("h", 0, 0))) == {
        Cell("x", 0, 0), Cell("x", 0, 1), Cell("wx", 0, 0), Cell("wx", 1, 0), Cell("b", 0, 0),
    }  # fmt: skip
    assert set(sheet.sources(Cell("y", 3, 0))) == {
        Cell("h", 3, 0), Cell("h", 3, 1), Cell("wy", 0, 0), Cell("wy", 1, 0), Cell("by", 0, 0),
    }  # fmt: skip


@pytest.mark.parametrize("target", [Cell("h", 2, 0), Cell("y", 3, 0), Cell("h", 0, 1)])
def test_full_trace_lists_exactly_the_cells_that_move_it(target):
    """Perturb every editable cell: those that move the value are the trace's editable
    cells; the trace's computed cells are those whose own trace reaches the same cells."""
    rng = np.random.default_rng(7)
    sheet = Sheet(4, 2, 2)
    for cell in sheet.shape.cells(EDITABLE_KINDS):
        sheet.set_value(cell, float(rng.uniform(0.2, 0.9)))  # no zero input hides a weight
    traced = set(sheet.sources(target, all_levels=True))
    moves = set()
    for cell in sheet.shape.cells(EDITABLE_KINDS):
        v, before = sheet.value(cell), sheet.value(target)
        sheet.set_value(cell, v + 0.5)
        if sheet.value(target) != before:
            moves.add(cell)
        sheet.set_value(cell, v)
    assert {c for c in traced if c.kind in EDITABLE_KINDS} == moves
    computed = {c for c in traced if c.kind in ("h", "y")}
    assert computed == {c for c in sheet.shape.cells(("h",)) if target in sheet.shape.downstream(c)}


def test_step_forward_reveals_one_step_at_a_time():
    sheet = Sheet()
    assert sheet.revealed == 4
    assert sheet.step_forward() == {Cell("h", 0, 0), Cell("h", 0, 1), Cell("y", 0, 0)}
    assert sheet.is_revealed(Cell("h", 0, 1)) and not sheet.is_revealed(Cell("h", 1, 0))
    sheet.step_forward(), sheet.step_forward()
    assert not sheet.is_revealed(Cell("loss", 0, 0))
    assert Cell("loss", 0, 0) in sheet.step_forward()
    assert sheet.is_revealed(Cell("y", 3, 0))
    sheet.step_forward()
    assert sheet.revealed == 1
    sheet.show_all()
    assert sheet.revealed == 4


def test_resize_keeps_the_weights_that_still_exist():
    sheet = Sheet()
    sheet.set_value(Cell("wh", 1, 0), 0.75)
    sheet.set_locked(Cell("wh", 1, 0), True)
    sheet.resize(steps=12, hidden=4, n_in=3)
    assert (sheet.shape.steps, sheet.shape.hidden, sheet.shape.n_in) == (12, 4, 3)
    assert sheet.value(Cell("wh", 1, 0)) == 0.75 and sheet.locked(Cell("wh", 1, 0))
    assert sheet.value(Cell("wx", 0, 1)) == -0.5
    assert sheet.x.shape == (12, 3) and sheet.trace.layers[0].h.shape == (12, 4)
    sheet.resize(steps=99, hidden=0)
    assert (sheet.shape.steps, sheet.shape.hidden) == (12, 1)


def test_computed_cells_are_not_edited():
    sheet = Sheet()
    with pytest.raises(ValueError):
        sheet.set_value(Cell("h", 0, 0), 1.0)
    with pytest.raises(ValueError):
        sheet.set_value(Cell("x", 0, 0), float("nan"))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gradients_and_one_training_step_are_the_cores(activation):
    sheet = random_sheet(np.random.default_rng(3), activation)
    sheet.set_locked(Cell("wh", 0, 0), True)
    sheet.set_locked(Cell("by", 0, 0), True)
    model = sheet.model.copy()
    ref = reference.sequence_pass(model, sheet.x[None], sheet.target[None], loss="mse")
    expected = np.where(model.frozen != 0, 0.0, ref["grads"])
    for cell in sheet.shape.cells(WEIGHT_KINDS):
        flat = model.layout.view(expected, PARAM_NAMES[cell.kind])
        assert sheet.grad(cell) == pytest.approx(flat[sheet.shape.param_index(cell)], abs=1e-12)
    np.testing.assert_allclose(sheet.trace.layers[0].dh[:, :], ref["dh"][0][0], atol=1e-12)
    assert sheet.state_grad(1, 0) == pytest.approx(ref["dh"][0][0, 1, 0], abs=1e-12)
    before = sheet.weights()
    locked = {c: sheet.value(c) for c in (Cell("wh", 0, 0), Cell("by", 0, 0))}
    result = sheet.train_step()
    assert result.ok and result.loss == pytest.approx(ref["loss"], abs=1e-12)
    np.testing.assert_allclose(sheet.weights(), before - sheet.learning_rate * expected,
                               atol=1e-12)  # fmt: skip
    assert all(sheet.value(c) == v for c, v in locked.items())
    moved = {c for c in sheet.shape.cells(WEIGHT_KINDS) if before[_flat(sheet, c)] !=
             sheet.weights()[_flat(sheet, c)]}  # fmt: skip
    assert moved == {c for c in sheet.shape.cells(WEIGHT_KINDS) if expected[_flat(sheet, c)]}
    assert moved <= sheet.changed and not set(locked) & sheet.changed


def _flat(sheet: Sheet, cell: Cell) -> int:
    """Index of a weight cell in the model's flat parameter vector."""
    probe = np.zeros_like(sheet.model.params)
    sheet.model.layout.view(probe, PARAM_NAMES[cell.kind])[sheet.shape.param_index(cell)] = 1
    return int(np.argmax(probe))
