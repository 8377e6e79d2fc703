"""Small 2-D plots drawn with the renderer: a frame, axes, ticks, lines and points.

Scenes keep their data; a :class:`PlotFrame` only maps data coordinates into a pixel
rectangle (optionally with a logarithmic y axis) and draws the furniture, so every
plot in nnviz (input signal, predictions, loss curves) looks the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nnviz.render.clipping import clip_segments
from nnviz.render.color import Color, with_alpha
from nnviz.render.dashes import dash_pieces
from nnviz.render.drawlist import DrawList
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

SIGNAL_RANGE = (-1.3, 1.3)
"""The y range of every plot of a sequence signal (the data sets stay within ±1)."""


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """About ``count`` round tick values covering ``[lo, hi]`` (1, 2, 5 × 10^k steps)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    value = first
    while value <= hi + step * 1e-9:
        ticks.append(0.0 if abs(value) < step * 1e-9 else value)
        value += step
    return ticks


def log_ticks(lo: float, hi: float) -> list[float]:
    """Ticks for a log axis spanning ``10**lo`` to ``10**hi``: decades when there are
    several, otherwise 1-2-5 steps so that a short range still gets labels."""
    decades = range(math.floor(lo), math.ceil(hi) + 1)
    for mantissas in ((1.0,), (1.0, 3.0), (1.0, 2.0, 5.0)):
        values = [m * 10.0**k for k in decades for m in mantissas]
        inside = [v for v in values if lo - 1e-9 <= math.log10(v) <= hi + 1e-9]
        if len(inside) >= 2:
            return inside
    # Less than a factor of two shown: round values in linear steps, finer until there are
    # two (a single labelled tick gives no scale to read the curves against).
    ticks: list[float] = []
    for count in (3, 5, 8):
        ticks = [v for v in nice_ticks(10.0**lo, 10.0**hi, count) if v > 0]
        if len(ticks) >= 2:
            break
    return ticks


def spaced(positions: list[float], gap: float) -> list[bool]:
    """Which of ``positions`` (pixels along an axis, in drawing order) keep their tick
    label: each one at least ``gap`` from the last one kept, so labels of large type on a
    short axis never overlap (the grid lines all stay)."""
    keep, last = [], -math.inf
    for p in positions:
        ok = abs(p - last) >= gap
        keep.append(ok)
        if ok:
            last = p
    return keep


def decimation(n: int, max_points: int) -> np.ndarray:
    """Indices of at most ``max_points`` evenly spread samples of ``n`` (first and last kept).

    The stride is a power of two counted from the first sample, so a series that grows by
    one sample keeps the samples it showed (only its end moves) until the stride doubles:
    a live curve then changes a few pixels per epoch, not its whole length, and the
    renderer redraws only those (see ``nnviz.render.damage``)."""
    if n <= max_points or max_points < 2:
        return np.arange(n)
    stride = 1
    while (n - 2) // stride + 2 > max_points:
        stride *= 2
    return np.append(np.arange(0, n - 1, stride), n - 1)


_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def growing_limit(value: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above
    ``value`` (positive), for the end of an axis that grows with a run.

    Why: an axis that ends at the newest epoch moves every point of every curve each
    epoch, so the whole plot is redrawn; one that ends at a round number holds still while
    the curves grow into it (at least three quarters of it in use), and reads better."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(value))
    return next(m * magnitude for m in _STEPS if m * magnitude >= value * (1 - 1e-12))


def growing_axis(first: float, last: float) -> tuple[float, float]:
    """An epoch axis from ``first`` to the round number (see :func:`growing_limit`) at or
    after ``last``, one epoch long at least."""
    return first, first + growing_limit(max(last - first, 1.0))


def steady_log_range(lo: float, hi: float) -> tuple[float, float]:
    """A log axis holding ``[lo, hi]`` (positive) with some room, its ends on quarter
    decades so that it changes only when a value crosses one (a falling loss would
    otherwise rescale the plot every epoch). Spans at least a factor of two."""
    lo = max(lo, 1e-12)
    hi = max(hi, lo)
    a, b = math.log10(lo / 1.15), math.log10(hi * 1.15)
    least = math.log10(2.0)
    if b - a < least:  # widened evenly about the values: a flat curve sits mid-plot
        mid = 0.5 * (a + b)
        a, b = mid - 0.5 * least, mid + 0.5 * least
    return 10.0 ** (math.floor(4 * a) / 4), 10.0 ** (math.ceil(4 * b) / 4)


def format_tick(value: float) -> str:
    """Short tick label: ``0.5``, ``10``, ``1e−3``, ``−1`` (a minus sign, not a hyphen)."""
    if value == 0:
        return "0"
    if abs(value) >= 1e4 or abs(value) < 1e-2:
        text = f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e")
    else:
        text = f"{value:.3g}"
    return text.replace("-", "−")


TICK_GAP = 10.0
"""Pixels (at 1080p) between a y tick label and the plot's left edge: a point of a series
at the first x (4.5 px across) had touched the "0" beside it."""


@dataclass
class PlotFrame:
    """Maps data ``(x, y)`` into the pixel rectangle ``rect`` (y grows upwards in data)."""

    rect: Rect
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    log_y: bool = False
    ink: list[tuple[np.ndarray, bool]] = field(default_factory=list, repr=False,
                                               compare=False)  # fmt: skip
    """What the series drew so far: their pixel points ``(N, 2)`` and whether they are a
    line's (else dots), so that the x label can be set where no curve runs
    (:meth:`draw_x_label`, which alone turns them into segments: a plot without an x
    label pays one list append per series)."""
    grid_ys: list[float] = field(default_factory=list, repr=False, compare=False)
    """Pixel rows of the grid lines :meth:`draw_axes` drew (the x label keeps off them)."""

    def _y_value(self, y: np.ndarray | float) -> np.ndarray | float:
        if self.log_y:
            return np.log10(np.maximum(y, 1e-12))
        return y

    def _y_bounds(self) -> tuple[float, float]:
        lo, hi = self.y_range
        if self.log_y:
            lo, hi = math.log10(max(lo, 1e-12)), math.log10(max(hi, 1e-12))
        if hi <= lo:
            hi = lo + 1.0
        return lo, hi

    def to_px(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple:
        """Data → pixel coordinates (works on scalars and arrays)."""
        x0, x1 = self.x_range
        if x1 <= x0:
            x1 = x0 + 1.0
        lo, hi = self._y_bounds()
        r = self.rect
        px = r.x + (np.asarray(x, dtype=np.float64) - x0) / (x1 - x0) * r.w
        py = r.bottom - (self._y_value(np.asarray(y, dtype=np.float64)) - lo) / (hi - lo) * r.h
        return px, py

    def points(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """``(N, 2)`` pixel points for polylines, non-finite values dropped."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        keep = np.isfinite(x) & np.isfinite(y)
        px, py = self.to_px(x[keep], y[keep])
        return np.column_stack([px, py])

    def clip_segments(self, segs: np.ndarray) -> np.ndarray:
        """The parts of pixel segments ``(N, 4)`` inside :attr:`rect`; segments wholly
        outside, or with non-finite ends, are dropped. A diverging run, maximal noise or a
        text head's probabilities never draw through other cards."""
        r = self.rect
        return clip_segments(segs, np.array([r.x, r.y, r.right, r.bottom]))[0]

    def inside(self, pts: np.ndarray) -> np.ndarray:
        """Which pixel points ``(N, 2)`` lie in :attr:`rect` (edges included)."""
        r = self.rect
        return (pts[:, 0] >= r.x) & (pts[:, 0] <= r.right) & (pts[:, 1] >= r.y) & (
            pts[:, 1] <= r.bottom
        )

    def draw_axes(self, dl: DrawList, theme: Theme, *, y_ticks: int = 3) -> None:
        """Grid lines with y tick labels on the left, and the axis; the x label comes
        after the series (:meth:`draw_x_label`), where they leave room for it."""
        r = self.rect
        size = theme.small_px
        grid = with_alpha(theme.panel_border, 0.6)
        if self.log_y:
            lo, hi = self._y_bounds()
            values = log_ticks(lo, hi)
        else:
            values = nice_ticks(*self.y_range, y_ticks)
        ys = [self.to_px(self.x_range[0], v)[1] for v in values]
        shown = [(v, py) for v, py in zip(values, ys, strict=True) if r.y - 1 <= py <= r.bottom + 1]
        labelled = spaced([py for _, py in shown], dl.text_layout.metrics.line_height * size)
        for (value, py), label in zip(shown, labelled, strict=True):
            if r.bottom - py > theme.px(4):  # else the axis is the line (no double line)
                dl.line(r.x, py, r.right, py, theme.px(1), grid)
                self.grid_ys.append(float(py))
            if label:  # clear of a series' first point, drawn on the plot's left edge
                dl.text(format_tick(value), r.x - TICK_GAP * theme.px(1), py, size,
                        theme.text_dim, anchor="rm")  # fmt: skip
        # The axis the curves stand on is a graphic to read them by: 3:1 or more (WCAG
        # 1.4.11), unlike the faint grid lines above it.
        dl.line(r.x, r.bottom, r.right, r.bottom, theme.px(1.5), theme.text_dim)

    def draw_x_label(self, dl: DrawList, theme: Theme, label: str, *, up: bool = True) -> None:
        """The x axis's name at the axis's end (the plot's right side), where the series
        drawn so far leave it clear: in the lower right corner where it can (its usual
        place), else just above the lowest grid line, in the band above the highest one,
        in the upper right corner or just below the highest grid line; the place with
        least ink, then with no grid line through its letters, wins. (Always in the lower
        right corner, it sat under a curve's last points; in the upper one a grid line
        struck it through.)

        The label is secondary: a plot too narrow for it (large type) leaves it off
        rather than letting it run into the tick labels, and one too short for it (a
        projector's 1024×768) rather than crowding the curves. Without ``up`` it stays
        in the lower half (a plot whose upper right lies under its card's controls)."""
        r, size = self.rect, theme.small_px
        width = dl.text_layout.width(label, size)
        if not label or r.h < 8.0 * size or width > r.w - theme.px(8):
            return
        pad, height = theme.px(4), size * 1.2
        inner = sorted(y for y in self.grid_ys if r.y + pad < y < r.bottom - pad)
        places = [(r.bottom - pad, "rb")]  # (y, anchor) in the order of preference
        if inner:
            places.append((inner[-1] - pad, "rb"))
        if inner and up and inner[0] - pad * 0.5 - height >= r.y - size * 0.5:
            places.append((inner[0] - pad * 0.5, "rb"))  # the band above the highest line
        if up:
            places.append((r.y + pad, "rt"))
        if inner and up:
            places.append((inner[0] + pad, "rt"))
        ink = self._ink_segments()
        lo = np.minimum(ink[:, :2], ink[:, 2:])
        hi = np.maximum(ink[:, :2], ink[:, 2:])

        def cost(i: int) -> tuple[int, int, int]:
            """Drawn segments through the label's box (and its margin), grid lines
            through its letters, and the place's rank."""
            y, anchor = places[i]
            y0 = y - height if anchor[1] == "b" else y
            box = np.array([r.right - width - pad, y0 - pad, r.right + pad, y0 + height + pad])
            struck = sum(y0 < g < y0 + height for g in self.grid_ys)
            # Only segments whose bounds meet the box are clipped (a frame's budget).
            near = (hi[:, 0] >= box[0]) & (lo[:, 0] <= box[2])
            near &= (hi[:, 1] >= box[1]) & (lo[:, 1] <= box[3])
            hits = int(clip_segments(ink[near], box)[1].sum()) if near.any() else 0
            return hits, struck, i

        best = (cost(0), 0)
        for i in range(1, len(places)):  # in order of preference: the first clear place
            if best[0][:2] == (0, 0):
                break
            best = min(best, (cost(i), i))
        y, anchor = places[best[1]]
        dl.text(label, r.right, y, size, theme.text_dim, anchor=anchor)

    def _ink_segments(self) -> np.ndarray:
        """The series drawn so far as pixel segments ``(N, 4)``: a line's between its
        points, a dot as a segment of no length."""
        parts = [np.hstack([pts[:-1], pts[1:]]) if line else np.hstack([pts, pts])
                 for pts, line in self.ink]  # fmt: skip
        return np.vstack(parts) if parts else np.zeros((0, 4))

    def polyline(
        self, dl: DrawList, x: np.ndarray, y: np.ndarray, width: float, color: Color, **dash: float
    ) -> None:
        """Draw the series as a connected line, clipped to the plot (dashes, when asked
        for, run on along the whole curve: see :func:`~nnviz.render.dashes.dash_pieces`)."""
        pts = self.points(x, y)
        self.ink.append((pts, True))
        if min(dash.get("dash", 0.0), dash.get("gap", 0.0)) > 0.0 and not dash.get("flow"):
            segs = np.hstack([pts[:-1], pts[1:]]) if len(pts) > 1 else np.zeros((0, 4))
            if not self.inside(pts).all():
                segs = self.clip_segments(segs)  # first: only what shows is measured
            pieces = dash_pieces(segs, dash["dash"], dash["gap"])
            if len(pieces):
                dl.lines(pieces, width, np.array([color]))
            return
        if self.inside(pts).all():
            dl.polyline(pts, width, color, **dash)
        elif len(pts) > 1:
            segs = self.clip_segments(np.hstack([pts[:-1], pts[1:]]))
            dl.lines(segs, width, np.array([color]), **dash)

    def dots(self, dl: DrawList, x: np.ndarray, y: np.ndarray, radius: float, color: Color) -> None:
        """Draw the series as discs."""
        pts = self.points(x, y)
        pts = pts[self.inside(pts)]
        self.ink.append((pts, False))
        if len(pts):
            dl.circles(pts, radius, np.array([color]))

    def series(self, dl: DrawList, x: np.ndarray, y: np.ndarray, width: float, radius: float,
               color: Color) -> None:  # fmt: skip
        """Draw the series as a line with a disc at every point."""
        self.polyline(dl, x, y, width, color)
        self.dots(dl, x, y, radius, color)


def draw_signal(dl: DrawList, theme: Theme, frame: PlotFrame, x: np.ndarray, inputs: np.ndarray,
                target: np.ndarray) -> None:  # fmt: skip
    """A sequence's input (faint) and truth (dashed), behind the prediction."""
    t = theme
    frame.polyline(dl, x, inputs, t.px(2), t.roles.input)
    frame.polyline(dl, x, target, t.px(2.5), t.roles.truth, dash=t.px(8), gap=t.px(6))


def draw_errors(dl: DrawList, theme: Theme, frame: PlotFrame, x: np.ndarray, target: np.ndarray,
                output: np.ndarray, grow: float = 1.0) -> None:  # fmt: skip
    """The errors as vertical lines from the truth towards the prediction, ``grow`` of the
    way (they grow in while the validation phase plays)."""
    px, py_out = frame.to_px(x, np.asarray(output, dtype=np.float64))
    _, py_true = frame.to_px(x, np.asarray(target, dtype=np.float64))
    segs = np.column_stack([px, py_true, px, py_true + (py_out - py_true) * grow])
    dl.lines(frame.clip_segments(segs), theme.px(2.5), np.array([theme.roles.error]))
