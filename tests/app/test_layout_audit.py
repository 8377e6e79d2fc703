"""The layout audit over every registered scene × theme × size × stress state.

Checks that pass everywhere must stay at zero; the others may not exceed the counts in
``layout_allowance.json``, an allow-list that only ever shrinks: after a fix, rewrite it
with ``python scripts/audit_layout.py --write-allowance tests/app/layout_allowance.json``
and check in the lower numbers (never higher ones). Scenes added to the registry are
audited automatically and start with an allowance of zero.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nnviz.app.layout_audit import IN_SLOT, SIZES, STATES, UNDONE_STATES, audit_scene, key
from nnviz.scenes.cell.layout import SHARED, SHARED_BELOW, SLOT_TITLES
from nnviz.scenes.registry import REGISTRY
from nnviz.ui.audit import CHECKS
from nnviz.ui.theme import THEMES

ALLOWANCE: dict[str, dict[str, int]] = json.loads(
    (Path(__file__).with_name("layout_allowance.json")).read_text()
)


def test_the_mlp_views_are_states_left_again_after_their_audit():
    """The MLP explorer's data table, weights view and compare mode are audited, each
    undone afterwards so that the states after them see the explorer as before."""
    names = [name for name, _ in STATES]
    assert {"data table", "weights", "compare"} <= set(UNDONE_STATES) <= set(names)
    assert names.index("compare") < names.index("history")


def test_every_card_of_the_cells_slot_is_a_state_of_its_own():
    """The compact layout shows one card of its slot at a time: each gets a state with it
    in front (audited only where it is in the slot), undone afterwards."""
    names = [name for name, _ in STATES]
    slot = [f"slot: {SLOT_TITLES[card]}" for card in SHARED]
    assert set(SHARED_BELOW) <= set(SHARED)
    assert set(slot) <= set(names) & set(UNDONE_STATES) & set(IN_SLOT)
    assert len(set(slot)) == len(SHARED)


def test_the_allowance_names_only_cells_of_the_matrix():
    cells = {key(s, t, size) for s in REGISTRY for t in THEMES for size in SIZES}
    assert set(ALLOWANCE) <= cells
    assert all(set(counts) <= set(CHECKS) for counts in ALLOWANCE.values())


@pytest.mark.parametrize("scene", list(REGISTRY))
def test_every_theme_and_size_stays_within_its_allowance(scene):
    cells = audit_scene(scene)
    assert {(t, size) for t in THEMES for size in SIZES} == set(cells)
    worse = []
    for (theme, size), cell in cells.items():
        allowed = ALLOWANCE.get(key(scene, theme, size), {})
        for check, n in cell.counts.items():
            if n > allowed.get(check, 0):
                new = [e for e in cell.examples if f": {check} " in e][:5]
                worse.append(f"{key(scene, theme, size)} {check}: {n} > {allowed.get(check, 0)}"
                             f" e.g. {new}")  # fmt: skip
    assert not worse, "\n".join(worse)


@pytest.mark.parametrize("mode", ["lecture", "kiosk"])
@pytest.mark.parametrize("scene", list(REGISTRY))
def test_the_lecture_and_kiosk_layouts_have_no_findings(scene, mode):
    """A lecture's layout (the classroom's fewer controls) and an exhibit's (a 64 px
    touch floor) hold up in every theme and size with no allowance at all."""
    cells = audit_scene(scene, mode=mode)
    found = [f"{key(scene, theme, size)}: {cell.examples[:3]}"
             for (theme, size), cell in cells.items() if any(cell.counts.values())]  # fmt: skip
    assert not found, "\n".join(found)
