"""The UI manager: owns the widget tree, routes events, lays out, draws.

Routing is *first handler consumes*, top-down in what the user sees:

1. an active pointer capture (a drag in progress keeps its widget, wherever the
   pointer goes, per pointer id, so a finger can drag one slider while the mouse
   does something else);
2. open overlays (popovers, dropdown lists), topmost first; a press outside all of
   them closes them and is consumed, so a tap meant to dismiss a popover never also
   presses the button underneath;
3. the widget tree in reverse draw order (what is drawn last is on top): the
   deepest opaque widget under the pointer gets the event first, then its parents.

:meth:`UIManager.handle` returns whether the event was consumed; the app passes it
to the scene only when it was not. Keyboard: overlays first, then Tab/Shift+Tab
focus cycling, then the focused widget; Escape closes overlays before anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from nnviz.render.drawlist import DrawList
from nnviz.render.text import TextLayout
from nnviz.ui.events import (
    Event,
    KeyDown,
    PointerDown,
    PointerMove,
    PointerUp,
    Resize,
    Wheel,
)
from nnviz.ui.theme import LIGHT, Theme, ui_scale
from nnviz.ui.widget import Overlay, Rect, Smooth, UIContext, Widget
from nnviz.ui.widgets import TOOLTIP_DELAY, Tooltip

ANCHORS = ("tl", "tr", "bl", "br", "t", "b", "l", "r", "c")
"""Where a root widget sits in the window: corners, edge middles or centre."""

_SWALLOW = Widget()
"""Capture target that eats the rest of a gesture (the press that closed a popover)."""

Placer = Callable[[float, float, UIContext], Rect]


PRESENTER_KEYS = ("pageup", "pagedown")
"""A presenter remote's "back" and "next". A control reached with Tab takes them; one
that only holds the focus left by a click does not, so after a click on a slider the
remote still steps the lesson or the training, never the slider."""

CLICK_FOCUS_PASSES = (*PRESENTER_KEYS, "home", "end")
"""Keys that a control holding only the focus left by a click passes on to the scene:
the remote's, and Home and End, which frame a view (Home on a slider dragged a moment
before set it to its minimum: the sheet's twelve time steps became one)."""


@dataclass
class _Root:
    widget: Widget
    anchor: str
    width: float | None
    margin: float | None
    place: Placer | None
    floating: bool = False
    """Drawn with the overlays, over every other root (see :meth:`UIManager.add`)."""


class UIManager:
    """Owns the root widgets and the overlays; the one object an app or scene talks to.

    Typical use::

        ui = UIManager(text_layout, theme=DARK)
        panel = ui.add(Panel(Slider("Learning rate", 1e-4, 1.0, 0.01, log=True), title="Training"),
                       anchor="tr", width=300)
        ui.layout(width, height)            # and on every Resize (handle() does it too)
        if not ui.handle(event): scene.handle(event)
        ui.update(dt); ui.draw(base_list, overlay_list)
    """

    def __init__(
        self, text: TextLayout, theme: Theme = LIGHT, *, width: float = 1280, height: float = 720
    ) -> None:
        self.text = text
        self._base_theme = theme
        self.theme = theme.scaled(ui_scale(height))
        self.width = float(width)
        self.height = float(height)
        self.roots: list[_Root] = []
        self.overlays: list[Overlay] = []
        self.focused: Widget | None = None
        self.density = 1.0
        """Extra factor on the UI scale: a dense scene lowers it when its panels would
        not fit the window (the projector theme on a small screen)."""
        self.tight = False
        """Labels on one line only (see :attr:`UIContext.tight`)."""
        self.focus_visible = False
        self.hovered: Widget | None = None
        self.captures: dict[int, Widget] = {}
        self.time = 0.0
        self._hover_time = 0.0
        self._tooltip: Tooltip | None = None
        self._tooltip_alpha = Smooth(0.0, tau=0.08)

    # -- tree -------------------------------------------------------------------------------
    def add(
        self,
        widget: Widget,
        *,
        anchor: str = "tl",
        width: float | None = None,
        margin: float | None = None,
        place: Placer | None = None,
        floating: bool = False,
    ) -> Widget:
        """Add a root widget (usually a :class:`Panel`) and return it.

        ``anchor`` places it in the window (see :data:`ANCHORS`), ``width`` (UI units)
        fixes its width, otherwise it takes its preferred width; ``margin`` (UI units,
        default the theme spacing ×2) keeps it off the window edge. ``place`` replaces
        all that with a function ``(width, height, ctx) -> Rect`` in pixels. A
        ``floating`` root may lie over other roots (a card that grows past its slot): it
        is drawn into the overlay list, since one draw list draws all its text after all
        its panels, and the text of a root underneath would show through.
        """
        if anchor not in ANCHORS:
            raise ValueError(f"anchor must be one of {ANCHORS}")
        self.roots.append(_Root(widget, anchor, width, margin, place, floating))
        widget.parent = None
        widget._attach(self)
        self.layout(self.width, self.height)
        return widget

    def remove(self, widget: Widget) -> None:
        """Remove a root widget (and forget focus/hover/captures inside it)."""
        self.roots = [r for r in self.roots if r.widget is not widget]
        gone = set(map(id, widget.walk()))
        if self.focused is not None and id(self.focused) in gone:
            self.focused = None
        if self.hovered is not None and id(self.hovered) in gone:
            self.hovered = None
        for pointer, w in list(self.captures.items()):
            if id(w) in gone:
                del self.captures[pointer]
        for ov in list(self.overlays):
            if ov.owner is not None and id(ov.owner) in gone:
                self.close_overlay(ov)
        widget._attach(None)

    def widgets(self) -> Iterator[Widget]:
        """Every widget in the tree, in draw order."""
        for root in self.roots:
            yield from root.widget.walk()

    def set_theme(self, theme: Theme) -> None:
        """Switch theme (light/dark/projector) and re-layout: sizes change with it."""
        self._base_theme = theme
        self.layout(self.width, self.height)

    # -- layout -----------------------------------------------------------------------------
    def context(self) -> UIContext:
        """The context handed to widgets for measuring and drawing."""
        return UIContext(
            theme=self.theme,
            text=self.text,
            width=self.width,
            height=self.height,
            time=self.time,
            focused=self.focused,
            focus_visible=self.focus_visible,
            hovered=self.hovered,
            tight=self.tight,
        )

    def layout(self, width: float, height: float) -> None:
        """Re-scale the theme for this drawable size and place every root and overlay."""
        self.width, self.height = float(width), float(height)
        self.theme = self._base_theme.scaled(ui_scale(height) * self.density)
        ctx = self.context()
        th = self.theme
        for root in self.roots:
            w = root.widget
            if root.place is not None:
                w.arrange(ctx, root.place(self.width, self.height, ctx))
                continue
            margin = th.spacing_px * 2 if root.margin is None else th.px(root.margin)
            avail = self.width - 2 * margin
            if root.width is not None:
                avail = min(avail, th.px(root.width))
            pw, ph = w.measure(ctx, avail)
            pw = min(pw, avail)
            a = root.anchor
            if "l" in a:
                x = margin
            elif "r" in a:
                x = self.width - margin - pw
            else:
                x = (self.width - pw) / 2
            if "t" in a:
                y = margin
            elif "b" in a:
                y = self.height - margin - ph
            else:
                y = (self.height - ph) / 2
            w.arrange(ctx, Rect(x, y, pw, ph))
        for ov in self.overlays:
            ov.place(ctx)
        if self._tooltip is not None and self.hovered is not None:
            self._tooltip.place(ctx, self.hovered.rect)

    # -- overlays ---------------------------------------------------------------------------
    def open_overlay(self, overlay: Overlay) -> Overlay:
        """Show ``overlay`` above everything (widgets call this: dropdowns, ⓘ buttons)."""
        overlay._attach(self)
        self.overlays.append(overlay)
        overlay.place(self.context())
        self._hide_tooltip()
        return overlay

    def close_overlay(self, overlay: Overlay) -> None:
        if overlay not in self.overlays:
            return
        self.overlays.remove(overlay)
        for pointer, w in list(self.captures.items()):
            if w is overlay:
                del self.captures[pointer]
        overlay.on_closed()

    def close_overlays(self) -> bool:
        """Close every overlay; True if any was open."""
        had = bool(self.overlays)
        for ov in list(reversed(self.overlays)):
            self.close_overlay(ov)
        return had

    # -- hit testing ------------------------------------------------------------------------
    def _usable(self, w: Widget) -> bool:
        return w.visible and w is not _SWALLOW

    def hit_path(self, x: float, y: float) -> list[Widget]:
        """Widgets under (x, y) from the root down to the deepest opaque one, taking the
        topmost (last drawn) root and child at each level. Empty when over nothing."""
        for root in reversed(self.roots):
            path = self._path(root.widget, x, y)
            if path:
                return path
        return []

    def _path(self, w: Widget, x: float, y: float) -> list[Widget]:
        if not w.visible:
            return []
        for child in reversed(w.children()):
            sub = self._path(child, x, y)
            if sub:
                return [w, *sub]
        if w.opaque and w.contains(x, y):
            return [w]
        return []

    def widget_at(self, x: float, y: float) -> Widget | None:
        """The topmost thing under (x, y) that takes the pointer: an overlay or a widget."""
        for ov in reversed(self.overlays):
            if ov.rect.contains(x, y):
                return ov
        path = self.hit_path(x, y)
        return path[-1] if path else None

    # -- focus ------------------------------------------------------------------------------
    def focusables(self) -> list[Widget]:
        """Tab order: focusable, enabled, visible widgets in tree (reading) order."""
        out = []
        for root in self.roots:
            out.extend(self._focusables(root.widget))
        return out

    def _focusables(self, w: Widget) -> list[Widget]:
        if not w.visible:
            return []
        out = [w] if (w.focusable and w.enabled) else []
        for child in w.children():
            out.extend(self._focusables(child))
        return out

    def focus(self, widget: Widget | None, *, visible: bool = False) -> None:
        """Give keyboard focus to ``widget`` (None clears it). ``visible`` shows the ring."""
        if widget is not self.focused:
            if self.focused is not None:
                self.focused.on_focus(False)
            self.focused = widget
            if widget is not None:
                widget.on_focus(True)
        self.focus_visible = visible and widget is not None

    def focus_next(self, reverse: bool = False) -> bool:
        """Move focus to the next (previous) focusable widget, wrapping around."""
        order = self.focusables()
        if not order:
            return False
        if self.focused in order:
            i = order.index(self.focused) + (-1 if reverse else 1)
        else:
            i = -1 if reverse else 0
        self.focus(order[i % len(order)], visible=True)
        return True

    # -- events -----------------------------------------------------------------------------
    def handle(self, event: Event) -> bool:
        """Route ``event``; True when the UI consumed it (the scene must then ignore it)."""
        if isinstance(event, Resize):
            self.layout(event.width, event.height)
            return False
        if isinstance(event, PointerDown):
            return self._pointer_down(event)
        if isinstance(event, PointerMove):
            return self._pointer_move(event)
        if isinstance(event, PointerUp):
            return self._pointer_up(event)
        if isinstance(event, Wheel):
            return self._wheel(event)
        if isinstance(event, KeyDown):
            return self._key_down(event)
        return False

    def _pointer_down(self, ev: PointerDown) -> bool:
        self._hide_tooltip()
        if ev.pointer in self.captures:
            # A second press from the same pointer while captured: keep it there.
            return self._deliver(self.captures[ev.pointer], ev)
        if self.overlays:
            for ov in reversed(self.overlays):
                if ov.rect.contains(ev.x, ev.y):
                    if ov.handle(ev):
                        self.captures[ev.pointer] = ov
                    return True
            dismissable = [ov for ov in self.overlays if ov.dismiss_on_outside]
            if dismissable:
                for ov in reversed(dismissable):
                    self.close_overlay(ov)
                self.captures[ev.pointer] = _SWALLOW
                return True
        path = self.hit_path(ev.x, ev.y)
        if not path:
            self.focus(None)
            return False
        target = None
        for w in reversed(path):
            if not w.enabled:
                target = _SWALLOW  # a disabled control eats the press, does nothing
                break
            if w.handle(ev):
                target = w
                break
        if target is None:
            target = _SWALLOW  # over the UI but nobody wanted it: still not the scene's
        self.captures[ev.pointer] = target
        if target is not _SWALLOW and target.focusable and target.focus_on_click:
            self.focus(target, visible=False)
        else:
            self.focus(None)
        return True

    def _deliver(self, w: Widget, ev: Event) -> bool:
        if w is not _SWALLOW and (w.enabled or isinstance(w, Overlay)):
            w.handle(ev)
        return True

    def _pointer_move(self, ev: PointerMove) -> bool:
        captured = self.captures.get(ev.pointer)
        if captured is not None:
            if captured is not _SWALLOW and not (captured.visible and captured.enabled):
                captured.on_cancel()
                self.captures[ev.pointer] = _SWALLOW
                return True
            return self._deliver(captured, ev)
        target = self.widget_at(ev.x, ev.y)
        if not ev.touch:
            self._set_hovered(target)
        if target is not None and target.enabled:
            target.handle(ev)
        return target is not None

    def _pointer_up(self, ev: PointerUp) -> bool:
        captured = self.captures.pop(ev.pointer, None)
        if captured is not None:
            return self._deliver(captured, ev)
        return self.widget_at(ev.x, ev.y) is not None

    def _wheel(self, ev: Wheel) -> bool:
        for ov in reversed(self.overlays):
            if ov.rect.contains(ev.x, ev.y):
                ov.handle(ev)
                return True
        path = self.hit_path(ev.x, ev.y)
        for w in reversed(path):
            if w.enabled and w.handle(ev):
                return True
        return bool(path)

    def _key_down(self, ev: KeyDown) -> bool:
        if self.overlays:
            top = self.overlays[-1]
            if top.handle(ev):
                return True
            if ev.key == "escape":
                self.close_overlay(top)
                return True
        if ev.key == "tab" and not (ev.ctrl or ev.alt):
            return self.focus_next(reverse=ev.shift)
        f = self.focused
        if f is not None and f.visible and f.enabled:
            if ev.key in CLICK_FOCUS_PASSES and not self.focus_visible:
                return False  # a focus left by a click: the remote steps the lesson
            if f.handle(ev):
                self.focus_visible = True  # keyboard use: show where the keys go
                return True
            if ev.key == "escape":
                # Escape first hides a visible focus ring; an invisible focus (left by a
                # click) is dropped silently so the app still gets its Escape.
                shown = self.focus_visible
                self.focus(None)
                return shown
        return False

    # -- hover and tooltips -----------------------------------------------------------------
    def pointer_left(self) -> None:
        """The pointer's events go elsewhere now (another level of a scene took them): no
        widget is hovered and no tooltip waits. Left hovered, a button's tooltip came
        back over the picture when this level did, wherever the pointer was by then."""
        self._set_hovered(None)

    def _set_hovered(self, w: Widget | None) -> None:
        if w is self.hovered:
            return
        if self.hovered is not None:
            self.hovered.on_hover(False)
        self.hovered = w
        if w is not None and w.enabled:
            w.on_hover(True)
        self._hide_tooltip()

    def _hide_tooltip(self) -> None:
        self._hover_time = 0.0
        self._tooltip = None
        self._tooltip_alpha.set(0.0, instant=True)

    def _tooltip_pending(self) -> bool:
        w = self.hovered
        return (
            w is not None
            and bool(w.tooltip)
            and self._tooltip is None
            and not self.captures
            and not isinstance(w, Overlay)
            and not self.overlays  # an open popover or list is never covered by a tooltip
        )

    @property
    def tooltip(self) -> Tooltip | None:
        """The tooltip shown now, if any."""
        return self._tooltip

    # -- time -------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Advance every widget's transitions and the tooltip timer by ``dt`` seconds."""
        self.time += dt
        for w in self.widgets():
            w.update(dt)
        for ov in self.overlays:
            ov.update(dt)
        if self._tooltip_pending():
            self._hover_time += dt
            if self._hover_time >= TOOLTIP_DELAY and self.hovered is not None:
                self._tooltip = Tooltip(self.hovered.tooltip)
                self._tooltip.place(
                    self.context(), self.hovered.rect, above=self.hovered.tooltip_above
                )
                self._tooltip_alpha.set(1.0)
        self._tooltip_alpha.step(dt)

    def is_animating(self) -> bool:
        """Whether the UI needs more frames: a transition is running or a tooltip is
        about to appear. When False (and the scene is idle) the app may stop redrawing."""
        if self._tooltip_pending() or not self._tooltip_alpha.settled:
            return True
        if any(ov.is_animating() for ov in self.overlays):
            return True
        return any(w.is_animating() for w in self.widgets())

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, base: DrawList, overlay: DrawList) -> None:
        """Widgets into ``base``; popovers, dropdown lists and the tooltip into
        ``overlay``, which the renderer draws after ``base`` so they are on top of
        everything (text included, which a single list always draws last)."""
        ctx = self.context()
        for root in self.roots:
            self._draw(root.widget, overlay if root.floating else base, ctx)
        for ov in self.overlays:
            ov.draw(overlay, self.theme, ctx)
        if self._tooltip is not None:
            self._tooltip.draw(overlay, self.theme, ctx, self._tooltip_alpha.value)

    def _draw(self, w: Widget, dl: DrawList, ctx: UIContext) -> None:
        if not w.visible:
            return
        first = len(dl.runs)
        w.draw(dl, self.theme, ctx)
        if not w.enabled:
            dl.mark_inactive(first)
        if w.focusable and w.enabled:
            dl.target(w.rect.x, w.rect.y, w.rect.right, w.rect.bottom)
        for child in w.children():
            self._draw(child, dl, ctx)
