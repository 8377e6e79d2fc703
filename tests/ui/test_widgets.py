"""Widgets on their own: hit testing, value logic, key handling, drawing."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.render.drawlist import DrawList
from nnviz.render.layouts import LINE
from nnviz.ui.events import KeyDown, PointerDown, PointerMove, PointerUp
from nnviz.ui.icons import ICONS, draw_icon
from nnviz.ui.theme import LIGHT, PROJECTOR, THEMES, contrast_ratio
from nnviz.ui.widget import Column, Panel, Rect, Row, Smooth, UIContext
from nnviz.ui.widgets import (
    Button,
    Dropdown,
    Heading,
    IconButton,
    InfoButton,
    Label,
    SegmentedChoice,
    Slider,
    Toggle,
    default_format,
)


@pytest.fixture
def ctx(layout) -> UIContext:
    return UIContext(theme=LIGHT, text=layout)


def placed(widget, ctx, x=100.0, y=100.0, w=300.0):
    pw, ph = widget.measure(ctx, w)
    widget.arrange(ctx, Rect(x, y, pw, ph))
    return widget


def click(widget, x, y, **kw):
    a = widget.handle(PointerDown(x, y, **kw))
    b = widget.handle(PointerUp(x, y, **kw))
    return a and b


# -- geometry -----------------------------------------------------------------------------
def test_rect_contains_is_half_open():
    r = Rect(10, 20, 30, 40)
    assert r.contains(10, 20)
    assert r.contains(39.9, 59.9)
    assert not r.contains(40, 30)
    assert not r.contains(20, 60)
    assert not r.contains(9.9, 30)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Button("Go"),
        lambda: IconButton("play"),
        lambda: Toggle("Show"),
        lambda: Slider("x", 0, 1),
        lambda: SegmentedChoice(["a", "b"]),
        lambda: Dropdown(["a", "b"]),
        lambda: InfoButton("t", "text"),
    ],
)
def test_hit_testing_of_each_widget(make, ctx):
    w = placed(make(), ctx)
    r = w.rect
    assert r.h >= 44  # finger-sized
    assert w.contains(r.cx, r.cy)
    assert w.contains(r.x + 1, r.y + 1)
    assert not w.contains(r.x - 1, r.cy)
    assert not w.contains(r.right + 1, r.cy)
    assert not w.contains(r.cx, r.bottom + 1)
    w.visible = False
    assert not w.contains(r.cx, r.cy)


def test_label_is_see_through_and_wraps(ctx):
    lab = Label("word " * 40)
    assert not lab.opaque
    _, h1 = lab.measure(ctx, 1000)
    _, h2 = lab.measure(ctx, 200)
    assert h2 > h1
    assert Label("x", tooltip="hint").opaque


# -- buttons ------------------------------------------------------------------------------
def test_button_fires_on_release_inside(ctx):
    hits = []
    b = placed(Button("Go", lambda: hits.append(1)), ctx)
    r = b.rect
    assert b.handle(PointerDown(r.cx, r.cy))
    assert hits == []  # not on press
    assert b.pressed
    assert b.handle(PointerUp(r.cx, r.cy))
    assert hits == [1]
    assert not b.pressed


def test_button_dragged_out_does_not_fire(ctx):
    hits = []
    b = placed(Button("Go", lambda: hits.append(1)), ctx)
    r = b.rect
    b.handle(PointerDown(r.cx, r.cy))
    b.handle(PointerMove(r.right + 50, r.cy, pressed=True))
    assert not b.pressed  # the pressed look follows the pointer
    b.handle(PointerUp(r.right + 50, r.cy))
    assert hits == []
    # Sliding back in before releasing still fires.
    b.handle(PointerDown(r.cx, r.cy))
    b.handle(PointerMove(r.right + 50, r.cy, pressed=True))
    b.handle(PointerMove(r.cx, r.cy, pressed=True))
    b.handle(PointerUp(r.cx, r.cy))
    assert hits == [1]


def test_button_ignores_right_click_but_takes_touch(ctx):
    hits = []
    b = placed(Button("Go", lambda: hits.append(1)), ctx)
    assert not b.handle(PointerDown(b.rect.cx, b.rect.cy, button=3))
    assert click(b, b.rect.cx, b.rect.cy, touch=True, pointer=0)
    assert hits == [1]


def test_button_keyboard_activation(ctx):
    hits = []
    b = placed(Button("Go", lambda: hits.append(1)), ctx)
    assert b.handle(KeyDown("space"))
    assert b.handle(KeyDown("return"))
    assert not b.handle(KeyDown("a"))
    assert hits == [1, 1]
    assert b.is_animating()  # the pressed flash fades out over time
    for _ in range(60):
        b.update(1 / 60)
    assert not b.is_animating()


def test_toggle_flips(ctx):
    seen = []
    t = placed(Toggle("Show gradients", False, seen.append), ctx)
    assert click(t, t.rect.cx, t.rect.cy)
    assert t.value is True
    assert t.handle(KeyDown("space"))
    assert t.value is False
    assert seen == [True, False]
    t.set_value(False)  # no change, no callback
    assert seen == [True, False]


def test_toggle_knob_slides_with_dt_not_frames(ctx):
    a = placed(Toggle("a"), ctx)
    b = placed(Toggle("b"), ctx)
    a.activate()
    b.activate()
    for _ in range(6):  # 60 fps for 0.1 s
        a.update(1 / 60)
    b.update(0.05)  # 20 fps for 0.1 s
    b.update(0.05)
    assert a._knob.value == pytest.approx(b._knob.value, abs=1e-6)
    assert 0 < a._knob.value < 1


# -- slider -------------------------------------------------------------------------------
def test_slider_drag_maps_pointer_to_value_linear(ctx):
    s = placed(Slider("x", 0.0, 10.0, 0.0, step=1.0), ctx)
    x0, x1, y, _ = s._track(LIGHT)
    assert s.handle(PointerDown((x0 + x1) / 2, y))
    assert s.value == 5.0
    assert s.dragging
    s.handle(PointerMove(x0 + 0.34 * (x1 - x0), y, pressed=True))
    assert s.value == 3.0  # snapped to the step
    s.handle(PointerMove(x1 + 500, y + 300, pressed=True))  # far outside: clamped
    assert s.value == 10.0
    s.handle(PointerMove(x0 - 500, y, pressed=True))
    assert s.value == 0.0
    s.handle(PointerUp(x0 - 500, y))
    assert not s.dragging


def test_slider_drag_log(ctx):
    s = placed(Slider("lr", 1e-4, 1.0, 0.01, log=True), ctx)
    x0, x1, y, _ = s._track(LIGHT)
    s.handle(PointerDown(x0 + 0.25 * (x1 - x0), y))
    assert s.value == pytest.approx(1e-3)
    s.handle(PointerMove(x0 + 0.75 * (x1 - x0), y, pressed=True))
    assert s.value == pytest.approx(1e-1)
    s.handle(PointerUp(x0 + 0.75 * (x1 - x0), y))


def test_slider_log_step_is_in_decades():
    s = Slider("lr", 1e-4, 1.0, 0.0012, log=True, step=1.0)
    assert s.value == pytest.approx(1e-3)
    s.set_value(0.04)
    assert s.value == pytest.approx(1e-1)


def test_slider_grabbing_the_knob_does_not_jump(ctx):
    s = placed(Slider("x", 0.0, 1.0, 0.5), ctx)
    kx = s.value_to_x(0.5, LIGHT)
    _, _, y, _ = s._track(LIGHT)
    s.handle(PointerDown(kx + 4, y))  # a bit right of the knob centre
    assert s.value == pytest.approx(0.5)


def test_slider_keyboard():
    s = Slider("x", 0.0, 100.0, 50.0, step=1.0)
    assert s.handle(KeyDown("right"))
    assert s.value == 51
    s.handle(KeyDown("left"))
    s.handle(KeyDown("down"))
    assert s.value == 49
    s.handle(KeyDown("pageup"))
    assert s.value == 59
    s.handle(KeyDown("pagedown"))
    assert s.value == 49
    s.handle(KeyDown("end"))
    assert s.value == 100
    s.handle(KeyDown("up"))
    assert s.value == 100  # clamped
    s.handle(KeyDown("home"))
    assert s.value == 0
    assert not s.handle(KeyDown("a"))


def test_log_slider_keyboard_moves_evenly_in_decades():
    s = Slider("lr", 1e-4, 1.0, 1e-2, log=True, step=0.5)
    s.handle(KeyDown("right"))
    assert s.value == pytest.approx(10**-1.5)
    s.handle(KeyDown("right"))
    assert s.value == pytest.approx(0.1)


def test_slider_on_change_only_on_change():
    seen = []
    s = Slider("x", 0, 10, 5, step=1, on_change=seen.append)
    s.set_value(5.2)
    assert seen == []
    s.set_value(7)
    assert seen == [7]


def test_slider_rejects_bad_ranges():
    with pytest.raises(ValueError):
        Slider("x", 1, 1)
    with pytest.raises(ValueError):
        Slider("x", 0, 1, log=True)


@settings(max_examples=200, deadline=None)
@given(
    lo_exp=st.floats(-8, 2),
    decades=st.floats(0.5, 8),
    t=st.floats(0.0, 1.0),
)
def test_log_slider_round_trip(lo_exp, decades, t):
    lo = 10.0**lo_exp
    hi = lo * 10.0**decades
    s = Slider("v", lo, hi, log=True)
    v = s.pos_to_value(t)
    assert lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9)
    assert s.value_to_pos(v) == pytest.approx(t, abs=1e-9)
    assert s.pos_to_value(s.value_to_pos(v)) == pytest.approx(v, rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(value=st.floats(-1e3, 1e3, allow_nan=False), step=st.sampled_from([0.1, 0.25, 1.0, 5.0]))
def test_linear_snap_clamps_and_lands_on_steps(value, step):
    s = Slider("v", -10.0, 10.0, step=step)
    v = s.snap(value)
    assert -10.0 <= v <= 10.0
    k = (v + 10.0) / step
    assert k == pytest.approx(round(k), abs=1e-6)


def test_default_format():
    assert default_format(0.001) == "1e-03"
    assert default_format(0.5) == "0.5"
    assert default_format(123.456) == "123"


# -- choices ------------------------------------------------------------------------------
def test_segmented_selection_by_mouse_and_keyboard(ctx):
    seen = []
    c = placed(SegmentedChoice(["tanh", "ReLU", "σ"], 0, seen.append), ctx)
    r2 = c.segment_rect(2)
    assert click(c, r2.cx, r2.cy)
    assert c.index == 2 and c.selected == "σ"
    # Press on one segment, release on another: nothing selected (cancelled).
    r0, r1 = c.segment_rect(0), c.segment_rect(1)
    c.handle(PointerDown(r0.cx, r0.cy))
    c.handle(PointerUp(r1.cx, r1.cy))
    assert c.index == 2
    assert c.handle(KeyDown("left"))
    assert c.index == 1
    c.handle(KeyDown("home"))
    assert c.index == 0
    c.handle(KeyDown("left"))
    assert c.index == 0  # clamped, no wrap
    c.handle(KeyDown("end"))
    assert seen == [2, 1, 0, 2]


def test_layout_column_and_row(ctx):
    a, b = Button("A"), Button("B", flex=1)
    col = Column(Heading("Title"), Row(a, b), spacing=10)
    col.arrange(ctx, Rect(0, 0, 400, col.measure(ctx, 400)[1]))
    assert a.rect.y == b.rect.y
    assert b.rect.right == pytest.approx(400)
    assert b.rect.x == pytest.approx(a.rect.right + 10)
    heading = col.children()[0]
    assert a.rect.y == pytest.approx(heading.rect.bottom + 10)


def test_hidden_children_take_no_space(ctx):
    a, b, c = Button("A"), Button("B"), Button("C")
    col = Column(a, b, c, spacing=0)
    h3 = col.measure(ctx, 200)[1]
    b.visible = False
    h2 = col.measure(ctx, 200)[1]
    assert h2 == pytest.approx(h3 * 2 / 3)


# -- drawing ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ICONS)
def test_icons_are_shapes_not_text(name, dl):
    draw_icon(dl, name, 50, 50, 24, LIGHT.text)
    arrays = dl.arrays()
    assert "text" not in arrays
    assert dl.count() >= 1


def test_icon_kinds(dl, layout):
    draw_icon(dl, "play", 0, 0, 20, LIGHT.text)
    assert set(dl.arrays()) == {"arrow"}
    d2 = DrawList(layout)
    draw_icon(d2, "pause", 0, 0, 20, LIGHT.text)
    assert len(d2.arrays()["rect"]) == 2
    d3 = DrawList(layout)
    draw_icon(d3, "reset", 0, 0, 20, LIGHT.text)
    assert set(d3.arrays()) == {"circle", "arrow"}
    with pytest.raises(ValueError):
        draw_icon(d3, "smiley", 0, 0, 20, LIGHT.text)


def test_icon_button_play_draws_no_text(dl, ctx):
    b = placed(IconButton("play", label="Play"), ctx)
    b.draw(dl, LIGHT, ctx)
    arrays = dl.arrays()
    assert "text" not in arrays
    assert len(arrays["rect"]) == 1 and len(arrays["arrow"]) == 1
    assert b.tooltip == "Play"


@pytest.mark.parametrize(
    ("make", "kinds"),
    [
        (lambda: Button("Go"), {"rect", "text"}),
        (lambda: Toggle("Show"), {"rect", "circle", "text"}),
        (lambda: Slider("x", 0, 1, 0.5), {"rect", "circle", "text"}),
        (lambda: SegmentedChoice(["a", "b", "c"]), {"rect", "text"}),
        (lambda: Dropdown(["a", "b"]), {"rect", "line", "text"}),
        (lambda: InfoButton("t", "x"), {"circle", "rect"}),
        (lambda: Label("hello"), {"text"}),
        (lambda: Panel(title="P"), {"panel", "text"}),
    ],
)
def test_each_widget_emits_primitives(make, kinds, dl, ctx):
    w = placed(make(), ctx)
    w.draw(dl, LIGHT, ctx)
    arrays = dl.arrays()
    assert kinds <= set(arrays)
    for kind, arr in arrays.items():
        assert arr.ndim == 2 and len(arr) > 0, kind
        assert (arr == arr).all()  # no NaN


def test_disabled_widget_is_faded(dl, layout, ctx):
    on = placed(Button("Go"), ctx)
    off = placed(Button("Go", enabled=False), ctx)
    on.draw(dl, LIGHT, ctx)
    d2 = DrawList(layout)
    off.draw(d2, LIGHT, ctx)
    alpha_on = dl.arrays()["text"][0, 11]
    alpha_off = d2.arrays()["text"][0, 11]
    assert alpha_off == pytest.approx(alpha_on * LIGHT.disabled_alpha)


def test_focus_ring_only_when_focus_visible(dl, layout, ctx):
    b = placed(Button("Go"), ctx)
    b.draw(dl, LIGHT, ctx)
    n_plain = len(dl.arrays()["rect"])
    d2 = DrawList(layout)
    b.draw(d2, LIGHT, UIContext(LIGHT, layout, focused=b, focus_visible=True))
    assert len(d2.arrays()["rect"]) == n_plain + 1


def test_projector_theme_draws_bigger(layout):
    ctx = UIContext(theme=PROJECTOR, text=layout)
    b = placed(Button("Go"), ctx)
    assert b.rect.h == pytest.approx(PROJECTOR.control_height)


def test_smooth_is_exponential_in_dt():
    s = Smooth(0.0, tau=0.1)
    s.set(1.0)
    s.step(0.1)
    assert s.value == pytest.approx(1 - math.exp(-1))
    for _ in range(100):
        s.step(0.1)
    assert s.settled and s.value == 1.0


@pytest.mark.parametrize("width", [120.0, 200.0, 260.0, 400.0])
def test_a_dropdown_label_never_runs_under_its_chevron(ctx, width):
    dd = Dropdown(["Optimizer: SGD", "Optimizer: Adam"], 1)
    dd.arrange(ctx, Rect(0, 0, width, ctx.theme.control_px))
    dl = DrawList(ctx.text)
    dd.draw(dl, ctx.theme, ctx)
    (run,) = dl.runs
    assert run.x1 <= width - ctx.theme.control_px + 1e-3
    assert run.text in ("Optimizer: Adam", "Adam") or run.text.endswith("…")


def test_elide_keeps_the_start_and_fits(layout):
    text = layout.elide("a long label for a narrow box", 20, 100)
    assert text.endswith("…") and layout.width(text, 20) <= 100
    assert layout.elide("short", 20, 100) == "short"


def test_segment_labels_stay_in_their_segments(ctx):
    choice = SegmentedChoice(["Follow live", "Hold this step"], 0)
    choice.arrange(ctx, Rect(0, 0, 180, ctx.theme.control_px))
    dl = DrawList(ctx.text)
    choice.draw(dl, ctx.theme, ctx)
    for i, run in enumerate(dl.runs):
        s = choice.segment_rect(i)
        assert s.x <= run.x0 and run.x1 <= s.right


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_the_line_between_two_segments_reads_3_to_1_on_the_control(theme, layout):
    """The divider tells where one option ends: a line that carries meaning (WCAG 1.4.11)."""
    ctx = UIContext(theme=theme, text=layout)
    choice = SegmentedChoice(["light", "dark", "projector"], 0)
    choice.arrange(ctx, Rect(0, 0, 360, theme.control_px))
    dl = DrawList(ctx.text)
    choice.draw(dl, theme, ctx)
    lines = dl.arrays()["line"]
    assert len(lines) == 1  # between the two unselected segments
    ink = tuple(lines[0][LINE.index["color"]])
    assert contrast_ratio(ink, theme.control) >= 3.0


# -- narrow columns: wrap and shorten, never overlap ----------------------------------------
def test_a_row_too_narrow_for_its_buttons_wraps_them_onto_lines(layout):
    ctx = UIContext(theme=PROJECTOR, text=layout)
    a, b = Button("Restart", flex=1), Button("New weights", flex=1)
    row = Row(a, b, wrap=True)
    wide = row.measure(ctx, 800)[1]
    narrow_h = row.measure(ctx, 250)[1]
    assert narrow_h > 1.9 * wide  # two lines
    row.arrange(ctx, Rect(0, 0, 250, narrow_h))
    assert a.rect.right <= 250 and b.rect.right <= 250
    assert b.rect.y >= a.rect.bottom  # the second button on the next line
    assert a.rect.w == pytest.approx(250) and b.rect.w == pytest.approx(250)


def test_a_row_that_fits_stays_one_line(ctx):
    a, b = Button("Restart", flex=1), Button("New weights", flex=1)
    row = Row(a, b, wrap=True)
    row.arrange(ctx, Rect(0, 0, 400, row.measure(ctx, 400)[1]))
    assert a.rect.y == b.rect.y and a.rect.right < b.rect.x


def test_a_narrow_tight_slider_shortens_its_label_never_its_value(layout, dl):
    """Laid out tight (the last step before type shrinks) the label is cut, not stacked."""
    ctx = UIContext(theme=PROJECTOR, text=layout, tight=True)
    s = Slider("Learning rate", 1e-4, 1.0, 0.01, log=True, formatter=lambda v: f"{v:.2g}")
    placed(s, ctx, w=150)
    s.draw(dl, PROJECTOR, ctx)
    label, value = dl.runs[0], dl.runs[1]
    assert label.text.endswith("…") and value.text == "0.01"
    assert label.x1 <= value.x0  # side by side, not on top of each other


def test_a_narrow_button_elides_its_label(layout, dl):
    ctx = UIContext(theme=PROJECTOR, text=layout)
    b = Button("New weights")
    b.arrange(ctx, Rect(0, 0, 120, PROJECTOR.control_px))
    b.draw(dl, PROJECTOR, ctx)
    run = dl.runs[0]
    assert run.text.endswith("…") and run.x0 >= 0 and run.x1 <= 120


def test_an_open_list_is_wide_enough_for_its_options(ui):
    d = Dropdown(["Data: Composite sine", "Data: Sine"], width=80)
    ui.add(d, place=lambda w, h, c: Rect(100, 100, 80, 44))
    ui.layout(1280, 720)
    d.open()
    widest = ui.text.width("Data: Composite sine", ui.theme.body_px, "bold")
    assert d.list is not None and d.list.rect.w >= widest


def test_a_narrow_dropdown_shows_its_option_up_to_the_chevron(layout):
    d = Dropdown(["Data: Sine"])
    d.arrange(UIContext(theme=PROJECTOR, text=layout), Rect(0, 0, 125, PROJECTOR.control_px))
    assert d.shown_label(layout, PROJECTOR) == "Sine"


def test_a_narrow_dropdown_drops_every_name_prefix_before_cutting(layout):
    """*Data: Text: ababab* shows *ababab*, not *Text: ab…*."""
    d = Dropdown(["Data: Text: ababab"])
    d.arrange(UIContext(theme=PROJECTOR, text=layout), Rect(0, 0, 170, PROJECTOR.control_px))
    assert d.shown_label(layout, PROJECTOR) == "ababab"


# -- labels in a narrow column ----------------------------------------------------------
def _texts(widget, ctx) -> list[tuple[str, float]]:
    dl = DrawList(ctx.text)
    widget.draw(dl, ctx.theme, ctx)
    return [(run.text, run.y1) for run in dl.runs]


def test_a_toggle_label_wraps_onto_two_lines_rather_than_being_cut(ctx):
    label = "Lockstep with animation"
    narrow = ctx.theme.control_px * 1.08 + ctx.text.width("Lockstep with", ctx.theme.body_px) + 30
    t = placed(Toggle(label), ctx, w=narrow)
    assert t.rect.h > ctx.theme.control_px  # the row grew to hold two lines
    lines = _texts(t, ctx)
    assert [text for text, _ in lines] == ["Lockstep with", "animation"]
    assert lines[1][1] > lines[0][1]
    wide = placed(Toggle(label), ctx, w=600)
    assert wide.rect.h == ctx.theme.control_px and _texts(wide, ctx)[0][0] == label


def test_a_toggle_too_narrow_for_its_label_uses_a_shorter_form(ctx):
    """A label that cannot read whole on two lines gives way to its first short form that
    can, never a cut one; with room the full label shows."""
    label, short = "Compare with an RNN", ("LSTM vs. RNN", "vs. RNN")
    room = ctx.text.width("vs. RNN", ctx.theme.body_px) + 2
    narrow = room + ctx.theme.spacing_px + 1.08 * ctx.theme.control_px + ctx.theme.px(4)
    t = placed(Toggle(label, short=short), ctx, w=narrow)
    assert [text for text, _ in _texts(t, ctx)] == ["LSTM", "vs. RNN"]  # on two lines
    wide = placed(Toggle(label, short=short), ctx, w=600)
    assert [text for text, _ in _texts(wide, ctx)] == [label]
    assert t.label == label  # still named by its full label


def test_tight_labels_stay_on_one_line_cut(layout):
    """The last step before a panel's type shrinks: one line each, cut with "…"."""
    tight = UIContext(theme=LIGHT, text=layout, tight=True)
    narrow = LIGHT.control_px * 1.08 + layout.width("Lockstep with", LIGHT.body_px) + 30
    t = Toggle("Lockstep with animation")
    assert t.measure(tight, narrow)[1] == LIGHT.control_px
    t.arrange(tight, Rect(0, 0, narrow, LIGHT.control_px))
    ((text, _),) = _texts(t, tight)
    assert text.endswith("…")


def test_a_slider_puts_its_value_at_the_track_when_the_label_needs_the_line(ctx):
    """A narrow column: the label keeps its line whole, the value moves to the end of a
    shortened track (the slider's height, and so the panel's layout, stay the same)."""
    name = "Learning rate of the network"
    width = ctx.text.width(name, ctx.theme.label_px) + 10
    s = placed(Slider(name, 0.01, 2.0, 0.1), ctx, w=width)
    line = ctx.text.metrics.line_height * ctx.theme.label_px
    assert s.rect.h == pytest.approx(line + ctx.theme.control_px)
    dl = DrawList(ctx.text)
    s.draw(dl, ctx.theme, ctx)
    label, value = dl.runs[0], dl.runs[1]
    assert label.text == name and value.text == s.formatter(0.1)
    _, x1, track_y, _ = s._track(ctx.theme)
    assert value.y0 < track_y < value.y1 + 1 and value.x0 > x1  # beside the track's end
    assert s.x_to_value(x1 + 1, ctx.theme) == 2.0  # the track's end is its maximum
    wide = placed(Slider("Learning rate", 0.01, 2.0, 0.1), ctx, w=400)
    assert len({round(y) for _, y in _texts(wide, ctx)}) == 1  # side by side
    assert wide._track(ctx.theme)[1] == pytest.approx(400 + 100 - 0.3 * ctx.theme.control_px)


def test_a_slider_takes_a_shorter_label_before_it_moves_its_value(ctx):
    """A settings column too narrow for *Label noise* and its value: *Noise* shares the
    line with it (beside, the track had been a 31 px stub)."""
    text, px = ctx.text, ctx.theme.label_px
    width = text.width("Noise", px) + text.width("50%", px, "bold") + 20
    s = placed(Slider("Label noise", 0.0, 0.5, 0.1, formatter=lambda v: f"{v:.0%}",
                      short=("Noise",)), ctx, w=width)  # fmt: skip
    line = ctx.text.metrics.line_height * ctx.theme.label_px
    assert s.rect.h == pytest.approx(line + ctx.theme.control_px)
    assert [text for text, _ in _texts(s, ctx)] == ["Noise", "10%"]
    x0, x1, _, _ = s._track(ctx.theme)
    assert x1 - x0 == pytest.approx(width - 0.6 * ctx.theme.control_px)  # all of it
    wide = placed(Slider("Label noise", 0.0, 0.5, 0.1, short=("Noise",)), ctx, w=400)
    assert _texts(wide, ctx)[0][0] == "Label noise"  # the whole name where it fits


def test_a_slider_whose_value_would_leave_too_short_a_track_stacks_it(ctx):
    """"epoch 120" beside the track would leave a stub to scrub: the value goes on a line
    of its own under the label instead (the slider grows by that line)."""
    fmt = lambda v: f"epoch {int(v)}"  # noqa: E731
    width = ctx.text.width("epoch 120", ctx.theme.label_px, "bold") * 1.6
    s = placed(Slider("History", 0, 120, 120, step=1, formatter=fmt), ctx, w=width)
    line = ctx.text.metrics.line_height * ctx.theme.label_px
    assert s.rect.h == pytest.approx(2 * line + ctx.theme.control_px)
    (label, label_y), (value, value_y) = _texts(s, ctx)
    assert (label, value) == ("History", "epoch 120") and value_y - label_y == pytest.approx(line)
    x0, x1, _, _ = s._track(ctx.theme)
    assert x1 - x0 == pytest.approx(width - 0.6 * ctx.theme.control_px)  # all of it to scrub


def test_a_top_aligned_row_starts_its_children_at_its_top(ctx):
    short, tall = Button("A"), Column(Button("B"), Button("C"))
    for align, expect_short_y in (("top", 0.0), ("center", None)):
        row = Row(short, tall, align=align)
        w, h = row.measure(ctx, 400)
        row.arrange(ctx, Rect(0, 0, w, h))
        assert tall.rect.y == 0.0
        if expect_short_y is None:
            assert short.rect.y == pytest.approx((h - short.rect.h) / 2)
        else:
            assert short.rect.y == expect_short_y
    with pytest.raises(ValueError):
        Row(short, align="bottom")
