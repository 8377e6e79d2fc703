"""Instance layouts: one declaration per kind, formats and strides derived from it."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render import layouts
from nnviz.render.layouts import LAYOUTS, LINE, PANEL


def test_dtype_stride_and_floats_agree():
    for layout in LAYOUTS.values():
        assert layout.dtype.itemsize == 4 * layout.floats
        assert layout.dtype.names == layout.names
        assert all(layout.dtype[name].base == np.float32 for name in layout.names)


def test_buffer_format_pads_the_fields_a_program_skips():
    assert PANEL.buffer_format() == "4f 2f 4f 4f 4f 2f/i"
    assert PANEL.buffer_format(("box", "style", "fill")) == "4f 2f 4f 40x/i"
    assert PANEL.buffer_format(("fill",)) == "24x 4f 40x/i"
    assert PANEL.attributes(("fill", "box")) == ("i_box", "i_fill")
    with pytest.raises(KeyError, match="no fields"):
        PANEL.buffer_format(("colour",))


def test_index_names_fields_and_components():
    i = LINE.index
    assert i["points"] == slice(0, 4) and i["style"] == slice(4, 8)
    assert (i["style.width"], i["style.flow"], i["color.a"]) == (4, 7, 11)


def test_records_view_rows_by_name_without_copying():
    rows = LINE.zeros(3)
    rows[:, LINE.index["style.dash"]] = 5.0
    records = LINE.records(rows)
    assert records["style"][:, 1].tolist() == [5.0, 5.0, 5.0]
    records["color"][1] = (1, 2, 3, 4)
    assert rows[1, LINE.index["color"]].tolist() == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="rows must be"):
        LINE.records(np.zeros((2, 5), dtype=np.float32))


def test_every_kind_is_declared_once_in_draw_order():
    from nnviz.render.drawlist import KIND_ORDER

    assert tuple(LAYOUTS) == KIND_ORDER
    assert (LAYOUTS["panel"], LAYOUTS["text"]) == (layouts.PANEL, layouts.TEXT)
