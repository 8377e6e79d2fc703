"""The layout audit finds each kind of fault in a small draw list, and nothing in a clean one."""

from __future__ import annotations

import numpy as np

from nnviz.render.drawlist import DrawList
from nnviz.render.transform import LayerTransform
from nnviz.ui.audit import audit_frame, count, smallest_em, type_floor
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import LIGHT, PROJECTOR
from nnviz.ui.widget import Panel, Rect
from nnviz.ui.widgets import Button

SIZE = (1280, 720)


def frame(text_layout, draw) -> dict[str, int]:
    dl = DrawList(text_layout)
    dl.panel(100, 100, 700, 500, LIGHT.panel)
    draw(dl)
    return count(audit_frame([(dl, LayerTransform.screen(*SIZE))], SIZE, LIGHT))


def test_a_clean_card_has_no_findings(text_layout):
    def draw(dl):
        dl.text("Loss", 120, 120, 20, LIGHT.text)
        dl.text("epoch 3", 120, 160, 20, LIGHT.text_dim)
        dl.rect(120, 300, 220, 360, LIGHT.control)
        dl.target(120, 300, 220, 360)
        dl.text("Play", 130, 320, 20, LIGHT.text)
        dl.line(300, 300, 600, 400, 2, LIGHT.accent)

    assert sum(frame(text_layout, draw).values()) == 0


def test_each_fault_is_counted(text_layout):
    def draw(dl):
        dl.text("overlapping", 120, 120, 20, LIGHT.text)
        dl.text("overlapping", 130, 125, 20, LIGHT.text)  # overlap
        dl.text("running off the card", 600, 200, 20, LIGHT.text)  # edge
        dl.text("tiny", 120, 250, 8, LIGHT.text)  # size
        dl.text("faint", 120, 300, 20, (0.85, 0.85, 0.85, 1.0))  # contrast
        dl.line(300, 400, 500, 400, 2, (0.95, 0.95, 0.95, 1.0))  # graphic
        dl.target(600, 400, 620, 420)  # target
        dl.text("Learnin…", 120, 450, 20, LIGHT.text)  # cut
        dl.text("…", 320, 450, 20, LIGHT.text)  # a term of its own, not a cut
        dl.text("time step", 400, 470, 20, LIGHT.text_dim, anchor="lm")
        dl.line(380, 470, 560, 468, 2, LIGHT.accent)  # crossed

    counts = frame(text_layout, draw)
    assert counts == {
        "overlap": 1, "edge": 1, "size": 1, "contrast": 1, "graphic": 1, "target": 1, "cut": 1,
        "crossed": 1,
    }  # fmt: skip


def test_a_line_through_letters_is_found_and_one_beside_or_hidden_is_not(text_layout):
    def crossed(draw) -> int:
        return frame(text_layout, draw)["crossed"]

    def label(dl):
        dl.text("0.69", 300, 300, 24, LIGHT.text, anchor="cm")

    assert crossed(lambda dl: (label(dl), dl.line(300, 200, 300, 400, 2, LIGHT.text))) == 1
    curve = ((250, 320), (280, 250), (320, 350), (350, 280))
    assert crossed(lambda dl: (label(dl), dl.bezier(*curve, 2, LIGHT.text))) == 1
    # Beside the letters, under them (an underline), faint (a grid line): none.
    assert crossed(lambda dl: (label(dl), dl.line(340, 200, 340, 400, 2, LIGHT.text))) == 0
    assert crossed(lambda dl: (label(dl), dl.line(270, 314, 330, 314, 2, LIGHT.text))) == 0
    faint = (*LIGHT.text[:3], 0.5)
    assert crossed(lambda dl: (label(dl), dl.line(300, 200, 300, 400, 2, faint))) == 0
    # A node's opaque disc drawn after the wire hides the wire under its label.
    assert crossed(lambda dl: (dl.line(300, 200, 300, 400, 2, LIGHT.text),
                               dl.circle(300, 300, 40, LIGHT.panel), label(dl))) == 0  # fmt: skip


def test_a_stroke_is_looked_for_only_where_its_layer_draws(text_layout):
    """A diagram scrolled in its card: its wires outside the card's scissor box are not
    drawn, so they cross no text beside the card; a popover's card hides a wire below."""
    wires = DrawList(text_layout)
    wires.line(300, 100, 300, 500, 2, LIGHT.text)
    text = DrawList(text_layout)
    text.text("beside the card", 250, 300, 20, LIGHT.text)
    screen = LayerTransform.screen(*SIZE)
    clipped = screen.clipped(0, 0, 200, 720)
    assert count(audit_frame([(wires, clipped), (text, screen)], SIZE, LIGHT))["crossed"] == 0
    assert count(audit_frame([(wires, screen), (text, screen)], SIZE, LIGHT))["crossed"] == 1
    popover = DrawList(text_layout)
    popover.panel(200, 250, 600, 350, LIGHT.panel)
    popover.text("beside the card", 250, 300, 20, LIGHT.text)
    found = count(audit_frame([(wires, screen), (popover, screen)], SIZE, LIGHT))
    assert found["crossed"] == 0


def test_a_stroke_on_a_card_above_the_text_hides_the_letters_under_it(text_layout):
    """A popover half over the title bar: its × lies on its own card, which hides the
    letters there; the same × with no card under it runs through them."""
    text = DrawList(text_layout)
    text.text("Epoch 12  ·  showing epoch 10", 100, 300, 24, LIGHT.text)
    screen = LayerTransform.screen(*SIZE)

    def crossed(card: bool) -> int:
        popover = DrawList(text_layout)
        if card:
            popover.panel(200, 290, 600, 500, LIGHT.panel)
        popover.line(210, 300, 230, 320, 2, LIGHT.text)
        popover.line(210, 320, 230, 300, 2, LIGHT.text)
        return count(audit_frame([(text, screen), (popover, screen)], SIZE, LIGHT))["crossed"]

    assert crossed(card=False) == 1 and crossed(card=True) == 0


def test_text_on_a_control_it_does_not_belong_to_overlaps_it(text_layout):
    def draw(dl):
        dl.target(200, 200, 300, 250)
        dl.text("Optimizer: Adam", 150, 210, 20, LIGHT.text)

    assert frame(text_layout, draw)["overlap"] == 1


def test_contrast_is_measured_against_the_fill_behind_the_text(text_layout):
    def draw(dl):
        dl.rect(110, 110, 400, 200, LIGHT.accent)
        dl.text("on the accent", 120, 130, 20, LIGHT.text)  # dark on blue: < 4.5

    assert frame(text_layout, draw)["contrast"] == 1


def test_contrast_is_measured_against_the_texel_of_an_image_behind_the_text(text_layout):
    """A heat map is an image: the audit reads the texel under the text, not the card."""
    picture = np.ones((2, 2, 4))
    picture[:, 0, :3] = LIGHT.accent[:3]  # left half the accent, right half white

    def draw(dl):
        dl.image(110, 110, 510, 210, picture)
        dl.text("on the accent", 120, 150, 20, LIGHT.text)  # centre on the left half
        dl.text("on white", 330, 150, 20, LIGHT.text)  # centre on the right half

    assert frame(text_layout, draw)["contrast"] == 1

    def faded(dl):  # a tint fades the image to the card behind it: dark text reads again
        dl.image(110, 110, 510, 210, picture, tint=(1.0, 1.0, 1.0, 0.05))
        dl.text("on the accent", 120, 150, 20, LIGHT.text)

    assert frame(text_layout, faded)["contrast"] == 0


def test_a_popover_hides_the_text_under_it(text_layout):
    below = DrawList(text_layout)
    below.text("hidden", 120, 120, 6, LIGHT.text)
    above = DrawList(text_layout)
    above.panel(100, 100, 400, 300, LIGHT.panel)
    screen = LayerTransform.screen(*SIZE)
    assert audit_frame([(below, screen), (above, screen)], SIZE, LIGHT) == []


def test_sizes_are_measured_through_the_layer_transform(text_layout):
    dl = DrawList(text_layout)
    dl.text("world", 0, 0, 10, LIGHT.text)
    zoomed = LayerTransform.world((0, 0), 3.0, *SIZE)
    assert abs(smallest_em([(dl, zoomed)], SIZE) - 30.0) < 1e-3


def test_floors_follow_the_window_height():
    assert round(type_floor(LIGHT, 720), 1) == 13.7
    assert round(type_floor(PROJECTOR, 1080), 1) == 35.6


def test_a_popover_drawn_as_a_rectangle_is_the_card_of_its_text(text_layout):
    below = DrawList(text_layout)
    below.text("hidden below", 220, 220, 20, LIGHT.text)
    above = DrawList(text_layout)
    above.rect(200, 200, 500, 400, LIGHT.panel)
    above.text("runs past the popover's right edge", 300, 250, 20, LIGHT.text)
    screen = LayerTransform.screen(*SIZE)
    assert count(audit_frame([(below, screen), (above, screen)], SIZE, LIGHT)) == {
        "overlap": 0, "edge": 1, "size": 0, "contrast": 0, "graphic": 0, "target": 0, "cut": 0,
        "crossed": 0,
    }  # fmt: skip


def test_a_kiosk_floor_finds_targets_a_desktop_one_accepts(text_layout):
    dl = DrawList(text_layout)
    dl.panel(100, 100, 700, 500, LIGHT.panel)
    dl.target(120, 300, 220, 360)  # 60 px tall at 1080p (40 px at 720p)
    layers = [(dl, LayerTransform.screen(1920, 1080))]
    assert count(audit_frame(layers, (1920, 1080), LIGHT))["target"] == 0
    assert count(audit_frame(layers, (1920, 1080), LIGHT, target_px=64.0))["target"] == 1


def test_a_popover_over_a_smaller_card_is_the_card_of_its_text(text_layout):
    below = DrawList(text_layout)
    below.panel(250, 240, 450, 300, LIGHT.panel)  # a card under the popover's text
    below.target(420, 245, 445, 295)  # and a control there, hidden by the popover
    above = DrawList(text_layout)
    above.rect(200, 200, 700, 400, LIGHT.panel)
    above.text("wider than the card beneath", 260, 250, 20, LIGHT.text)
    screen = LayerTransform.screen(*SIZE)
    found = count(audit_frame([(below, screen), (above, screen)], SIZE, LIGHT))
    assert found["edge"] == 0 and found["overlap"] == 0


def test_a_target_outside_its_layers_scissor_box_is_not_there(text_layout):
    card = DrawList(text_layout)
    card.target(300, 100, 400, 200)  # scrolled out of its card: clipped away
    beside = DrawList(text_layout)
    beside.text("beside the card", 320, 150, 20, LIGHT.text)
    clipped = LayerTransform.screen(*SIZE).clipped(0, 0, 200, 720)
    found = count(audit_frame([(card, clipped), (beside, LayerTransform.screen(*SIZE))],
                              SIZE, LIGHT))  # fmt: skip
    assert found["overlap"] == 0 and found["target"] == 0


def test_a_formulas_scripts_are_held_to_the_floor_at_their_scale(text_layout):
    from nnviz.render.mathtext import draw_math_label

    floor = type_floor(LIGHT, SIZE[1])

    def formula(base: float):
        def draw(dl):
            draw_math_label(dl, "h_{t-1} = c_t^2", 120, 200, base, LIGHT.text)

        return draw

    assert frame(text_layout, formula(floor + 0.5))["size"] == 0
    small = frame(text_layout, formula(floor - 2.0))["size"]
    assert small >= 4  # the bases and every script fall under the floor together
    dl = DrawList(text_layout)
    draw_math_label(dl, "h_t", 0, 100, 20.0, LIGHT.text)
    assert {round(r.script, 2) for r in dl.runs} == {1.0, 0.7}
    assert abs(smallest_em([(dl, LayerTransform.screen(*SIZE))], SIZE) - 20.0) < 1e-3


def test_a_disabled_controls_faded_label_is_exempt_from_contrast(text_layout):
    ui = UIManager(text_layout, LIGHT, width=SIZE[0], height=SIZE[1])
    live, resume = Button("Live", lambda: None), Button("Resume here", lambda: None)
    ui.add(Panel(live, resume), place=lambda w, h, ctx: Rect(100, 100, 400, 300))
    ui.layout(*SIZE)

    def contrast() -> int:
        base, overlay = DrawList(text_layout), DrawList(text_layout)
        ui.draw(base, overlay)
        screen = LayerTransform.screen(*SIZE)
        return count(audit_frame([(base, screen), (overlay, screen)], SIZE, LIGHT))["contrast"]

    assert contrast() == 0
    live.enabled = resume.enabled = False  # faded on purpose: "nothing to do now"
    assert contrast() == 0
    base = DrawList(text_layout)
    ui.draw(base, DrawList(text_layout))
    assert {r.text for r in base.runs if r.inactive} == {"Live", "Resume here"}
    faded = DrawList(text_layout)  # the same faded colour on live text is still a finding
    faded.text("Live", 120, 120, 20, (*LIGHT.text[:3], LIGHT.disabled_alpha))
    assert count(audit_frame([(faded, LayerTransform.screen(*SIZE))], SIZE, LIGHT))["contrast"] == 1


def test_a_popover_over_part_of_a_title_is_no_collision_but_two_loose_texts_are(text_layout):
    screen = LayerTransform.screen(*SIZE)
    below = DrawList(text_layout)
    below.panel(100, 100, 700, 500, LIGHT.panel)
    below.text("Predictions", 120, 120, 20, LIGHT.text)
    below.rect(120, 300, 220, 360, LIGHT.control)
    below.target(120, 300, 220, 360)
    above = DrawList(text_layout)  # a popover whose corner lies over the title's end
    above.panel(180, 110, 500, 400, LIGHT.panel)
    above.text("Play or pause", 200, 125, 20, LIGHT.text)
    above.text("over the button", 200, 320, 20, LIGHT.text)
    assert count(audit_frame([(below, screen), (above, screen)], SIZE, LIGHT))["overlap"] == 0
    loose = DrawList(text_layout)  # the same texts without the popover's card collide
    loose.text("Play or pause", 200, 125, 20, LIGHT.text)
    loose.text("over the button", 200, 320, 20, LIGHT.text)
    assert count(audit_frame([(below, screen), (loose, screen)], SIZE, LIGHT))["overlap"] == 2


def test_a_stroke_outside_its_layers_scissor_box_has_no_contrast_to_keep(text_layout):
    """A diagram's wire panned out of its card is not drawn: its colour against what lies
    there (another card's fill of the same colour) is no finding."""
    wires = DrawList(text_layout)
    wires.rect(300, 100, 500, 200, LIGHT.accent)
    wires.line(320, 150, 480, 150, 2, LIGHT.accent)
    screen = LayerTransform.screen(*SIZE)
    shown = count(audit_frame([(wires, screen)], SIZE, LIGHT))["graphic"]
    hidden = count(audit_frame([(wires, screen.clipped(0, 0, 200, 720))], SIZE, LIGHT))
    assert shown == 1 and hidden["graphic"] == 0
