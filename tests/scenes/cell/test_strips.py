"""The gate-activity strips on the real GL pipeline: one image of crisp cells per gate,
each cell the colour of its gate's value, and a new sequence's strips in its own colours
(the cached pictures follow the trace shown)."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core import LSTM, OptimizerConfig, Trainer
from nnviz.core.datasets import make_dataset
from nnviz.render.layouts import LINE, RECT
from nnviz.render.renderer import LayerTransform, read_pixels
from nnviz.scenes.cell.pictures import HeatPictures
from nnviz.scenes.cell.steps import GATES, CellSequence
from nnviz.scenes.cell.strips import draw_gate_strips, draw_gradients
from nnviz.ui.theme import LIGHT, PROJECTOR
from nnviz.ui.widget import Rect

W, H = 640, 480
AREA = Rect(10, 10, 620, 460)


def sequence(steps: int) -> CellSequence:
    """A 6-step trace of a 5-unit LSTM trained ``steps`` steps."""
    data = make_dataset("sine", seed=0)
    model = LSTM(1, [5], 1, seed=0, dtype=np.float64)
    trainer = Trainer(model, loss="mse", optimizer=OptimizerConfig("adam", lr=0.05))
    trainer.run(data.x_train, data.y_train, n_steps=steps, batch_size=8, rng=0)
    return CellSequence(trainer.trace(data.x_val[:1, :6], data.y_val[:1, :6]), 0, 2)


@pytest.fixture
def fbo(gl_ctx):
    """A ``W`` × ``H`` RGBA8 framebuffer, released after the test."""
    colour = gl_ctx.texture((W, H), 4)
    fb = gl_ctx.framebuffer(color_attachments=[colour])
    yield fb
    fb.release()
    colour.release()


@pytest.fixture(scope="module")
def sequences() -> tuple[CellSequence, CellSequence]:
    return sequence(1), sequence(60)


def expected_colour(seq: CellSequence, gate: str, t: int, unit: int) -> np.ndarray:
    value = float(seq.lt.act[t, GATES.index(gate), unit])
    signed = value if gate == "g" else 2.0 * value - 1.0
    rgba = LIGHT.roles.heat(np.array([signed]), 1.0, LIGHT.panel)[0]
    return np.rint(np.asarray(rgba[:3]) * 255.0)


def drawn_strips(renderer, fbo, seq, pictures):
    dl = renderer.new_draw_list()
    draw_gate_strips(dl, AREA, LIGHT, seq, None, LIGHT.roles.cell_level, pictures)
    renderer.render(fbo, [(dl, LayerTransform.screen(W, H))], clear=LIGHT.panel)
    return dl, read_pixels(fbo)[:, :, :3].astype(int)


def assert_cells_are_the_gate_colours(dl, pixels, seq):
    strips = [image for image in dl.images if image.pixels.shape[:2] == (seq.H, seq.T)]
    assert len(strips) == len(GATES)
    for gate, image in zip(GATES, strips, strict=True):
        x0, y0, x1, y1 = image.box
        for t, unit in ((0, 0), (2, 3), (seq.T - 1, seq.H - 1)):
            x = int(x0 + (t + 0.5) * (x1 - x0) / seq.T)
            y = int(y0 + (unit + 0.5) * (y1 - y0) / seq.H)
            got = pixels[y, x]
            assert np.abs(got - expected_colour(seq, gate, t, unit)).max() <= 1, (gate, t, unit)


def test_each_gate_is_one_image_of_crisp_cells_in_its_values_colours(renderer, fbo, sequences):
    seq = sequences[0]
    dl, pixels = drawn_strips(renderer, fbo, seq, HeatPictures())
    # Four strips and the legend's ramp, nothing drawn cell by cell.
    assert len(dl.images) == len(GATES) + 1
    assert all(not image.smooth and image.key is not None for image in dl.images)
    assert len(dl.arrays()["rect"]) <= len(GATES) + 1  # the strips' outlines
    assert_cells_are_the_gate_colours(dl, pixels, seq)


def test_the_strips_follow_a_new_sequence_and_keep_their_pictures_while_it_stays(
    renderer, fbo, sequences
):
    pictures = HeatPictures()
    old, new = sequences
    drawn_strips(renderer, fbo, old, pictures)
    made = pictures.made
    dl, pixels = drawn_strips(renderer, fbo, old, pictures)
    assert pictures.made == made  # the same trace: nothing made again
    keys = [image.key for image in dl.images]
    dl, pixels = drawn_strips(renderer, fbo, new, pictures)
    # New strips under new keys (the texels are uploaded again); the same ramp.
    assert set(keys) & {image.key for image in dl.images} == {keys[-1]}
    assert_cells_are_the_gate_colours(dl, pixels, new)


@pytest.mark.parametrize("width", [620.0, 300.0])
def test_the_legend_keeps_its_words_and_its_type_in_a_narrow_card(renderer, sequences, width):
    """Large type in a narrow card (the projector's slot): the legend takes a line per part
    instead of cutting its words short with "…", at the theme's small type; every line and
    the strips stay inside the card."""
    theme = PROJECTOR.for_drawable(720)
    dl = renderer.new_draw_list()
    area = Rect(10, 10, width, 460)
    draw_gate_strips(dl, area, theme, sequences[0], None, theme.roles.cell_level)
    said = [run.text for run in dl.runs]
    legend = said[len(GATES):]
    assert " ".join(legend) == "closed (0) … open (1); g: −1 … +1"  # no h row here
    # One line where it fits; else it breaks between the gates' clause and g's first.
    assert legend == (["closed (0) … open (1); g: −1 … +1"] if width > 600 else
                      ["closed (0)", "… open (1);", "g: −1 … +1"])  # fmt: skip
    assert {run.size for run in dl.runs if "(0)" in run.text} == {theme.small_px}
    assert all(area.y <= image.box[1] and image.box[3] <= area.bottom for image in dl.images)


def test_the_gradient_bars_stand_on_their_axis_line_not_under_it(renderer, sequences):
    """The axis line reads against the card behind it (3:1), never against the bars' own
    colours: every bar ends where the line begins."""
    theme = PROJECTOR.for_drawable(1080)
    dl = renderer.new_draw_list()
    draw_gradients(dl, AREA, theme, sequences[1], None, theme.roles.cell_level)
    arrays = dl.arrays()
    lines, rects = arrays["line"], arrays["rect"]
    axis = lines[np.argmax(lines[:, LINE.index["points"]][:, 1])]  # the lowest line
    y, width = axis[LINE.index["points"]][1], axis[LINE.index["style"]][0]
    filled = rects[rects[:, RECT.index["fill"]][:, 3] > 0]
    bottoms = filled[:, RECT.index["box"]][:, 3]
    bars = bottoms[abs(bottoms - y) < 4 * width]  # not the legend's swatches below
    assert len(bars) >= sequences[1].T and bars.max() <= y - width / 2 + 1e-3
