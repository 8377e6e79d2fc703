"""Widget base classes: rectangles, the per-frame UI context, smooth state, layout.

Widgets are plain Python objects that draw into a :class:`~nnviz.render.drawlist.DrawList`
and react to the app's own events (:mod:`nnviz.ui.events`). Nothing here imports
pygame or moderngl, so the whole UI is testable without a window or GL context.

The :class:`~nnviz.ui.manager.UIManager` owns the tree: it hit-tests, routes events,
captures pointers during drags, tracks hover and keyboard focus, and tells each
widget whether it is hovered / focused through the :class:`UIContext` it passes to
:meth:`Widget.draw`. Widgets only keep the state that is really theirs (value,
pressed, open) plus a few :class:`Smooth` values for visual transitions.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nnviz.render.color import Color, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.ui.events import Event
from nnviz.ui.theme import LIGHT, Theme

if TYPE_CHECKING:
    from nnviz.ui.manager import UIManager

HOVER_TAU = 0.06
"""Time constant (s) of hover and press fades: quick enough to feel immediate,
slow enough that the change is seen rather than flickering."""
SLIDE_TAU = 0.08
"""Time constant (s) of switch knobs and similar slides."""
SETTLE_EPS = 1e-3
"""A :class:`Smooth` this close to its target snaps to it, so animations end and an
idle app can stop redrawing."""


@dataclass(frozen=True)
class Rect:
    """Axis-aligned rectangle in pixels, y down."""

    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + 0.5 * self.w

    @property
    def cy(self) -> float:
        return self.y + 0.5 * self.h

    def contains(self, x: float, y: float) -> bool:
        """Half-open test (left/top edges in, right/bottom out) so adjacent rects never
        both claim a point."""
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        """Shrink by ``dx`` on the left/right and ``dy`` (default ``dx``) on top/bottom."""
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(0.0, self.w - 2 * dx), max(0.0, self.h - 2 * dy))

    def inside(self, bounds: Rect) -> bool:
        """Whether this rectangle lies entirely within ``bounds`` (edges included)."""
        eps = 1e-6
        return (
            self.x >= bounds.x - eps
            and self.y >= bounds.y - eps
            and self.right <= bounds.right + eps
            and self.bottom <= bounds.bottom + eps
        )


@dataclass
class UIContext:
    """What a widget needs to know to draw itself this frame.

    Built by the UI manager; widgets must not keep it between frames.
    """

    theme: Theme
    text: TextLayout
    width: float = 1280.0
    """Drawable size in pixels (popovers use it to stay inside the window)."""
    height: float = 720.0
    time: float = 0.0
    """Seconds of UI time (sum of the dt passed to ``update``), for pulsing carets etc."""
    focused: Widget | None = None
    focus_visible: bool = False
    """Draw the focus ring only after keyboard navigation: a ring after every mouse
    click or finger tap is noise on a kiosk, but keyboard users must always see it."""
    hovered: Widget | None = None
    tight: bool = False
    """Labels keep to one line (cut with "…") instead of wrapping onto two: the last
    resort before a panel that still does not fit shrinks its type below the floor."""

    @property
    def scale(self) -> float:
        return self.theme.scale

    @property
    def bounds(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)

    def shows_focus(self, widget: Widget) -> bool:
        """Whether ``widget`` should draw its focus ring now."""
        return self.focus_visible and self.focused is widget


class Smooth:
    """A value that approaches its target exponentially: ``v += (t - v)(1 - e^{-dt/τ})``.

    Frame-rate independent (driven by dt, never a per-frame constant) and
    interruptible: changing the target mid-way just bends the curve.
    """

    __slots__ = ("target", "tau", "value")

    def __init__(self, value: float = 0.0, tau: float = HOVER_TAU) -> None:
        self.value = float(value)
        self.target = float(value)
        self.tau = tau

    def set(self, target: float, *, instant: bool = False) -> None:
        """Aim at ``target``; ``instant`` jumps there (initial state, reduced motion)."""
        self.target = float(target)
        if instant:
            self.value = self.target

    def step(self, dt: float) -> None:
        if dt <= 0.0 or self.value == self.target:
            return
        k = 1.0 - math.exp(-dt / self.tau) if self.tau > 0 else 1.0
        self.value += (self.target - self.value) * k
        if abs(self.target - self.value) < SETTLE_EPS:
            self.value = self.target

    @property
    def settled(self) -> bool:
        return self.value == self.target


class Widget:
    """Base of every control: a rectangle that draws itself and may handle events.

    Subclasses override :meth:`preferred_size`, :meth:`handle` and :meth:`draw`.
    ``handle`` returns True when it *consumed* the event; the manager then stops
    routing it (first handler wins), and a consumed pointer-down captures that
    pointer for the widget until the matching pointer-up.
    """

    focusable: bool = False
    """Reachable with Tab. Class default; instances may override."""
    focus_on_click: bool = True
    """Whether a click also gives keyboard focus. Buttons say no: after clicking
    "Reset" with the mouse, Space must reach the scene (play/pause), not press
    "Reset" again. Sliders and choices say yes, so arrow keys adjust what was touched."""
    opaque: bool = True
    """Catches the pointer (hit testing stops here). Labels are see-through, so a
    click on a label inside a panel reaches the panel."""
    tooltip_above: bool = False
    """Show the tooltip above the widget (below when there is no room). For a button in
    a card's title row, whose tooltip would otherwise cover the card's first row."""

    def __init__(
        self,
        *,
        tooltip: str = "",
        enabled: bool = True,
        visible: bool = True,
        width: float | None = None,
        height: float | None = None,
        flex: float = 0.0,
        name: str = "",
    ) -> None:
        """``width``/``height`` fix the size in UI units (else the preferred size is
        used); ``flex`` > 0 lets the widget take a share of the spare width in a
        :class:`Row`. ``tooltip`` is shown after hovering with the mouse."""
        self.rect = Rect()
        self.tooltip = tooltip
        self.enabled = enabled
        self.visible = visible
        self.fixed_width = width
        self.fixed_height = height
        self.flex = flex
        self.name = name
        self.parent: Widget | None = None
        self.manager: UIManager | None = None
        self._hover = Smooth()
        self._press = Smooth()

    # -- tree ------------------------------------------------------------------------------
    def children(self) -> Sequence[Widget]:
        """Child widgets in draw order (containers override)."""
        return ()

    def walk(self) -> Iterator[Widget]:
        """This widget and all descendants, depth first, in draw order."""
        yield self
        for child in self.children():
            yield from child.walk()

    def _attach(self, manager: UIManager | None) -> None:
        """Called by the manager (and containers) so widgets can open overlays."""
        self.manager = manager
        for child in self.children():
            child.parent = self
            child._attach(manager)

    # -- geometry ---------------------------------------------------------------------------
    def contains(self, x: float, y: float) -> bool:
        """Hit test in pixels."""
        return self.visible and self.rect.contains(x, y)

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        """Natural size in pixels given ``avail_w`` pixels of width."""
        return (avail_w, ctx.theme.control_px)

    def measure(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        """:meth:`preferred_size` with the fixed ``width``/``height`` overrides applied."""
        if self.fixed_width is not None:
            avail_w = ctx.theme.px(self.fixed_width)
        w, h = self.preferred_size(ctx, avail_w)
        if self.fixed_width is not None:
            w = ctx.theme.px(self.fixed_width)
        if self.fixed_height is not None:
            h = ctx.theme.px(self.fixed_height)
        return (w, h)

    def min_width(self, ctx: UIContext) -> float:
        """The least width, in pixels, at which the widget still reads (a row narrower
        than its children's least widths wraps)."""
        return self.measure(ctx, 0.0)[0]

    def arrange(self, ctx: UIContext, rect: Rect) -> None:
        """Take ``rect`` (containers also place their children)."""
        self.rect = rect

    # -- behaviour --------------------------------------------------------------------------
    def handle(self, event: Event) -> bool:
        """React to ``event``; True means consumed. Default: nothing."""
        return False

    def on_hover(self, hovered: bool) -> None:
        """The mouse entered (True) or left (False) this widget."""
        self._hover.set(1.0 if hovered else 0.0)

    def on_focus(self, focused: bool) -> None:
        """Keyboard focus arrived (True) or left (False)."""

    def on_cancel(self) -> None:
        """The pointer capture was lost (widget hidden, disabled, tree rebuilt):
        drop any half-finished press or drag without firing."""
        self._press.set(0.0)

    def update(self, dt: float) -> None:
        """Advance visual transitions by ``dt`` seconds."""
        self._hover.step(dt)
        self._press.step(dt)

    def is_animating(self) -> bool:
        """Whether a transition is still running (the app must keep redrawing)."""
        return not (self._hover.settled and self._press.settled)

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        """Emit this widget's primitives (children are drawn by the manager afterwards)."""

    def color(self, theme: Theme, c: Color) -> Color:
        """``c`` faded when the widget is disabled: the disabled look, in one place."""
        return c if self.enabled else with_alpha(c, theme.disabled_alpha)

    def control_fill(self, theme: Theme) -> Color:
        """Resting → hover → pressed fill, blended by the smooth hover/press values."""
        c = mix(theme.control, theme.control_hover, self._hover.value)
        c = mix(c, theme.control_pressed, self._press.value)
        return self.color(theme, c)

    def draw_focus_ring(
        self, dl: DrawList, theme: Theme, ui: UIContext, rect: Rect | None = None
    ) -> None:
        """A thick ring *outside* the control, in a hue no state uses, so focus is
        visible from the back of a room and never mistaken for "selected"."""
        if not ui.shows_focus(self):
            return
        r = rect or self.rect
        gap = theme.focus_px
        dl.rect(
            r.x - gap,
            r.y - gap,
            r.right + gap,
            r.bottom + gap,
            (0.0, 0.0, 0.0, 0.0),
            stroke=theme.focus,
            stroke_width=theme.focus_px,
            radius=theme.radius_px + gap,
        )


class Container(Widget):
    """A widget with children. Transparent to the pointer unless a subclass says so."""

    opaque = False

    def __init__(self, *children: Widget, **kwargs) -> None:
        super().__init__(**kwargs)
        self._children: list[Widget] = []
        for c in children:
            self.add(c)

    def children(self) -> Sequence[Widget]:
        return self._children

    def add(self, child: Widget) -> Widget:
        """Append ``child`` (returned, so ``slider = panel.add(Slider(...))`` reads well).

        The caller re-runs the manager's ``layout`` to give it a rectangle."""
        child.parent = self
        self._children.append(child)
        child._attach(self.manager)
        return child

    def remove(self, child: Widget) -> None:
        self._children.remove(child)
        child.parent = None
        child._attach(None)

    def visible_children(self) -> list[Widget]:
        return [c for c in self._children if c.visible]


class Column(Container):
    """Stacks visible children top to bottom, each as wide as the column."""

    def __init__(
        self, *children: Widget, spacing: float | None = None, padding: float = 0.0, **kw
    ) -> None:
        """``spacing`` between children and ``padding`` around them, in UI units
        (``spacing`` defaults to the theme's)."""
        super().__init__(*children, **kw)
        self.spacing = spacing
        self.padding = padding

    def _spacing(self, theme: Theme) -> float:
        return theme.spacing_px if self.spacing is None else theme.px(self.spacing)

    def _padding(self, theme: Theme) -> float:
        return theme.px(self.padding)

    def _top(self, ctx: UIContext) -> float:
        """Extra space above the children (a panel's title)."""
        return 0.0

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        pad = self._padding(ctx.theme)
        inner = max(0.0, avail_w - 2 * pad)
        kids = self.visible_children()
        h = sum(c.measure(ctx, inner)[1] for c in kids)
        h += self._spacing(ctx.theme) * max(0, len(kids) - 1)
        return (avail_w, h + 2 * pad + self._top(ctx))

    def arrange(self, ctx: UIContext, rect: Rect) -> None:
        self.rect = rect
        pad = self._padding(ctx.theme)
        inner = max(0.0, rect.w - 2 * pad)
        y = rect.y + pad + self._top(ctx)
        for child in self.visible_children():
            w, h = child.measure(ctx, inner)
            w = inner if child.fixed_width is None else min(w, inner)
            child.arrange(ctx, Rect(rect.x + pad, y, w, h))
            y += h + self._spacing(ctx.theme)


class Row(Container):
    """Places visible children left to right, vertically centred (``align="top"``: at
    the top, for columns of controls side by side whose heights differ).

    Children keep their preferred width; those with ``flex`` > 0 share the
    width that is left, in proportion to their flex. A row made with ``wrap=True``
    whose children do not fit its width at their least widths (large type on a narrow
    column) goes onto more lines instead of running past its panel, and a child wider
    than the whole row is narrowed to it (a button then elides its label).
    """

    def __init__(
        self, *children: Widget, spacing: float | None = None, wrap: bool = False,
        align: str = "center", **kw,
    ) -> None:  # fmt: skip
        super().__init__(*children, **kw)
        if align not in ("center", "top"):
            raise ValueError(f"align must be 'center' or 'top', not {align!r}")
        self.spacing = spacing
        self.wrap = wrap
        self.align = align

    def _spacing(self, theme: Theme) -> float:
        return theme.spacing_px if self.spacing is None else theme.px(self.spacing)

    def _sizes(self, ctx: UIContext, avail_w: float) -> list[tuple[float, float]]:
        kids = self.visible_children()
        gap = self._spacing(ctx.theme)
        fixed = [c.measure(ctx, avail_w) if c.flex <= 0 else (0.0, 0.0) for c in kids]
        used = sum(w for w, _ in fixed) + gap * max(0, len(kids) - 1)
        spare = max(0.0, avail_w - used)
        total_flex = sum(c.flex for c in kids if c.flex > 0)
        sizes = []
        for c, (w, h) in zip(kids, fixed, strict=True):
            if c.flex > 0:
                fw = spare * c.flex / total_flex
                _, h = c.measure(ctx, fw)
                w = fw
            sizes.append((w, h))
        return sizes

    def _lines(self, ctx: UIContext, avail_w: float) -> list[list[tuple[Widget, float, float]]]:
        """The children as lines of ``(child, width, height)``: one line unless the row
        wraps and their least widths do not fit ``avail_w``; then as many lines as needed,
        each line's spare width shared by its flexible children."""
        kids = self.visible_children()
        gap = self._spacing(ctx.theme)
        natural = [min(c.min_width(ctx), avail_w) for c in kids] if self.wrap else []
        if not self.wrap or sum(natural) + gap * max(0, len(kids) - 1) <= avail_w + 0.5:
            sizes = self._sizes(ctx, avail_w)
            return [[(c, w, h) for c, (w, h) in zip(kids, sizes, strict=True)]]
        groups: list[list[tuple[Widget, float]]] = [[]]
        x = 0.0
        for c, w in zip(kids, natural, strict=True):
            if groups[-1] and x + gap + w > avail_w + 0.5:
                groups.append([])
                x = 0.0
            x += (gap if groups[-1] else 0.0) + w
            groups[-1].append((c, w))
        lines = []
        for group in groups:
            spare = avail_w - sum(w for _, w in group) - gap * (len(group) - 1)
            flex = sum(c.flex for c, _ in group if c.flex > 0)
            line = []
            for c, w in group:
                if flex > 0 and c.flex > 0:
                    w += max(0.0, spare) * c.flex / flex
                line.append((c, w, c.measure(ctx, w)[1]))
            lines.append(line)
        return lines

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        lines = self._lines(ctx, avail_w)
        gap = self._spacing(ctx.theme)
        has_flex = any(c.flex > 0 for c in self.visible_children())
        widths = [sum(w for _, w, _ in line) + gap * max(0, len(line) - 1) for line in lines]
        w = avail_w if has_flex else max(widths, default=0.0)
        heights = [max((h for _, _, h in line), default=0.0) for line in lines]
        return (w, sum(heights) + gap * max(0, len(heights) - 1))

    def arrange(self, ctx: UIContext, rect: Rect) -> None:
        self.rect = rect
        gap = self._spacing(ctx.theme)
        y = rect.y
        lines = self._lines(ctx, rect.w)
        if len(lines) == 1:  # one line: centred in the height it was given
            line_h = [rect.h]
        else:
            line_h = [max((h for _, _, h in line), default=0.0) for line in lines]
        for line, lh in zip(lines, line_h, strict=True):
            x = rect.x
            for child, w, h in line:
                dy = 0.0 if self.align == "top" else 0.5 * (lh - h)
                child.arrange(ctx, Rect(x, y + dy, w, h))
                x += w + gap
            y += lh + gap


class Panel(Column):
    """A rounded, bordered background with an optional title, laying out its
    children in a column. Opaque: clicks and wheel turns on the panel's empty
    space are consumed so they do not pan or zoom the scene underneath."""

    opaque = True

    def __init__(
        self,
        *children: Widget,
        title: str = "",
        spacing: float | None = None,
        padding: float | None = None,
        **kw,
    ) -> None:
        super().__init__(*children, spacing=spacing, padding=0.0, **kw)
        self.title = title
        self.panel_padding = padding

    def _padding(self, theme: Theme) -> float:
        return theme.padding_px if self.panel_padding is None else theme.px(self.panel_padding)

    def _top(self, ctx: UIContext) -> float:
        if not self.title:
            return 0.0
        m = ctx.text.metrics
        return m.line_height * ctx.theme.heading_px + ctx.theme.spacing_px

    def handle(self, event: Event) -> bool:
        from nnviz.ui.events import PointerDown, PointerUp, Wheel

        if isinstance(event, PointerDown | PointerUp | Wheel):
            return self.contains(event.x, event.y)
        return False

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        off = theme.px(3)
        dl.panel(
            r.x,
            r.y,
            r.right,
            r.bottom,
            theme.panel,
            stroke=theme.panel_border,
            stroke_width=theme.stroke_px,
            radius=theme.radius_px,
            shadow=theme.shadow,
            shadow_offset=(off * 0.5, off),
        )
        if self.title:
            pad = self._padding(theme)
            dl.text(self.title, r.x + pad, r.y + pad, theme.heading_px, theme.text, face="bold")


class Overlay(Widget):
    """Base for things drawn above all widgets (popovers, dropdown lists).

    Opened with :meth:`UIManager.open_overlay`; the manager routes events to open
    overlays before anything else and closes them on an outside press or Escape.
    """

    dismiss_on_outside: bool = True

    def __init__(self, owner: Widget | None = None) -> None:
        super().__init__()
        self.owner = owner

    def place(self, ctx: UIContext) -> None:
        """Compute :attr:`rect` for the current window size (called on open and resize)."""

    def on_closed(self) -> None:
        """Called by the manager after the overlay was removed."""

    def close(self) -> None:
        """Close this overlay (no-op if it is not open)."""
        if self.manager is not None:
            self.manager.close_overlay(self)


def clamp_rect(r: Rect, bounds: Rect, margin: float = 0.0) -> Rect:
    """Move ``r`` (without resizing, unless it is larger than the bounds) so that it
    lies inside ``bounds`` shrunk by ``margin``."""
    b = bounds.inset(margin)
    w, h = min(r.w, b.w), min(r.h, b.h)
    x = min(max(r.x, b.x), b.right - w)
    y = min(max(r.y, b.y), b.bottom - h)
    return Rect(x, y, w, h)


def default_context(text: TextLayout, theme: Theme = LIGHT) -> UIContext:
    """A context for drawing or measuring widgets outside a manager (tests, previews)."""
    return UIContext(theme=theme, text=text)
