"""The overview's header and status box say the same thing about the run, and the box
holds its text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nnviz.anim.epoch_player import PlayerState
from nnviz.render.drawlist import DrawList
from nnviz.render.font import GlyphAtlas
from nnviz.render.layouts import RECT
from nnviz.render.text import TextLayout
from nnviz.scenes.overview.status import draw_message, header_parts, status_word
from nnviz.sim import SessionConfig, TrainingSession
from nnviz.ui.theme import LIGHT
from nnviz.ui.widget import Rect


@pytest.fixture
def session():
    s = TrainingSession(
        SessionConfig(seed=3, samples_per_epoch=8, n_samples=32, seq_len=6, hidden=(4,)),
        threaded=False,
        speed=None,
        playing=False,
        run_warmup=False,
    ).start()
    yield s
    s.close()


def test_header_and_banner_agree_on_the_epoch_that_diverged():
    session = TrainingSession(SessionConfig(seed=1), threaded=False, speed=None, playing=False)
    session.start()
    session.step_epoch()
    session.run_pending()
    session.set_optimizer("sgd")
    session.set_learning_rate(100.0)
    for _ in range(4):
        session.step_epoch()
        snap = session.run_pending()
        if snap.diverged:
            break
    session.close()
    assert snap.diverged and snap.diverged_epoch is not None
    parts = header_parts(snap, PlayerState(snap.epoch, "idle", 0.0, 0))
    assert f"diverged at {snap.diverged_epoch}" in parts
    assert f"epoch {snap.diverged_epoch}" in snap.message.lower()
    assert parts[0].startswith(f"Epoch {snap.epoch}") and "last good" in parts[0]


def test_an_unstable_run_is_flagged(session):
    session.step_epoch()
    snap = replace(session.run_pending(), unstable="the loss rose for 30 epochs")
    assert status_word(snap) == "unstable"
    assert status_word(replace(snap, unstable="")) == "paused"


def test_looking_back_in_lockstep_says_training_waits(session):
    session.set_lockstep(True)
    session.step_epoch()
    snap = replace(session.run_pending(), viewing=0)
    assert "training waits while you look back" in header_parts(
        snap, PlayerState(0, "idle", 0.0, 0)
    )


# -- the boxed message ----------------------------------------------------------------
MESSAGE = ("Training diverged at epoch 4 (the weight update overflowed) — lower the "
           "learning rate or press Restart.")  # fmt: skip


@pytest.fixture(scope="module")
def layout() -> TextLayout:
    return TextLayout(GlyphAtlas())


def _box_and_runs(layout, r: Rect):
    dl = DrawList(layout)
    draw_message(dl, LIGHT, r, "Training diverged", MESSAGE, LIGHT.danger)
    box = dl.arrays()["rect"][0, RECT.index["box"]]
    return box, dl.runs


@pytest.mark.parametrize("width", [260.0, 420.0, 900.0])
def test_the_box_is_as_tall_as_its_wrapped_lines(layout, width):
    """A narrow card wraps the message onto more lines: the box grows with them (its
    last line once ran out of the box's bottom)."""
    box, runs = _box_and_runs(layout, Rect(0, 0, width, 600))
    assert all(run.y1 <= box[3] and run.x1 <= box[2] for run in runs)
    words = " ".join(run.text for run in runs[1:]).split()
    assert words == MESSAGE.split()  # every word shown


def test_a_card_too_short_for_the_message_ends_it_with_an_ellipsis(layout):
    r = Rect(0, 0, 220, 110)
    box, runs = _box_and_runs(layout, r)
    assert box[1] >= r.y - 0.5 and box[3] <= r.bottom + 0.5
    assert all(run.y1 <= r.bottom for run in runs) and runs[-1].text.endswith("…")


@pytest.mark.parametrize("width", [300.0, 380.0, 1000.0])
def test_the_compile_ring_says_what_it_does_within_its_card(layout, session, width):
    """A projector's narrow network card at 1024×768: the sentence under the ring ran past
    both of its edges; it takes a shorter form that fits."""
    from nnviz.scenes.overview.status import PROGRESS_FORMS, draw_status
    from nnviz.ui.theme import PROJECTOR

    t = PROJECTOR.for_drawable(768)
    r = Rect(20, 150, width, 240)
    snap = replace(session.latest(), status="compiling", progress=0.0,
                   label="kernel 1 of 1: recurrent/float32")
    dl = DrawList(layout)
    draw_status(dl, t, r, snap, 0.0)
    texts = [run for run in dl.runs if run.text != "0%"]
    assert any(run.text in PROGRESS_FORMS for run in texts)
    assert all(r.x <= run.x0 and run.x1 <= r.right for run in texts)
    if width >= 1000:
        assert texts[0].text == PROGRESS_FORMS[0] and texts[1].text.endswith("float32")
