"""Where the cell scene's cards go for one window size and theme.

Where the theme's type would not fit the diagram in its usual card (the projector theme:
its words would be scaled below the type floor), the layout is *compact*: the cell card
takes the whole height and the width its type needs, and the control panel and the other
cards take turns in one slot at the right (a menu in its title row picks one; V steps
through them; a lesson's spotlight on one brings it). Where that slot would be narrower
than a control column (4:3), the controls keep their column, the cell spans the content
width and the other cards take turns in a slot below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.scenes.cell.view import FLOOR_MARGIN, LARGEST_EM, SIZE
from nnviz.scenes.kit.card import HEADING_ROOM
from nnviz.scenes.kit.layout import ScreenFrame
from nnviz.ui.audit import type_floor
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

CONTROL_WIDTH = 0.21
"""Fraction of the window width taken by the control column."""
CARDS = (
    ("cell", "Cell — click any part to explain it"),
    ("plot", "Data"),
    ("grads", "Gradient through time"),
    ("steps", "Compute steps"),
    ("readout", "Arithmetic"),
    ("strips", "Gates over time"),
)
"""The cell scene's cards (layout field, title), in drawing order."""
SHORT_TITLES = {"cell": "Cell", "grads": "Gradient", "steps": "Steps", "strips": "Gates"}
"""What a card is called where its whole title does not fit (large type, a small window)."""
CELL_HEAD_ROOM = 2.0
"""Title room above the cell drawing, in heading sizes (less than other cards: the cell
is the picture the scene is about)."""
SHARED = ("controls", "steps", "readout", "strips", "plot", "grads")
"""What takes turns in the compact layout's slot, in the order of its menu."""
SHARED_BELOW = SHARED[1:]
"""What takes turns in the slot below the cell (4:3: the controls keep their column)."""
BELOW_SHARE = 0.37
"""The least share of the content height the slot below the cell gets (4:3)."""
SLOT_TITLES = {"controls": "Controls", **dict(CARDS)}
"""Each shared card's name in the slot's menu."""
TARGETS = {"controls": "controls", "steps": "steps", "arithmetic": "readout",
           "gates_over_time": "strips", "data": "plot", "gradient": "grads"}  # fmt: skip
"""Lesson target → the card it names (a hidden one comes to the front of the slot)."""
CONTROL_MIN = 270
"""The narrowest control column (UI units); the compact slot is never narrower."""
NOWHERE = Rect(0.0, 0.0, 0.0, 0.0)


def frame_padding(theme: Theme) -> float:
    """The margin (pixels) around the diagram inside its card's view."""
    return theme.px(4)


def diagram_zoom(card: Rect, theme: Theme) -> float:
    """Pixels per cell unit of the whole diagram framed in ``card`` (below its title)."""
    pad = 2 * frame_padding(theme)
    view_h = card.h - theme.heading_px * CELL_HEAD_ROOM
    return min((card.w - pad) / SIZE[0], (view_h - pad) / SIZE[1])


def floor_px(theme: Theme, height: float) -> float:
    """The smallest em (pixels) the diagram's words may have in a window ``height`` high."""
    return max(theme.small_px, type_floor(theme, height))


@dataclass(frozen=True)
class CellLayout:
    """Pixel rectangles of the scene's regions."""

    header: Rect
    cell: Rect
    plot: Rect
    grads: Rect
    steps: Rect
    readout: Rect
    strips: Rect
    controls: Rect
    shared: tuple[str, ...] = ()
    """The cards taking turns in the slot (compact layout), else none."""
    slot: Rect = NOWHERE
    """The shared slot (compact layout), else nowhere."""

    def shown(self, key: str) -> bool:
        """Whether card ``key`` is on screen (the compact slot shows one at a time)."""
        r: Rect = getattr(self, key)
        return r.w > 0.0 and r.h > 0.0

    @property
    def front(self) -> str | None:
        """The shared card now shown in the compact layout's slot, else None."""
        return next((key for key in self.shared if self.shown(key)), None)

    @staticmethod
    def compute(width: float, height: float, theme: Theme,
                front: str = SHARED[0]) -> CellLayout:  # fmt: skip
        """``front``: the card of :data:`SHARED` the compact layout shows."""
        f = ScreenFrame.compute(width, height, theme, margin=1.4, control_share=CONTROL_WIDTH,
                                control_min=CONTROL_MIN, upper_share=0.6)  # fmt: skip
        m, content_w, top, split = f.margin, f.content_w, f.top, f.split
        w_cell = content_w * 0.64
        w_side = content_w - w_cell - m
        side_mid = top + (split - top) * 0.55
        low_y, low_h = f.lower_row()
        w_steps, w_read = content_w * 0.27, content_w * 0.4
        w_strips = content_w - w_steps - w_read - 2 * m
        x_side = m + w_cell + m
        # Compact where the diagram's largest type would be scaled below the floor.
        if LARGEST_EM * diagram_zoom(Rect(m, top, w_cell, split - top), theme) < type_floor(
            theme, height
        ):
            return CellLayout._compact(f, width, theme, floor_px(theme, height), front)
        return CellLayout(
            header=f.header,
            cell=Rect(m, top, w_cell, split - top),
            plot=Rect(x_side, top, w_side, side_mid - top - m / 2),
            grads=Rect(x_side, side_mid + m / 2, w_side, split - side_mid - m / 2),
            steps=Rect(m, low_y, w_steps, low_h),
            readout=Rect(2 * m + w_steps, low_y, w_read, low_h),
            strips=Rect(3 * m + w_steps + w_read, low_y, w_strips, low_h),
            controls=f.controls,
        )

    @staticmethod
    def _compact(f: ScreenFrame, width: float, theme: Theme, floor: float,
                 front: str) -> CellLayout:  # fmt: skip
        """The cell card as wide as its type needs and the whole height, the slot (the
        control panel one of its cards) at the right; where that leaves the slot narrower
        than a control column (4:3), the cell card across the content width and the slot
        below it (see :data:`SHARED` and :data:`SHARED_BELOW`)."""
        m, top = f.margin, f.top
        high = f.bottom - top
        pad = 2 * frame_padding(theme)
        by_height = (high - theme.heading_px * CELL_HEAD_ROOM - pad) / SIZE[1]
        zoom = min(floor * FLOOR_MARGIN / LARGEST_EM, by_height)
        room = width - 3 * m
        w_slot = room - (SIZE[0] * zoom + pad)
        if w_slot < theme.px(CONTROL_MIN):
            return CellLayout._below(f, theme, front)
        w_cell = room - w_slot
        slot = Rect(2 * m + w_cell, top, w_slot, high)
        cards = _turns(SHARED, front, slot)
        if cards["controls"] is slot:  # below the slot's title row, which holds the menu
            row = max(theme.heading_px * HEADING_ROOM, theme.control_px + theme.padding_px)
            cards["controls"] = Rect(slot.x, slot.y + row, slot.w, slot.h - row)
        return CellLayout(header=f.header, cell=Rect(m, top, w_cell, high), shared=SHARED,
                          slot=slot, **cards)  # fmt: skip

    @staticmethod
    def _below(f: ScreenFrame, theme: Theme, front: str) -> CellLayout:
        """The control column as usual; the cell card across the content width, as high
        as its framing there needs but leaving the slot below :data:`BELOW_SHARE` of the
        height (the diagram stays under the floor at this aspect whatever it gets)."""
        m, top, content_w = f.margin, f.top, f.content_w
        high = f.bottom - top
        pad = 2 * frame_padding(theme)
        head = theme.heading_px * CELL_HEAD_ROOM
        needed = (content_w - pad) / SIZE[0] * SIZE[1] + pad + head
        h_cell = min(needed, high * (1.0 - BELOW_SHARE))
        slot = Rect(m, top + h_cell + m, content_w, high - h_cell - m)
        return CellLayout(header=f.header, cell=Rect(m, top, content_w, h_cell),
                          controls=f.controls, shared=SHARED_BELOW, slot=slot,
                          **_turns(SHARED_BELOW, front, slot))  # fmt: skip


def _turns(shared: tuple[str, ...], front: str, slot: Rect) -> dict[str, Rect]:
    """The cards of ``shared``: ``front`` (or the first) in the slot, the others nowhere."""
    front = front if front in shared else shared[0]
    return {key: slot if key == front else NOWHERE for key in shared}
