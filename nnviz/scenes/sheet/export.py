"""The sheet as files: values as CSV (read back by :func:`from_csv`), and a CSV with
spreadsheet formulas that recompute the hidden states, outputs and loss from the inputs
and weights, so a student can continue in the spreadsheet they know.

Files are written atomically (:func:`nnviz.render.atomic_file.write_atomically`, which
has no OpenGL in it): a reader sees the old file or the complete new one.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from nnviz.render.atomic_file import write_atomically
from nnviz.scenes.sheet import sequences
from nnviz.scenes.sheet.cells import EDITABLE_KINDS, Cell
from nnviz.scenes.sheet.model import Sheet

META = ("steps", "hidden", "n_in", "activation", "sequence", "learning_rate")


def to_csv(sheet: Sheet) -> str:
    """Every cell as ``kind,row,col,value`` (values with full precision), after the
    sheet's settings as ``setting,name,value`` rows."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    s = sheet.shape
    meta = (s.steps, s.hidden, s.n_in, sheet.activation, sheet.sequence, sheet.learning_rate)
    for name, value in zip(META, meta, strict=True):
        w.writerow(["setting", name, repr(value) if isinstance(value, float) else value])
    if sheet.custom:
        w.writerow(["setting", "custom", " ".join(repr(v) for v in sheet.custom)])
    w.writerow(["kind", "row", "col", "value", "locked"])
    for cell in s.cells():
        w.writerow([*cell, repr(sheet.value(cell)), int(sheet.locked(cell))])
    return out.getvalue()


def from_csv(text: str) -> Sheet:
    """The sheet :func:`to_csv` wrote (computed cells are recomputed, not read)."""
    rows = list(csv.reader(io.StringIO(text)))
    meta = {r[1]: r[2] for r in rows if r and r[0] == "setting"}
    sheet = Sheet(
        int(meta["steps"]),
        int(meta["hidden"]),
        int(meta["n_in"]),
        activation=meta["activation"],
        learning_rate=float(meta["learning_rate"]),
    )
    custom = sequences.parse_numbers(meta.get("custom", "")) or None
    sheet.set_sequence(meta["sequence"], custom)
    for r in rows:
        if r and r[0] in EDITABLE_KINDS:
            cell = Cell(r[0], int(r[1]), int(r[2]))
            sheet.set_value(cell, float(r[3]))
            if r[0] not in ("x", "target") and r[4] == "1":
                sheet.set_locked(cell, True)
    return sheet


def _col(n: int) -> str:
    """Spreadsheet column letters of 0-based column ``n`` (A, B, …, Z, AA, …)."""
    name = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


def formula_rows(sheet: Sheet) -> list[list[str]]:
    """The sheet as spreadsheet rows: labels in column A, time steps from column B, the
    weights below; hidden states, outputs and the loss as formulas over the cells."""
    s = sheet.shape
    rows: list[list[str]] = [["t", *(str(t + 1) for t in range(s.steps))]]
    where: dict[Cell, str] = {}

    def add_time_row(label: str, kind: str, r: int, values: list[str] | None) -> None:
        line = len(rows) + 1
        for t in range(s.steps):
            where[Cell(kind, t, r)] = f"{_col(t + 1)}{line}"
        rows.append([label, *(values or [""] * s.steps)])

    for i in range(s.n_in):
        values = [repr(sheet.value(Cell("x", t, i))) for t in range(s.steps)]
        add_time_row(f"x{i + 1}", "x", i, values)
    h_rows = []
    for j in range(s.hidden):
        h_rows.append(len(rows))
        add_time_row(f"h{j + 1}", "h", j, None)
    y_row = len(rows)
    add_time_row("y", "y", 0, None)
    add_time_row("target", "target", 0,
                 [repr(sheet.value(Cell("target", t, 0))) for t in range(s.steps)])  # fmt: skip
    rows.append([])
    for kind, label in (("wx", "W_x"), ("wh", "W_h"), ("b", "b"), ("wy", "W_y"), ("by", "b_y")):
        cells = list(s.kind_cells(kind))
        for r in range(max(c.row for c in cells) + 1):
            line = len(rows) + 1
            row = [f"{label} row {r + 1}"]
            for c in (c for c in cells if c.row == r):
                where[c] = f"${_col(c.col + 1)}${line}"
                row.append(repr(sheet.value(c)))
            rows.append(row)
    for j, index in enumerate(h_rows):
        for t in range(s.steps):
            rows[index][t + 1] = _h_formula(sheet, where, t, j)
    for t in range(s.steps):
        terms = [f"{where[Cell('h', t, j)]}*{where[Cell('wy', j, 0)]}" for j in range(s.hidden)]
        rows[y_row][t + 1] = "=" + "+".join([*terms, where[Cell("by", 0, 0)]])
    y_cells = [where[Cell("y", t, 0)] for t in range(s.steps)]
    targets = [where[Cell("target", t, 0)] for t in range(s.steps)]
    sq = "+".join(f"({a}-{b})^2" for a, b in zip(y_cells, targets, strict=True))
    rows += [[], ["loss", f"=({sq})/{s.steps}"]]
    return rows


def _h_formula(sheet: Sheet, where: dict[Cell, str], t: int, j: int) -> str:
    s = sheet.shape
    terms = [f"{where[Cell('x', t, i)]}*{where[Cell('wx', i, j)]}" for i in range(s.n_in)]
    if t > 0:
        terms += [
            f"{where[Cell('h', t - 1, k)]}*{where[Cell('wh', k, j)]}" for k in range(s.hidden)
        ]
    z = "+".join([*terms, where[Cell("b", 0, j)]])
    return {"tanh": f"=TANH({z})", "relu": f"=MAX(0,{z})",
            "sigmoid": f"=1/(1+EXP(-({z})))"}[sheet.activation]  # fmt: skip


def to_formula_csv(sheet: Sheet) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(formula_rows(sheet))
    return out.getvalue()


def write(sheet: Sheet, folder: Path) -> tuple[Path, Path]:
    """Write ``sheet.csv`` and ``sheet_formulas.csv`` into ``folder`` atomically."""
    values, formulas = Path(folder) / "sheet.csv", Path(folder) / "sheet_formulas.csv"
    for path, text in ((values, to_csv(sheet)), (formulas, to_formula_csv(sheet))):
        data = text.encode("utf-8")
        write_atomically(path, lambda f, data=data: f.write(data))
    return values, formulas


