"""The sheet's CSV round-trips; the formula CSV recomputes the sheet's values."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from nnviz.scenes.sheet import export
from nnviz.scenes.sheet.cells import EDITABLE_KINDS, Cell
from nnviz.scenes.sheet.model import Sheet


def test_csv_round_trips_every_value_setting_and_lock():
    rng = np.random.default_rng(5)
    sheet = Sheet(5, 3, 2, activation="sigmoid", learning_rate=0.05)
    sheet.set_sequence("custom", [0.3, -1.25, 2.0])
    for cell in sheet.shape.cells(EDITABLE_KINDS):
        sheet.set_value(cell, float(rng.normal()))
    sheet.set_locked(Cell("wh", 2, 1), True)
    back = export.from_csv(export.to_csv(sheet))
    assert back.values() == sheet.values()
    assert back.locked(Cell("wh", 2, 1)) and not back.locked(Cell("wh", 0, 0))
    assert (back.activation, back.sequence, back.custom) == ("sigmoid", "custom", sheet.custom)
    assert back.learning_rate == 0.05
    assert export.to_csv(back) == export.to_csv(sheet)


def _evaluate(rows: list[list[str]]) -> dict[str, float]:
    """A tiny spreadsheet: evaluates the formula CSV's cells (enough for its formulas)."""
    cells: dict[str, str] = {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cells[f"{export._col(c)}{r + 1}"] = text
    done: dict[str, float] = {}

    def value(ref: str) -> float:
        ref = ref.replace("$", "")
        if ref not in done:
            text = cells[ref]
            if text.startswith("="):
                expr = re.sub(r"\$?([A-Z]+)\$?(\d+)", lambda m: f"value('{m[1]}{m[2]}')", text[1:])
                expr = expr.replace("^", "**").replace("TANH", "math.tanh")
                expr = expr.replace("EXP", "math.exp").replace("MAX", "max")
                done[ref] = float(eval(expr, {"math": math, "value": value, "max": max}))
            else:
                done[ref] = float(text)
        return done[ref]

    return {ref: value(ref) for ref, text in cells.items() if text.startswith("=")}


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_formulas_recompute_the_sheet(activation):
    sheet = Sheet(4, 2, 2, activation=activation, sequence="sine")
    rows = export.formula_rows(sheet)
    results = _evaluate(rows)
    loss_ref = next(f"B{r + 1}" for r, row in enumerate(rows) if row and row[0] == "loss")
    assert results[loss_ref] == pytest.approx(sheet.loss, abs=1e-12)
    h_row = next(r for r, row in enumerate(rows) if row and row[0] == "h2")
    assert results[f"D{h_row + 1}"] == pytest.approx(sheet.value(Cell("h", 2, 1)), abs=1e-12)


def test_files_are_written_into_the_folder(tmp_path):
    paths = export.write(Sheet(), tmp_path)
    assert [p.name for p in paths] == ["sheet.csv", "sheet_formulas.csv"]
    assert export.from_csv(paths[0].read_text()).values() == Sheet().values()
    assert not list(tmp_path.glob(".*tmp"))
