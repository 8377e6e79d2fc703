"""A one-line message at the top of the screen that fades (where a session was saved, why
a file could not be opened): what the app tells a person without a dialog."""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import Renderer
from nnviz.ui.theme import Theme

SHOW_S = 4.0
FADE_S = 0.6


class Notice:
    """The current message and its age."""

    def __init__(self, renderer: Renderer) -> None:
        self.draw_list = renderer.new_draw_list()
        self.badge_list = renderer.new_draw_list()
        self.text = ""
        self.age = SHOW_S

    def show(self, text: str) -> None:
        self.text, self.age = text, 0.0

    @property
    def visible(self) -> bool:
        return bool(self.text) and self.age < SHOW_S

    def update(self, dt: float) -> None:
        self.age += dt

    def build(self, theme: Theme, size: tuple[int, int]) -> DrawList:
        dl = self.draw_list
        dl.clear()
        alpha = min(1.0, max(0.0, (SHOW_S - self.age) / FADE_S))
        w, _ = size
        px = theme.body_px
        pad = theme.padding_px
        width = min(dl.text_layout.line(self.text, "regular")[1] * px + 2 * pad, w - 2 * pad)
        x0 = (w - width) / 2
        bg, fg = theme.tooltip_bg, theme.tooltip_text
        dl.rect(x0, pad, x0 + width, pad + px * 1.8, (*bg[:3], bg[3] * alpha),
                radius=theme.radius_px)  # fmt: skip
        dl.text(self.text, w / 2, pad + px * 0.9, px, (*fg[:3], fg[3] * alpha), anchor="cm")
        return dl

    def badge(self, theme: Theme, size: tuple[int, int], text: str) -> DrawList:
        """A small label that stays in the bottom-right corner (a recording in progress),
        clear of the notice and the frame-time overlay at the top."""
        dl = self.badge_list
        dl.clear()
        w, h = size
        px = theme.label_px
        pad = theme.padding_px
        width = dl.text_layout.width(text, px, "bold") + pad
        x1, y1 = w - pad, h - pad
        dl.rect(x1 - width, y1 - px * 1.8, x1, y1, theme.tooltip_bg, radius=theme.radius_px)
        dl.text(text, x1 - width / 2, y1 - px * 0.9, px, theme.tooltip_text, face="bold",
                anchor="cm")  # fmt: skip
        return dl

