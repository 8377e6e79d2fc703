"""Every step of every shipped lesson, audited as the hall sees it (lecture mode, the
projector theme) at every audited size: the counts may not exceed
``lesson_allowance.json``, an allow-list that only ever shrinks (rewrite it after a fix
with ``python scripts/audit_layout.py --lessons --write-allowance
tests/app/lesson_allowance.json``). A new lesson starts with an allowance of zero."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nnviz.app.layout_audit import SIZES, key
from nnviz.app.lesson_audit import LESSON_THEME, audit_lesson
from nnviz.app.lessons import shipped_lessons

ALLOWANCE: dict[str, dict[str, int]] = json.loads(
    (Path(__file__).with_name("lesson_allowance.json")).read_text()
)


@pytest.mark.parametrize("name", list(shipped_lessons()))
def test_every_step_stays_within_its_allowance(name):
    cells = audit_lesson(name)
    assert set(cells) == set(SIZES)
    worse = []
    for size, cell in cells.items():
        allowed = ALLOWANCE.get(key(f"lesson:{name}", LESSON_THEME, size), {})
        for check, n in cell.counts.items():
            if n > allowed.get(check, 0):
                new = [e for e in cell.examples if f": {check} " in e][:5]
                worse.append(f"{name} {size} {check}: {n} > {allowed.get(check, 0)} e.g. {new}")
    assert not worse, "\n".join(worse)


def test_the_allowance_names_only_shipped_lessons():
    cells = {key(f"lesson:{n}", LESSON_THEME, s) for n in shipped_lessons() for s in SIZES}
    assert set(ALLOWANCE) <= cells
