"""The MLP explorer's cards: the loss card names every curve it draws, in the split's
colours of the one colour language."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.render.drawlist import premultiply
from nnviz.render.layouts import LINE
from nnviz.scenes.kit.card import card_inner
from nnviz.scenes.mlp.cards import SPLIT_NAMES, draw_loss, split_color
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
    for i in range(3):  # each split's curve (and swatch) is drawn in its role's colour
        assert np.isclose(colours, premultiply(split_color(s.theme, i)), atol=1e-6).all(1).any()
