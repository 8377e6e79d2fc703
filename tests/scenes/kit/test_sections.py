"""Panel sections: one at a time when compact, all otherwise; a switch lays out again."""

from __future__ import annotations

from nnviz.scenes.kit.sections import PanelSections
from nnviz.ui.widget import Row
from nnviz.ui.widgets import Button, Toggle


def test_compact_shows_the_chosen_section_only():
    a, b = Button("play"), Toggle("fixed")
    sections = PanelSections((("One", (Row(a),)), ("Two", (b,))))
    switched = []
    sections.on_switch = lambda: switched.append(sections.tabs.index)
    assert not sections.tabs.visible and b.visible
    assert sections.set_compact(True)
    assert sections.tabs.visible and sections.groups[0][0].visible and not b.visible
    sections.show("Two")
    assert switched == [1] and b.visible and not sections.groups[0][0].visible
    assert sections.section_of(a) == "One" and sections.section_of(b) == "Two"
    sections.set_compact(False)
    assert b.visible and sections.groups[0][0].visible and not sections.tabs.visible


def test_the_tallest_section_sizes_the_panel_and_the_one_shown_stays():
    """Sized for the section on screen, a panel grew and shrank as its tabs were picked,
    moving the tabs from under the pointer (the MLP's Settings at 1400×900)."""
    short, tall = [Button("a")], [Button("b"), Button("c"), Button("d")]
    sections = PanelSections([("Short", short), ("Tall", tall)])
    sections.set_compact(True)
    visible = lambda: sum(w.visible for w in (*short, *tall))  # noqa: E731
    assert sections.tallest(lambda: float(visible())) == 3.0
    assert sections.tabs.index == 0 and short[0].visible and not tall[0].visible
    sections.set_compact(False)
    assert sections.tallest(lambda: float(visible())) == 4.0  # all shown: just measured
