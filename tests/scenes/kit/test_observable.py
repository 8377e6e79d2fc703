"""Observables: views follow every change, effects only a person's."""

from __future__ import annotations

from nnviz.scenes.kit.observable import Observable


def test_views_follow_set_and_show_effects_only_set():
    value = Observable(1.0)
    seen, applied = [], []
    value.watch(seen.append)
    value.on_set(applied.append)
    value.set(2.0)
    value.show(3.0)
    assert value.value == 3.0
    assert seen == [2.0, 3.0]
    assert applied == [2.0]


def test_an_unchanged_value_notifies_nobody():
    value = Observable("adam")
    calls = []
    value.watch(calls.append)
    value.on_set(calls.append)
    value.set("adam")
    value.show("adam")
    assert calls == []
