"""The sheet scene: tapping, typing, dragging and keys edit the sheet; a second tap traces
to the inputs; training runs on the simulation clock; golden images."""

from __future__ import annotations

import pytest

from nnviz.render.renderer import read_pixels
from nnviz.scenes.cell.text import fmt
from nnviz.scenes.sheet import cards
from nnviz.scenes.sheet.arithmetic import cell_name
from nnviz.scenes.sheet.cells import Cell
from nnviz.ui import events as ev
from nnviz.ui.mode import ControlSet
from nnviz.ui.widget import Rect
from tests.scenes.helpers import click, key


@pytest.fixture
def sheet_app(make_app):
    app = make_app("--scene", "sheet", "--size", "1280x720", "--seed", "1")
    app.run(1)
    return app


def centre(app, cell: Cell) -> tuple[float, float]:
    box = app.scene.grid.boxes[cell]
    return app.scene.card.to_screen(box.cx, box.cy)


def test_tap_selects_and_a_second_tap_traces_to_the_inputs(sheet_app):
    scene = sheet_app.scene
    click(sheet_app, *centre(sheet_app, Cell("h", 2, 1)))
    assert scene.state.selected == Cell("h", 2, 1) and not scene.state.trace_all
    click(sheet_app, *centre(sheet_app, Cell("h", 2, 1)))
    assert scene.state.trace_all


def test_typing_into_a_cell_recalculates_and_flashes_downstream(sheet_app):
    scene = sheet_app.scene
    click(sheet_app, *centre(sheet_app, Cell("x", 1, 0)))
    sheet_app.window.inject(ev.TextInput("-"), ev.TextInput("1.5"))
    key(sheet_app, "return")
    assert scene.sheet.value(Cell("x", 1, 0)) == -1.5
    assert Cell("h", 3, 0) in scene.state.flash and Cell("h", 0, 0) not in scene.state.flash
    key(sheet_app, "up")
    assert scene.sheet.value(Cell("x", 1, 0)) == pytest.approx(-1.4)


def test_dragging_a_weight_changes_it(sheet_app):
    scene = sheet_app.scene
    x, y = centre(sheet_app, Cell("b", 0, 0))
    sheet_app.window.inject(ev.PointerDown(x, y), ev.PointerMove(x, y - 40, pressed=True),
                            ev.PointerUp(x, y - 40))  # fmt: skip
    sheet_app.run(sheet_app.frames_drawn + 1)
    assert scene.sheet.value(Cell("b", 0, 0)) > 0.1
    assert scene.state.selected == Cell("b", 0, 0)


def test_the_keypad_types_in_touch_mode(make_app):
    app = make_app("--scene", "sheet", "--size", "1280x720", "--mode", "kiosk")
    app.run(app.frames_drawn + 1)
    scene = app.scene.inner  # the kiosk's shell holds the explorer
    assert scene.services.mode.controls is ControlSet.TOUCH
    scene.select(Cell("wx", 0, 0))
    assert scene.keypad.visible
    for k in ("−", "2", ".", "5", "↵"):
        scene.press_key(k)
    assert scene.sheet.value(Cell("wx", 0, 0)) == -2.5


def test_train_runs_on_the_simulation_clock_and_locks_hold(sheet_app):
    scene = sheet_app.scene
    scene.select(Cell("wh", 0, 0))
    scene.toggle_lock()
    before = scene.sheet.loss
    scene.settings.training.set(True)
    sheet_app.run(sheet_app.frames_drawn + 60)
    assert len(scene.losses) >= 5 and scene.sheet.loss < before
    assert scene.sheet.value(Cell("wh", 0, 0)) == 0.5


def test_resizing_the_sheet_from_the_controls(sheet_app):
    scene = sheet_app.scene
    scene.settings.steps.set(12)
    scene.settings.hidden.set(4)
    assert Cell("h", 11, 3) in scene.grid.boxes
    sheet_app.run(sheet_app.frames_drawn + 1)


def test_export_writes_both_files(sheet_app, tmp_path):
    scene = sheet_app.scene
    scene.export_dir = tmp_path
    scene.export()
    assert (tmp_path / "sheet.csv").exists() and (tmp_path / "sheet_formulas.csv").exists()


def _pixels(app):
    app.run(app.frames_drawn + 60)  # flashes and number rolls settle
    return read_pixels(app.window.framebuffer)


def test_golden_default_sheet(sheet_app, golden):
    golden("sheet_default", _pixels(sheet_app))


def test_golden_traced_cell(sheet_app, golden):
    sheet_app.scene.select(Cell("h", 2, 1))
    golden("sheet_traced", _pixels(sheet_app))


def test_golden_gradient_layer(sheet_app, golden):
    scene = sheet_app.scene
    scene.settings.gradients.set(True)
    scene.train_step()
    scene.select(Cell("y", 3, 0))
    golden("sheet_gradients", _pixels(sheet_app))


def test_your_own_sequence_is_typed(sheet_app):
    scene = sheet_app.scene
    scene.settings.sequence.set("custom")
    sheet_app.window.inject(ev.TextInput("0.5, -1 2"))
    key(sheet_app, "return")
    assert scene.sheet.custom == [0.5, -1.0, 2.0]
    assert scene.sheet.x[:, 0].tolist() == [0.5, -1.0, 2.0, 0.5]


def test_tapping_a_row_label_explains_the_row(sheet_app):
    scene = sheet_app.scene
    _, _, box = next(label for label in scene.grid.row_labels if label[0] == "h")
    click(sheet_app, *scene.card.to_screen(box.cx, box.cy))
    assert scene.ui.overlays and scene.ui.overlays[-1].title == "Hidden states h_t"
    assert scene.state.selected is None


@pytest.mark.parametrize("size", ["1280x720", "1920x1080"])
def test_the_projector_keeps_its_type_and_shows_the_whole_default_sheet(make_app, size):
    app = make_app("--scene", "sheet", "--size", size, "--theme", "projector")
    app.run(2)
    scene = app.scene
    assert scene.ui.density == 1.0  # the panel shows a section rather than shrinking
    assert scene.sections.compact
    camera = scene.card.camera
    assert camera.zoom * scene.grid.style.min_em >= scene.theme.small_px - 1e-6
    x0, y0, x1, y1 = camera.visible_world_rect()
    for box in scene.grid.boxes.values():
        assert x0 - 1 <= box.x and box.x + box.w <= x1 + 1
        assert y0 - 1 <= box.y and box.y + box.h <= y1 + 1


def test_text_the_card_would_cut_is_left_off(make_app):
    app = make_app("--scene", "sheet", "--size", "1024x768", "--theme", "projector")
    app.run(2)
    scene = app.scene
    scene.settings.steps.set(12)
    app.run(app.frames_drawn + 1)
    _, _, x1, _ = scene.card.camera.visible_world_rect()
    cut = next(b for c, b in scene.grid.boxes.items() if c.kind == "x" and b.x < x1 < b.x + b.w)
    runs = scene.lists["world"].runs
    assert not [r for r in runs if cut.x <= (r.x0 + r.x1) / 2 <= cut.x + cut.w]
    assert [r for r in runs if r.x1 <= x1]  # what fits is drawn


def test_a_lesson_target_cell_is_brought_into_view(make_app):
    app = make_app("--scene", "sheet", "--size", "1024x768", "--theme", "projector")
    app.run(2)
    scene = app.scene
    scene.settings.steps.set(8)
    scene.focus("h:8")
    x0, y0, x1, y1 = scene.card.camera.visible_world_rect()
    box = scene.grid.boxes[Cell("h", 7, 0)]
    assert x0 - 1 <= box.x and box.x + box.w <= x1 + 1
    assert y0 - 1 <= box.y and box.y + box.h <= y1 + 1


def test_a_short_arithmetic_card_keeps_the_name_and_the_result_at_full_size(sheet_app):
    scene = sheet_app.scene
    t = scene.theme
    dl = scene.lists["content"]
    dl.clear()
    cell = Cell("h", 2, 1)
    cards.draw_arithmetic(dl, t, Rect(0, 0, 360, t.small_px * 2), scene.sheet, cell)
    texts = [r.text for r in dl.runs]
    assert cell_name(cell, scene.sheet) in texts and fmt(scene.sheet.value(cell)) in texts
    assert all(r.size >= t.small_px - 1e-6 for r in dl.runs)
    assert "input" not in texts  # the colour key stepped aside first


@pytest.mark.parametrize(("theme", "size"), [("dark", "1920x1080"), ("projector", "1280x720")])
def test_the_keypad_keeps_its_keys_on_screen_at_large_type(make_app, theme, size):
    app = make_app("--scene", "sheet", "--size", size, "--theme", theme, "--mode", "kiosk")
    app.run(app.frames_drawn + 1)
    scene = app.scene.inner
    scene.select(Cell("wx", 0, 0))
    app.run(app.frames_drawn + 1)
    keypad, area = scene.keypad, scene.keypad_area
    assert keypad.visible and keypad.measure(scene.ui.context(), area.w)[1] <= area.h
    height = app.window.size[1]
    assert all(w.rect.bottom <= height for w in keypad.walk())


@pytest.mark.parametrize(("size", "theme"), [("1024x768", "projector"), ("1024x768", "light")])
def test_narrow_cards_take_short_titles_and_hints_rather_than_cuts(make_app, size, theme):
    """A narrow card's title gives way to its short form (*The cell*, the activation's
    name) and the hint keeps whole sentences: nothing on the cards ends in "…"."""
    app = make_app("--scene", "sheet", "--size", size, "--theme", theme)
    app.run(2)
    texts = [run.text for run in app.scene.lists["content"].runs]
    assert not [text for text in texts if text.endswith("…")]
    assert "Tap an h or a ŷ to see its arithmetic." in " ".join(texts)


def test_short_titles_name_the_activation():
    assert cards.short_title("Activation and loss", "ReLU") == "ReLU, loss"
    assert cards.short_title("Activation", "tanh") == "tanh"
    assert cards.short_title("The cell over time", "tanh") == "The cell"
    assert cards.short_title("Loss", "tanh") == ""


def _window(app) -> tuple[float, float]:
    """The left and right world edges the grid card is showing or flying to."""
    return app.scene._columns_shown()


def test_a_card_too_small_for_every_time_step_pages_through_them(make_app):
    """Projector type at 1024×768 frames the weights and one time step: the ‹ › buttons
    in the card's title row say there is more and page to it (by mouse and touch), End
    shows the last steps and Home the weights again."""
    app = make_app("--scene", "sheet", "--size", "1024x768", "--theme", "projector")
    app.run(2)
    scene = app.scene
    earlier, later = scene.pager
    assert earlier.visible and later.visible
    assert not earlier.enabled and later.enabled  # at home: nothing further back
    last = scene.grid.column_heads[-1]
    assert _window(app)[1] < last.x + last.w  # the last time step is out of view
    click(app, later.rect.cx, later.rect.cy)
    left, right = _window(app)
    first = scene.grid.column_heads[0]
    assert left <= first.x and last.x + last.w <= right + 1  # every step on one page
    assert earlier.enabled and not later.enabled
    r = earlier.rect
    app.window.inject(ev.PointerDown(r.cx, r.cy, pointer=4, touch=True),
                      ev.PointerUp(r.cx, r.cy, pointer=4, touch=True))  # fmt: skip
    app.run(app.frames_drawn + 1)
    assert _window(app)[0] <= 1.0  # the weights are back
    key(app, "end")
    assert _window(app)[1] >= last.x + last.w - 1
    key(app, "home")
    assert not scene.card.pressed and _window(app)[0] <= 1.0


def test_a_card_that_holds_every_time_step_has_no_pager(sheet_app):
    assert not any(b.visible for b in sheet_app.scene.pager)
    assert sheet_app.scene.card.buttons == 0


def test_an_arithmetic_card_too_small_for_any_sum_keeps_within_it(sheet_app):
    """Where even the sum alone wraps past the card, the card shows the cell's name and
    value (the sum had run past the card's bottom edge)."""
    scene = sheet_app.scene
    t = scene.theme
    dl = scene.lists["content"]
    dl.clear()
    cell = Cell("y", 0, 0)
    r = Rect(0, 0, t.small_px * 9, t.small_px * 4)
    cards.draw_arithmetic(dl, t, r, scene.sheet, cell)
    assert [run.text for run in dl.runs][-1] == fmt(scene.sheet.value(cell))
    assert all(run.y1 <= r.bottom for run in dl.runs)


def test_a_cell_at_the_cards_edge_comes_into_view_when_selected(make_app):
    """On a projector at 1024×768 the second time step is cut by the card's edge: tapped
    (or walked to with →), its column moves in whole."""
    app = make_app("--scene", "sheet", "--size", "1024x768", "--theme", "projector")
    app.run(2)
    scene = app.scene
    cell = Cell("h", 1, 0)
    box = scene.grid.boxes[cell]
    x1 = scene.card.camera.visible_world_rect()[2]
    assert box.x < x1 < box.x + box.w  # cut
    click(app, *centre(app, cell))
    for _ in range(60):
        app.run(app.frames_drawn + 1)
    x0, _, x1, _ = scene.card.camera.visible_world_rect()
    assert scene.state.selected == cell and x0 <= box.x and box.x + box.w <= x1
