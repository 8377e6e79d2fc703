"""The data table and the split: rows from the core's numbers, boundaries dragged by
pointer and moved by keys, shuffled or ordered."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.plane import forward_all
from nnviz.scenes.kit.card import card_inner
from nnviz.scenes.mlp.data_view import (
    boundaries_after_drag,
    clamp_split,
    draw_data,
    hidden_and_output,
)
from nnviz.ui import events as ev
from tests.scenes.helpers import click, key, run_until


def test_shares_stay_valid_and_drags_keep_the_other_boundary():
    assert clamp_split(0.0, 0.5) == (0.05, 0.5)
    assert clamp_split(0.9, 0.3) == (0.9, 0.1)
    # train|val moved to 50 %: the val|test boundary stays at 85 %
    assert boundaries_after_drag(0, 0.5, 0.7, 0.15) == (0.5, 0.35)
    # val|test moved to 95 %: train stays
    assert boundaries_after_drag(1, 0.95, 0.7, 0.15) == (0.7, 0.25)
    assert boundaries_after_drag(0, 0.99, 0.7, 0.15) == (0.85, 0.0)


@pytest.fixture
def mlp(make_app):
    return make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")


def test_the_table_rows_are_the_core_s_numbers(mlp):
    s = mlp.scene
    run_until(mlp, lambda a: a.scene.snapshot.epoch >= 2)
    key(mlp, "t")
    mlp.run(mlp.frames_drawn + 1)
    assert s.split.show and s.split.geometry is not None and len(s.split.geometry.rows) >= 5
    record = s.shown()
    pts = record.prediction.points
    hidden, out = hidden_and_output(record, pts.x[:5])
    from nnviz.core import MLP

    model = MLP((2, 4, 1), ["sigmoid", "sigmoid"], dtype=np.float64)
    model.params[:] = record.params
    acts = forward_all(model, pts.x[:5])
    np.testing.assert_allclose(hidden, acts[0], rtol=1e-12)
    np.testing.assert_allclose(out, record.prediction.outputs[:5], rtol=1e-9)
    top, index = s.split.geometry.rows[3]
    click(mlp, s.split.geometry.bar.cx, top + s.split.geometry.row_h / 2)  # a row traces it
    run_until(mlp, lambda a: a.scene.snapshot.config.display_sample == index, 30)


def test_the_split_by_drag_touch_and_keys(mlp):
    s = mlp.scene
    run_until(mlp, lambda a: a.scene.snapshot.epoch >= 1)
    r = s.layout.predictions
    click(mlp, r.cx, r.y + s.theme.px(8))  # a tap on the card's title strip
    assert s.split.show
    mlp.run(mlp.frames_drawn + 1)
    bar = s.split.geometry.bar
    x70 = bar.x + 0.7 * bar.w
    target = bar.x + 0.5 * bar.w
    mlp.window.inject(ev.PointerDown(x70, bar.cy, pointer=2, touch=True),
                      ev.PointerMove(target, bar.cy, pointer=2, touch=True),
                      ev.PointerUp(target, bar.cy, pointer=2, touch=True))  # fmt: skip
    run_until(mlp, lambda a: a.scene.snapshot.config.train_fraction == 0.5, 30)
    cfg = s.snapshot.config
    assert cfg.val_fraction == pytest.approx(0.35)
    run_until(mlp, lambda a: a.scene.snapshot.record.metrics.counts[0] == 50, 60)
    key(mlp, "2")
    run_until(mlp, lambda a: a.scene.snapshot.config.val_fraction == pytest.approx(0.3), 30)
    assert s.snapshot.config.train_fraction == 0.55
    key(mlp, "4")
    run_until(mlp, lambda a: a.scene.snapshot.config.val_fraction == pytest.approx(0.35), 30)
    key(mlp, "o")
    run_until(mlp, lambda a: not a.scene.snapshot.config.shuffle_split, 30)
    run_until(mlp, lambda a: not a.scene.shown().config.shuffle_split, 60)
    split = s.shown().prediction.points.split
    assert np.all(np.diff(split) >= 0)  # in order: train, then validation, then test


def test_shares_too_narrow_to_name_inside_the_bar_are_named_under_it(mlp):
    """A 15 % share of a narrow card's bar has no room for "val. 15%": without the key
    under the bar nobody could tell validation from test."""
    s = mlp.scene
    run_until(mlp, lambda a: a.scene.snapshot.epoch >= 1)
    dl = s.services.renderer.new_draw_list()
    draw_data(dl, s.theme, card_inner(s.layout.predictions, s.theme), s.shown(), (0.7, 0.15))
    texts = [run.text for run in dl.runs]
    assert "train 70%" in texts and "val. 15%" in texts and "test 15%" in texts
    wide = s.services.renderer.new_draw_list()
    draw_data(wide, s.theme, card_inner(s.layout.predictions, s.theme), s.shown(), (0.34, 0.33))
    named = sorted(t for t in (run.text for run in wide.runs) if "%" in t)
    assert named == ["test 33%", "train 34%", "val. 33%"]  # once each, inside the bar
