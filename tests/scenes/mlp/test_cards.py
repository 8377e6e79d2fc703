"""The MLP explorer's cards: the loss card names every curve it draws, each split in its
ink and line, and never in a class colour."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.drawlist import premultiply
from nnviz.render.layouts import LINE
from nnviz.scenes.kit.card import card_inner
from nnviz.scenes.kit.header import draw_title, pill_width
from nnviz.scenes.mlp.cards import (
    LEVEL_COLOR,
    SPLIT_NAMES,
    SPLIT_STYLES,
    _probe_texts,
    draw_header,
    draw_loss,
    split_color,
)
from tests.scenes.helpers import run_until


@pytest.mark.parametrize("size", ["1920x1080", "1024x768"])
def test_the_loss_legend_names_train_validation_and_test(make_app, size):
    """The card is narrow: its one-line legend used to name only "train" beside three
    curves."""
    app = make_app("--scene", "mlp", "--size", size, "--seed", "1")
    run_until(app, lambda a: a.scene.snapshot.epoch >= 2)
    s = app.scene
    dl = s.services.renderer.new_draw_list()
    draw_loss(dl, s.theme, card_inner(s.layout.loss, s.theme), s.snapshot)
    texts = [run.text for run in dl.runs]
    assert all(name in texts for name in SPLIT_NAMES), (texts, card_inner(s.layout.loss, s.theme))
    colours = dl.arrays()["line"][:, LINE.index["color"]]
    for i in range(3):  # each split's curve (and swatch) is drawn in its split's ink
        assert np.isclose(colours, premultiply(split_color(s.theme, i)), atol=1e-6).all(1).any()


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
def test_no_split_is_told_by_a_class_colour_but_by_its_line(make_app, theme):
    """Blue and vermillion are the classes here: a blue "train" curve beside blue class-0
    points read as one thing. The three curves differ by line: solid, dashed, dotted."""
    app = make_app("--scene", "mlp", "--size", "1280x800", "--seed", "1", "--theme", theme)
    run_until(app, lambda a: a.scene.snapshot.epoch >= 2)
    s, t = app.scene, app.scene.theme
    dl = s.services.renderer.new_draw_list()
    draw_loss(dl, t, card_inner(s.layout.loss, t), s.snapshot)
    lines = dl.arrays()["line"]
    colours = lines[:, LINE.index["color"]]
    for cls in (t.roles.positive, t.roles.negative):
        assert not np.isclose(colours, premultiply(cls), atol=1e-3).all(1).any()
    style = lines[:, LINE.index["style"]]  # width, dash, gap, flow
    patterns = {(round(float(d), 2), round(float(g), 2)) for _, d, g, _ in style}
    assert len({p for p in patterns if p[1] > 0}) >= 2  # dashed and dotted, beside solid
    assert SPLIT_STYLES == ("solid", "dashed", "dotted")



def _header_texts(app, right: float) -> list[str]:
    s = app.scene
    dl = s.services.renderer.new_draw_list()
    draw_header(dl, s.theme, s.layout.header.cy, s.snapshot, right)
    return [run.text for run in dl.runs]


def test_the_header_gives_the_pill_up_for_the_epoch_and_never_cuts_it(make_app):
    """Large type, little room: the epoch takes the *training* pill's place (the play
    button shows that state); with less room the app's name steps aside; with less still
    both are left out: the epoch is not cut to "Ep…" (the lesson at 1024×768 in the
    projector theme cut it)."""
    app = make_app("--scene", "mlp", "--size", "1024x768", "--seed", "1", "--theme", "projector")
    run_until(app, lambda a: a.scene.snapshot.epoch >= 1)
    s, t = app.scene, app.scene.theme
    dl = s.services.renderer.new_draw_list()
    title_end = draw_title(dl, t, s.layout.header.cy, "MLP explorer", LEVEL_COLOR)
    epoch = f"Epoch {s.snapshot.epoch}"
    full = _header_texts(app, 10_000.0)
    assert full[-2:] == ["training", f"{epoch}  ·  {s.snapshot.steps} steps"]
    narrow = _header_texts(app, title_end + dl.text_layout.width(epoch, t.heading_px) + 1)
    assert narrow[-1] == epoch and "training" not in narrow
    pill = pill_width(dl.text_layout, t, "training")
    epoch_w = dl.text_layout.width(epoch, t.heading_px)
    shorter = _header_texts(app, title_end + min(pill, epoch_w) - 2)
    # Neither fits after the whole title: the app's name steps aside for the epoch.
    assert shorter[0] == "MLP explorer" and shorter[-1] == epoch
    short_end = draw_title(s.services.renderer.new_draw_list(), t, s.layout.header.cy,
                           "MLP explorer", LEVEL_COLOR, right=0.0, keep=1.0)  # fmt: skip
    bare = _header_texts(app, short_end + min(pill, epoch_w) - 2)
    # Not even then: both are left out (the pill would run into the scene switcher).
    assert "training" not in bare and not any(x.startswith("Ep") for x in bare)


def test_probe_rows_never_show_minus_zero():
    """A coordinate that rounds to zero reads 0; negative ones take a real minus sign."""
    full, short, bare = _probe_texts(-0.01, -0.73, 0.48, 1)
    assert full == "(0.0, −0.7) → 0.48 (1)"
    assert short == "(0, −0.7) → 0.48"  # never longer than the full form without its label
    assert bare == "0.48"
    assert _probe_texts(-0.0, 1.0, 0.5, 0)[1] == "(0, 1) → 0.50"
    assert _probe_texts(0.891, -0.04, 0.12, 0)[1] == "(0.9, 0) → 0.12"
