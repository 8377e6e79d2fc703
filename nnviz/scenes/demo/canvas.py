"""What the demo canvas shows: every primitive of the renderer, in world units.

Its text is world-space text too, so it is drawn through :class:`WorldLabels`: a label
that would read below the theme's type floor at the camera's zoom is left out, and
zooming in brings it back (headings first: they are the largest)."""

from __future__ import annotations

import math

import numpy as np

from nnviz.render.color import OkabeIto, diverging_array, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.world_text import WorldLabels
from nnviz.ui.theme import Theme, legible

WORLD = (0.0, 0.0, 1000.0, 640.0)
"""The canvas in world units."""
GRID = 80.0
"""Grid spacing in world units: a calm background that still shows the zoom."""
WAVES = ("Sine", "Square", "Sawtooth")


def wave_values(kind: str, phase: np.ndarray) -> np.ndarray:
    if kind == "Square":
        return np.sign(np.sin(phase))
    if kind == "Sawtooth":
        return 2.0 * ((phase / (2 * math.pi)) % 1.0) - 1.0
    return np.sin(phase)


def draw_backdrop(dl: DrawList, t: Theme, show_grid: bool) -> None:
    """The canvas card and its grid, a layer below the shapes."""
    x0, y0, x1, y1 = WORLD
    dl.panel(x0, y0, x1, y1, t.panel, stroke=t.panel_border, stroke_width=2, radius=18)
    if show_grid:
        xs = np.arange(x0 + GRID, x1, GRID)
        ys = np.arange(y0 + GRID, y1, GRID)
        grid = with_alpha(t.panel_border, 0.45)
        segs = [(x, y0 + 8, x, y1 - 8) for x in xs] + [(x0 + 8, y, x1 - 8, y) for y in ys]
        dl.lines(np.array(segs), 1.0, np.array([grid]))


HEADING = 26.0
"""World size of the row headings: read at the type floor on a 1024×768 desktop window."""
NOTE = 18.0
"""World size of the small print (captions, the scale's ends)."""


def draw_showcase(dl: DrawList, t: Theme, time: float, counter: int, pulse: float,
                  wave: str, min_text: float = 0.0) -> int:  # fmt: skip
    """Every primitive: dashes flow with ``time`` (the animation clock); the counter, the
    pulse and the wave move with the simulation clock. Text smaller than ``min_text``
    world units is left out (:class:`WorldLabels`); returns how many labels were."""
    ink, dim = t.text, t.text_dim
    labels = WorldLabels(dl, min_text)

    # Row 1: circles, rings, arcs and pies; the pie sweeps on the animation clock.
    heading = HEADING
    labels.text("Circles, rings, arcs", 40, 30, heading, ink, face="bold")
    s = t.series
    dl.circle(90, 120, 44, OkabeIto.ORANGE, stroke=ink, stroke_width=3)
    dl.ring(200, 120, 40, 8, OkabeIto.SKY_BLUE)
    sweep = (time * 1.5) % (2 * math.pi)
    dl.circle(310, 120, 44, with_alpha(OkabeIto.BLUISH_GREEN, 0.25))
    dl.circle(310, 120, 44, OkabeIto.BLUISH_GREEN, start=-math.pi / 2, end=-math.pi / 2 + sweep)
    dl.arc(420, 120, 36, 10, OkabeIto.VERMILLION, time * 3.0, time * 3.0 + 4.2)

    # Row 1, right: rounded rectangles.
    labels.text("Rounded rectangles", 520, 30, heading, ink, face="bold")
    dl.rect(520, 76, 640, 164, OkabeIto.YELLOW, radius=0)
    dl.rect(660, 76, 780, 164, t.panel, stroke=OkabeIto.BLUE, stroke_width=5, radius=22)
    dl.rect(
        800,
        76,
        960,
        164,
        with_alpha(OkabeIto.REDDISH_PURPLE, 0.5),
        stroke=OkabeIto.REDDISH_PURPLE,
        stroke_width=2,
        radius=44,
    )

    # Row 2: a tiny network whose connectors flow on the animation clock.
    labels.text("Data flow (animation clock)", 40, 200, heading, ink, face="bold")
    nodes_in = [(90, 270), (90, 350)]
    nodes_mid = [(280, 250), (280, 310), (280, 370)]
    out = (460, 310)
    flow = 60.0
    # The connectors carry the picture's meaning: at least 3:1 on the card (WCAG 1.4.11).
    first, second = (legible(c, ink, t.panel, 3.0) for c in (s[4], s[5]))
    for a in nodes_in:
        for b in nodes_mid:
            dl.bezier(
                a, (a[0] + 90, a[1]), (b[0] - 90, b[1]), b, 3, first, dash=12, gap=9, flow=flow
            )
    for b in nodes_mid:
        dl.bezier(
            b,
            (b[0] + 90, b[1]),
            (out[0] - 90, out[1]),
            (out[0] - 26, out[1]),
            3,
            second,
            dash=12,
            gap=9,
            flow=flow,
        )
    dl.arrow(out[0] - 24, out[1], 1, 0, 16, 14, second)
    for x, y in nodes_in + nodes_mid:
        dl.circle(x, y, 22, t.panel, stroke=ink, stroke_width=3)
    dl.circle(*out, 24, OkabeIto.ORANGE, stroke=ink, stroke_width=3)
    labels.text("σ", *out, 26, ink, anchor="cm")
    dl.line(40, 420, 480, 420, 5, OkabeIto.BLUE, dash=22, gap=12, flow=flow)
    dl.arrow(492, 420, 1, 0, 18, 18, OkabeIto.BLUE)
    dl.line(480, 450, 40, 450, 5, OkabeIto.VERMILLION, dash=22, gap=12, flow=flow)
    dl.arrow(28, 450, -1, 0, 18, 18, OkabeIto.VERMILLION)
    labels.text("forward", 500, 420, NOTE, dim, anchor="lm")
    labels.text("backward", 500, 450, NOTE, dim, anchor="lm")

    # Row 2, right: the simulation counter and a wave drawn as a polyline.
    labels.text("Simulation clock", 600, 200, heading, ink, face="bold")
    glow = mix(t.panel, OkabeIto.ORANGE, 0.35 * pulse)
    dl.rect(600, 236, 960, 320, glow, stroke=t.panel_border, stroke_width=2, radius=14)
    labels.text(f"{counter:,} steps", 780, 278, 40, ink, anchor="cm", face="bold")
    phase = np.linspace(0, 4 * math.pi, 160) + counter * 0.15
    ys = 380 + 40 * wave_values(wave, phase)
    pts = np.column_stack([np.linspace(600, 960, 160), ys])
    dl.polyline(pts, 3, OkabeIto.BLUE)
    labels.text(f"{wave} wave, advanced by training steps", 600, 432, NOTE, dim)

    # Row 3: text and the signed colour scale.
    labels.text("Text", 40, 490, heading, ink, face="bold")
    labels.text("c = f ⊙ c′ + i ⊙ g      σ(x) = 1 / (1 + exp(−x))", 40, 530, 22, ink)
    labels.text("∂L/∂h   η = 0.01   Δw ≈ −η·∂L/∂w   tanh   ∑ ∞ ≤ ≥", 40, 566, 22, ink)
    labels.text("Atkinson Hyperlegible, crisp at every zoom", 40, 600, NOTE, dim)
    labels.text("Signed values", 600, 490, heading, ink, face="bold")
    values = np.linspace(-1, 1, 24)
    colors = diverging_array(values, 1.0)
    xs = np.linspace(600, 960, 25)
    boxes = np.column_stack([xs[:-1], np.full(24, 530), xs[1:], np.full(24, 566)])
    dl.rects(boxes, colors)
    labels.text("−1", 600, 574, NOTE, dim, anchor="lt")
    labels.text("0", 780, 574, NOTE, dim, anchor="ct")
    labels.text("+1", 960, 574, NOTE, dim, anchor="rt")
    return labels.hidden
