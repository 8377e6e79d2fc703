"""The F3 performance overlay: fps, frame time p50/p99, simulation steps/s, primitives."""

from __future__ import annotations

from nnviz.app.frame_stats import FrameStats
from nnviz.render.color import with_alpha
from nnviz.render.renderer import Renderer
from nnviz.ui.theme import Theme


class PerfOverlay:
    """A small panel in the top-right corner, drawn above everything else."""

    def __init__(self, renderer: Renderer) -> None:
        self.visible = False
        self.draw_list = renderer.new_draw_list()

    def lines(self, stats: FrameStats, steps_per_second: float, primitives: int) -> list[str]:
        """The overlay's text, one entry per line."""
        if len(stats) == 0:
            return ["measuring…"]
        return [
            f"{stats.fps:5.0f} fps",
            f"frame p50 {stats.p50 * 1000:5.1f} ms",
            f"frame p99 {stats.p99 * 1000:5.1f} ms",
            f"sim {steps_per_second:7.1f} steps/s",
            f"{primitives} primitives",
        ]

    def build(
        self,
        theme: Theme,
        size: tuple[int, int],
        stats: FrameStats,
        steps_per_second: float,
        primitives: int,
    ) -> None:
        """Fill :attr:`draw_list` for this frame."""
        dl = self.draw_list
        dl.clear()
        text = self.lines(stats, steps_per_second, primitives)
        font = theme.label_px
        pad = theme.padding_px
        line_h = dl.text_layout.metrics.line_height * font
        width = max(dl.text_layout.width(t, font) for t in text) + 2 * pad
        height = line_h * len(text) + 2 * pad
        x1 = size[0] - pad
        x0 = x1 - width
        y0 = pad
        dl.rect(x0, y0, x1, y0 + height, with_alpha(theme.tooltip_bg, 0.92), radius=theme.radius_px)
        for i, line in enumerate(text):
            dl.text(line, x0 + pad, y0 + pad + i * line_h, font, theme.tooltip_text)
