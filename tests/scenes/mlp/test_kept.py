"""Kept draw lists: the explorer's cards and graph are drawn anew only when what they show
changes; a frame in between hands the renderer the lists it already holds."""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.scenes.mlp.kept import KeptLists
from tests.scenes.helpers import click_widget, key, run_until


def test_lists_are_drawn_again_only_for_other_inputs(text_layout):
    dl = DrawList(text_layout)
    kept = KeptLists([dl])
    record, other = object(), object()
    calls = []

    def draw() -> None:
        calls.append(1)
        dl.text("x", 0, 0, 12, (0, 0, 0, 1))

    assert kept.draw((record,), (1, "a"), draw)
    assert not kept.draw((record,), (1, "a"), draw)  # the same inputs: kept
    assert len(dl.runs) == 1 and len(calls) == 1
    assert kept.draw((other,), (1, "a"), draw)  # another object, equal or not
    assert kept.draw((other,), (2, "a"), draw)  # a flag changed
    assert len(dl.runs) == 1 and kept.draws == 3  # cleared before each drawing
    kept.forget()
    assert kept.draw((other,), (2, "a"), draw) and kept.draws == 4


def _texts(app, name):
    return [run.text for run in app.scene.lists[name].runs]


def test_the_explorer_keeps_its_cards_until_the_snapshot_changes(make_app):
    app = make_app("--scene", "mlp", "--size", "1280x720", "--seed", "1")
    s = app.scene
    run_until(app, lambda a: a.scene.snapshot.epoch >= 2)
    key(app, "space")
    run_until(app, lambda a: not a.scene.snapshot.running, 20)
    app.run(app.frames_drawn + 2)
    cards, graph = s.kept_cards.draws, s.kept_graph.draws
    kept = _texts(app, "kept")
    assert any(t.startswith("Epoch ") for t in kept)  # the header is among the kept
    app.run(app.frames_drawn + 5)
    assert (s.kept_cards.draws, s.kept_graph.draws) == (cards, graph)
    assert _texts(app, "kept") == kept and len(app.scene.lists["graph"].arrays()["circle"])
    epoch = s.snapshot.epoch
    click_widget(app, s.controls.step_button)  # one epoch: a new snapshot and record
    run_until(app, lambda a: a.scene.snapshot.epoch == epoch + 1, 60)
    app.run(app.frames_drawn + 1)
    assert s.kept_cards.draws > cards and s.kept_graph.draws > graph
    assert f"Epoch {epoch + 1}" in " ".join(_texts(app, "kept"))
    cards, graph = s.kept_cards.draws, s.kept_graph.draws
    s.select_neuron((1, 0))  # the selection ring: the graph again, the cards too (the
    app.run(app.frames_drawn + 1)  # neuron card covers the predictions)
    assert s.kept_graph.draws == graph + 1 and s.kept_cards.draws == cards + 1
    s.toggle_weights()  # the weights card, and the strongest paths under the graph
    app.run(app.frames_drawn + 1)
    assert "Weights and paths" in _texts(app, "kept") and app.scene.lists["paths"].arrays()
