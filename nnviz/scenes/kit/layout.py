"""The frame every explorer's screen shares: a title bar, a control column at the right,
and a content area split into an upper and a lower row of cards."""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

UPPER_KEEP = 0.75
"""The upper row gives up at most a quarter of its height to the lower row."""


@dataclass(frozen=True)
class ScreenFrame:
    """Pixel measures of the shared frame for one window size and theme."""

    margin: float
    header: Rect
    controls: Rect
    content_w: float
    """Width of the content area (left of the control column, margins taken off)."""
    top: float
    """Top of the upper row of cards (below the title bar)."""
    split: float
    """Bottom of the upper row; the lower row starts a margin below."""
    bottom: float

    @staticmethod
    def compute(
        width: float,
        height: float,
        theme: Theme,
        *,
        margin: float,
        control_share: float,
        control_min: float,
        upper_share: float,
        lower_min: float = 0.0,
    ) -> ScreenFrame:
        """``margin`` in spacing units; the control column takes ``control_share`` of the
        width but at least ``control_min`` UI units; the upper row ``upper_share`` of the
        height below the title bar, less what the lower row needs to be ``lower_min``
        pixels high (a control panel there that would not fit otherwise), though never
        less than :data:`UPPER_KEEP` of its share."""
        m = theme.spacing_px * margin
        header_h = theme.title_px * 1.8
        controls_w = max(width * control_share, theme.px(control_min))
        top = header_h
        upper = (height - top) * upper_share
        lower = height - m - (top + upper) - m
        if lower < lower_min:
            upper = max(upper - (lower_min - lower), upper * UPPER_KEEP)
        return ScreenFrame(
            margin=m,
            header=Rect(0, 0, width, header_h),
            controls=Rect(width - controls_w - m, m, controls_w, height - 2 * m),
            content_w=width - controls_w - 3 * m,
            top=top,
            split=top + upper,
            bottom=height - m,
        )

    def lower_row(self) -> tuple[float, float]:
        """``(y, height)`` of the lower row of cards."""
        return self.split + self.margin, self.bottom - self.split - self.margin
