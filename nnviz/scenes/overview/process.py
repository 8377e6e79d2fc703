"""The overview's Process card: the three phases of an epoch, the running one lit."""

from __future__ import annotations

from nnviz.anim.epoch_player import PlayerState
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.steps import draw_active_row
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.scenes.overview.text import PHASE_TITLES, phase_text
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect


def draw_process(dl: DrawList, t: Theme, r: Rect, state: PlayerState,
                 text_data: bool = False) -> None:  # fmt: skip
    """The three phases as steps, the running one highlighted, and what happens in it
    (told for characters and cross-entropy when ``text_data``)."""
    row = t.body_px * 2.0
    y = r.y
    for name in ("forward", "validation", "backward"):
        active = state.phase == name
        if active:
            level = t.roles.overview_level
            draw_active_row(dl, t, r.x, y, r.w, row, state.progress, level, t.px(5))
        color = t.text if active else t.text_dim
        dl.text(PHASE_TITLES[name], r.x + t.padding_px, y + row / 2, t.body_px, color,
                anchor="lm", face="bold")  # fmt: skip
        y += row + t.px(6)
    said = phase_text(state.phase, text_data)
    if said is not None:
        text, color = said, t.text
    elif state.epoch is None:
        text, color = "Training has not produced an epoch yet.", t.text_dim
    else:
        text, color = "Waiting for the next epoch to show.", t.text_dim
    box = Rect(r.x, y + t.px(8), r.w, r.bottom - y - t.px(8))
    fitted_paragraph(dl, t, text, box, color)
