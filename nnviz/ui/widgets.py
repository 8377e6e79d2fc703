"""The controls: labels, buttons, icon buttons, toggles, sliders, segmented choices,
dropdowns, info buttons with popovers, and tooltips.

Every control is at least one control height (44 UI units) tall, so it is a
comfortable finger target on a kiosk, and reacts to pointer *release* (a press that
slides off a button does not fire, which is how people cancel on touch screens).
State is never shown by colour alone: selected segments are also bold, switches
also move their knob, disabled controls are faded.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from nnviz.render.color import Color, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.render.mathtext import MathBox, MathSyntaxError, draw_math, layout_math
from nnviz.render.text import TextLayout
from nnviz.ui.audit import GRAPHIC_CONTRAST, TARGET_FLOOR
from nnviz.ui.events import Event, KeyDown, PointerDown, PointerMove, PointerUp
from nnviz.ui.icons import ICONS, draw_icon
from nnviz.ui.theme import Theme, legible
from nnviz.ui.widget import SLIDE_TAU, Overlay, Rect, Smooth, UIContext, Widget, clamp_rect

ACTIVATE_KEYS = ("space", "return")
"""Keys that press the focused button, toggle or segmented choice."""


def _primary(event: PointerDown) -> bool:
    """Left mouse button or any finger."""
    return event.touch or event.button == 1


def two_lines(text: TextLayout, label: str, size: float, room: float) -> list[str]:
    """``label`` on one line when it fits ``room``, else wrapped onto two (the second cut
    with "…" only when even two cannot hold it): large type in a narrow column keeps a
    control's words instead of cutting them to "Lockstep wit…"."""
    if text.width(label, size) <= room + 0.01:
        return [label]
    lines = text.wrap(label, size, room)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [text.elide(line, size, room) for line in lines]


def default_format(value: float) -> str:
    """Three significant digits; scientific notation for very small or large values
    (learning rates read as ``1e-03`` rather than ``0.001``)."""
    if value != 0 and (abs(value) < 1e-2 or abs(value) >= 1e5):
        return f"{value:.0e}" if float(f"{value:.0e}") == value else f"{value:.2e}"
    return f"{value:.3g}"


# -- text ---------------------------------------------------------------------------------
class Label(Widget):
    """Text, word-wrapped to the width it is given. See-through to the pointer."""

    opaque = False

    def __init__(
        self,
        text: str,
        *,
        role: str = "body",
        dim: bool = False,
        wrap: bool = True,
        face: str = "regular",
        color: Color | None = None,
        **kw,
    ) -> None:
        """``role`` picks the theme font size (body/label/heading/title); ``dim`` uses
        the secondary text colour; ``color`` overrides both (e.g. a series colour)."""
        super().__init__(**kw)
        self.text = text
        self.role = role
        self.dim = dim
        self.wrap = wrap
        self.face = face
        self.text_color = color
        self.opaque = bool(kw.get("tooltip"))

    def _size(self, theme: Theme) -> float:
        return theme.font_px(self.role)

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        size = self._size(ctx.theme)
        step = ctx.text.metrics.line_height * size
        if self.wrap:
            n = len(ctx.text.wrap(self.text, size, avail_w, self.face))
            return (avail_w, n * step)
        return (ctx.text.width(self.text, size, self.face), step)

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        size = self._size(theme)
        c = self.text_color or (theme.text_dim if self.dim else theme.text)
        c = self.color(theme, c)
        if self.wrap:
            dl.paragraph(self.text, self.rect.x, self.rect.y, size, c, self.rect.w, face=self.face)
        else:  # one line never runs past its box (a heading beside its ⓘ): it loses its end
            text = ui.text.elide(self.text, size, self.rect.w + 0.5, self.face)
            dl.text(text, self.rect.x, self.rect.y, size, c, face=self.face)


class Heading(Label):
    """A bold section heading."""

    def __init__(self, text: str, *, role: str = "heading", **kw) -> None:
        kw.setdefault("face", "bold")
        super().__init__(text, role=role, **kw)


# -- buttons ------------------------------------------------------------------------------
class Pressable(Widget):
    """Press-and-release behaviour shared by buttons, toggles and icon buttons.

    Fires :meth:`activate` when the pointer that pressed is released *inside*;
    sliding off cancels (the pressed look follows the pointer in and out). Space
    or Enter activate it when it has keyboard focus.
    """

    focusable = True
    focus_on_click = False

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.pressed = False
        self._pointer: int | None = None

    def activate(self) -> None:
        """The action (click, flip)."""

    def handle(self, event: Event) -> bool:
        if isinstance(event, PointerDown):
            if not (_primary(event) and self.contains(event.x, event.y)):
                return False
            self._pointer = event.pointer
            self.pressed = True
            self._press.set(1.0)
            return True
        if isinstance(event, PointerMove) and event.pointer == self._pointer:
            self.pressed = self.contains(event.x, event.y)
            self._press.set(1.0 if self.pressed else 0.0)
            return True
        if isinstance(event, PointerUp) and event.pointer == self._pointer:
            inside = self.contains(event.x, event.y)
            self._reset_press()
            if inside:
                self.activate()
            return True
        if isinstance(event, KeyDown) and event.key in ACTIVATE_KEYS and not event.repeat:
            # Flash the pressed look: it fades through update(dt), so it is visible
            # at any frame rate.
            self._press.set(1.0, instant=True)
            self._press.set(0.0)
            self.activate()
            return True
        return False

    def _reset_press(self) -> None:
        self.pressed = False
        self._pointer = None
        self._press.set(0.0)

    def on_cancel(self) -> None:
        self._reset_press()


class Button(Pressable):
    """A text button. ``kind`` is ``"normal"``, ``"primary"`` (accent fill, for the one
    main action of a panel) or ``"danger"`` (vermillion outline, e.g. "Reset model")."""

    def __init__(
        self,
        label: str,
        on_click: Callable[[], None] | None = None,
        *,
        kind: str = "normal",
        **kw,
    ) -> None:
        super().__init__(**kw)
        self.label = label
        self.on_click = on_click
        self.kind = kind

    def activate(self) -> None:
        if self.on_click is not None:
            self.on_click()

    def font_px(self, theme: Theme) -> float:
        """The label's type size (body text; a compact button may use the label floor)."""
        return theme.body_px

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        th = ctx.theme
        pad = th.px(th.control_height * 0.4)
        w = ctx.text.width(self.label, self.font_px(th), "bold") + 2 * pad
        return (max(w, th.control_px), th.control_px)

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        border = theme.panel_border
        text = theme.text
        if self.kind == "primary":
            fill = mix(theme.accent, theme.text, 0.15 * self._hover.value)
            fill = mix(fill, theme.text, 0.3 * self._press.value)
            text = theme.accent_text
            border = fill
        else:
            fill = self.control_fill(theme)
            if self.kind == "danger":
                border = theme.danger
        # Pressed controls also get a thicker border: a cue that is not only colour.
        sw = theme.stroke_px * (1.0 + self._press.value)
        dl.rect(
            r.x,
            r.y,
            r.right,
            r.bottom,
            self.color(theme, fill),
            stroke=self.color(theme, border),
            stroke_width=sw,
            radius=theme.radius_px,
        )
        face = "bold"
        # Narrowed by its row (large type, a narrow column): the label is cut with "…"
        # rather than running past the button; the tooltip and the ⓘ still name it.
        size = self.font_px(theme)
        label = ui.text.elide(self.label, size, r.w - 2 * theme.stroke_px, face)
        dl.text(label, r.cx, r.cy, size, self.color(theme, text), anchor="cm", face=face)
        self.draw_focus_ring(dl, theme, ui)


class IconButton(Button):
    """A square button showing an icon drawn with shapes (see :mod:`nnviz.ui.icons`).

    ``label`` is not drawn; it names the button for the tooltip and for tests."""

    def __init__(
        self,
        icon: str,
        on_click: Callable[[], None] | None = None,
        *,
        label: str = "",
        **kw,
    ) -> None:
        if icon not in ICONS:
            raise ValueError(f"unknown icon {icon!r}; known: {', '.join(ICONS)}")
        kw.setdefault("tooltip", label)
        super().__init__(label or icon, on_click, **kw)
        self.icon = icon

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        return (ctx.theme.control_px, ctx.theme.control_px)

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        if self.kind == "primary":
            fill = mix(theme.accent, theme.text, 0.15 * self._hover.value + 0.3 * self._press.value)
            fg, border = theme.accent_text, fill
        else:
            fill, fg = self.control_fill(theme), theme.text
            border = theme.danger if self.kind == "danger" else theme.panel_border
        fill = self.color(theme, fill)
        sw = theme.stroke_px * (1.0 + self._press.value)
        dl.rect(
            r.x,
            r.y,
            r.right,
            r.bottom,
            fill,
            stroke=self.color(theme, border),
            stroke_width=sw,
            radius=theme.radius_px,
        )
        size = 0.5 * min(r.w, r.h)
        draw_icon(
            dl,
            self.icon,
            r.cx,
            r.cy,
            size,
            self.color(theme, fg),
            stroke=theme.icon_stroke_px,
            background=fill,
        )
        self.draw_focus_ring(dl, theme, ui)


class Toggle(Pressable):
    """An on/off switch with a label on its left. The whole row is the touch target.

    ``short`` lists shorter forms of the label, used in order when the label does not
    read whole on two lines beside the switch (large type in a narrow row); the label
    stays the toggle's name (tests, lessons, the audit)."""

    def __init__(
        self,
        label: str,
        value: bool = False,
        on_change: Callable[[bool], None] | None = None,
        *,
        short: tuple[str, ...] = (),
        **kw,
    ) -> None:
        super().__init__(**kw)
        self.label = label
        self.short = short
        self.value = value
        self.on_change = on_change
        self._knob = Smooth(1.0 if value else 0.0, tau=SLIDE_TAU)

    def set_value(self, value: bool, *, notify: bool = True) -> None:
        """Set the state (the knob slides there); ``on_change`` fires only on a change."""
        if value == self.value:
            return
        self.value = value
        self._knob.set(1.0 if value else 0.0)
        if notify and self.on_change is not None:
            self.on_change(value)

    def activate(self) -> None:
        self.set_value(not self.value)

    def update(self, dt: float) -> None:
        super().update(dt)
        self._knob.step(dt)

    def is_animating(self) -> bool:
        return super().is_animating() or not self._knob.settled

    def _switch_rect(self, theme: Theme) -> Rect:
        h = 0.6 * theme.control_px
        w = 1.8 * h
        r = self.rect
        return Rect(r.right - w, r.cy - h / 2, w, h)

    def _label_room(self, theme: Theme, width: float) -> float:
        """Width left of the switch for the label."""
        return width - theme.spacing_px - 1.08 * theme.control_px - theme.px(4)

    def _shown_label(self, text: TextLayout, size: float, room: float) -> str:
        """The label, or the first shorter form that reads whole on two lines in ``room``
        (the shortest when none does)."""
        for form in (self.label, *self.short):
            lines = text.wrap(form, size, room)
            if len(lines) <= 2 and all(text.width(x, size) <= room + 0.01 for x in lines):
                return form
        return self.short[-1] if self.short else self.label

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        th = ctx.theme
        room = self._label_room(th, avail_w)
        label = self._shown_label(ctx.text, th.body_px, room)
        w = ctx.text.width(label, th.body_px) + th.spacing_px + 1.08 * th.control_px
        lines = ctx.text.wrap(label, th.body_px, room)
        wraps = len(lines) == 2 and all(ctx.text.width(x, th.body_px) <= room for x in lines)
        if w + th.px(4) <= avail_w or ctx.tight or not wraps:
            return (max(w + th.px(4), avail_w), th.control_px)
        # Narrower than the label, which reads whole on two lines: the row grows to them.
        tall = 2 * ctx.text.metrics.line_height * th.body_px + th.px(8)
        return (avail_w, max(th.control_px, tall))

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        if self._hover.value > 0 or self._press.value > 0:
            wash = with_alpha(
                theme.control_hover, 0.6 * self._hover.value + 0.4 * self._press.value
            )
            dl.rect(r.x, r.y, r.right, r.bottom, self.color(theme, wash), radius=theme.radius_px)
        s = self._switch_rect(theme)
        room = self._label_room(theme, r.w)  # never under the switch
        step = ui.text.metrics.line_height * theme.body_px
        label = self._shown_label(ui.text, theme.body_px, room)
        lines = two_lines(ui.text, label, theme.body_px, room)
        if len(lines) * step + theme.px(8) > r.h + 0.5:  # laid out tight: one line, cut
            lines = [ui.text.elide(label, theme.body_px, room)]
        for i, line in enumerate(lines):
            y = r.cy + (i - (len(lines) - 1) / 2) * step
            dl.text(line, r.x + theme.px(4), y, theme.body_px, self.color(theme, theme.text),
                    anchor="lm")  # fmt: skip
        t = self._knob.value
        track = mix(theme.track, theme.accent, t)
        dl.rect(s.x, s.y, s.right, s.bottom, self.color(theme, track), radius=s.h / 2)
        kr = s.h / 2 - theme.px(3)
        kx = s.x + s.h / 2 + t * (s.w - s.h)
        dl.circle(
            kx,
            s.cy,
            kr,
            self.color(theme, theme.knob),
            stroke=self.color(theme, theme.knob_border),
            stroke_width=theme.stroke_px,
        )
        self.draw_focus_ring(dl, theme, ui, s)


# -- slider -------------------------------------------------------------------------------
KNOB_RADIUS = 0.3
"""A slider's knob radius, in control heights (its centre stops this far inside the ends)."""
MIN_TRACK_SHARE = 0.5
"""A slider's value moves beside its track only while the track keeps this share of its
full length (a short track cannot be scrubbed: judged against the slider's width, which
the knob's room at both ends takes from, it left 47 px); else it goes on a line of its
own."""


class Slider(Widget):
    """A labelled value slider, linear or logarithmic.

    The label and the formatted value sit on a line above the track; the track
    zone below is a full control height tall so a finger can grab it. Pressing
    anywhere on the slider jumps the knob there (grabbing the knob itself keeps
    the offset, so it does not jump by a few pixels); the drag keeps working
    when the pointer leaves the slider (the manager captures the pointer).

    ``short`` lists shorter forms of the label (*Noise* for *Label noise*), used in order
    where the label and the value do not share the line (a narrow settings column): a
    shorter name beats a value moved beside a stub of a track or onto a line of its own.

    With ``log=True`` the position is proportional to ``log(value)`` (learning
    rates, regularisation) and ``step`` is in decades: ``step=0.5`` gives
    1e-3, 3.16e-3, 1e-2, … For a linear slider ``step`` is in value units.
    Keys when focused: arrows ±1 step, PageUp/PageDown ±10, Home/End the ends.
    """

    focusable = True

    def __init__(
        self,
        label: str,
        minimum: float,
        maximum: float,
        value: float | None = None,
        *,
        step: float | None = None,
        log: bool = False,
        formatter: Callable[[float], str] | None = None,
        on_change: Callable[[float], None] | None = None,
        short: tuple[str, ...] = (),
        **kw,
    ) -> None:
        super().__init__(**kw)
        if not maximum > minimum:
            raise ValueError("slider maximum must be greater than minimum")
        self.short = short
        if log and minimum <= 0:
            raise ValueError("a logarithmic slider needs minimum > 0")
        if step is not None and step <= 0:
            raise ValueError("step must be positive")
        self.label = label
        self.minimum = float(minimum)
        self.maximum = float(maximum)
        self.step = step
        self.log = log
        self.formatter = formatter or default_format
        self.on_change = on_change
        self.value = self.snap(self.minimum if value is None else float(value))
        self.dragging = False
        self._pointer: int | None = None
        self._grab = 0.0
        self._knob_grow = Smooth(0.0)
        self._value_room = 0.0
        """Width the value takes at the track's right end (a narrow slider, see draw)."""

    # -- value ↔ position ------------------------------------------------------------------
    def value_to_pos(self, value: float) -> float:
        """Value → position along the track in [0, 1] (clamped)."""
        if self.log:
            value = max(value, self.minimum)
            t = math.log(value / self.minimum) / math.log(self.maximum / self.minimum)
        else:
            t = (value - self.minimum) / (self.maximum - self.minimum)
        return min(1.0, max(0.0, t))

    def pos_to_value(self, t: float) -> float:
        """Position in [0, 1] (clamped) → value, not snapped."""
        t = min(1.0, max(0.0, t))
        if self.log:
            return self.minimum * (self.maximum / self.minimum) ** t
        return self.minimum + t * (self.maximum - self.minimum)

    def snap(self, value: float) -> float:
        """Clamp to [minimum, maximum] and round to the nearest step."""
        value = min(self.maximum, max(self.minimum, value))
        if self.step is None:
            return value
        if self.log:
            lo = math.log10(self.minimum)
            k = round((math.log10(value) - lo) / self.step)
            value = 10.0 ** (lo + k * self.step)
        else:
            k = round((value - self.minimum) / self.step)
            value = round(self.minimum + k * self.step, 12)
        return min(self.maximum, max(self.minimum, value))

    def set_value(self, value: float, *, notify: bool = True) -> None:
        """Snap and set; ``on_change`` fires only when the value really changed."""
        value = self.snap(value)
        if value == self.value:
            return
        self.value = value
        if notify and self.on_change is not None:
            self.on_change(value)

    def _pos_step(self) -> float:
        """One keyboard step, as a fraction of the track."""
        if self.step is None:
            return 0.01
        if self.log:
            return self.step / math.log10(self.maximum / self.minimum)
        return self.step / (self.maximum - self.minimum)

    # -- geometry ---------------------------------------------------------------------------
    def _text_h(self, theme: Theme, ctx_line_height: float) -> float:
        return ctx_line_height * theme.label_px

    def _track(self, theme: Theme) -> tuple[float, float, float, float]:
        """(x0, x1, y, knob radius) of the track in pixels."""
        kr = KNOB_RADIUS * theme.control_px
        r = self.rect
        y = r.bottom - theme.control_px / 2
        return (r.x + kr, r.right - kr - self._value_room, y, kr)

    def x_to_value(self, x: float, theme: Theme | None = None) -> float:
        """Pointer x (pixels) → snapped value."""
        th = theme or self._theme()
        x0, x1, _, _ = self._track(th)
        t = 0.0 if x1 <= x0 else (x - x0) / (x1 - x0)
        return self.snap(self.pos_to_value(t))

    def value_to_x(self, value: float, theme: Theme | None = None) -> float:
        """Value → knob centre x in pixels."""
        x0, x1, _, _ = self._track(theme or self._theme())
        return x0 + self.value_to_pos(value) * (x1 - x0)

    def _theme(self) -> Theme:
        if self.manager is not None:
            return self.manager.theme
        from nnviz.ui.theme import LIGHT

        return LIGHT

    def _arrangement(self, text: TextLayout, theme: Theme, width: float, tight: bool) -> str:
        """How label and value share ``width``: ``"line"`` side by side above the track;
        in a narrow column ``"beside"`` (the value at the end of a shortened track, while
        the track keeps :data:`MIN_TRACK_SHARE`), else ``"stacked"`` (the value on a line
        of its own under the label: one line taller), or ``"cut"`` when laid out tight
        (the label loses its end, never the value). Judged at the slider's widest value
        (its ends or the value now), so that dragging never changes it."""
        if self._line_label(text, theme, width) is not None:
            return "line"
        widest = self._widest_value(text, theme)
        if tight:
            return "cut"
        track = width - 2 * KNOB_RADIUS * theme.control_px  # between the knob's end positions
        if widest + theme.spacing_px <= track * (1.0 - MIN_TRACK_SHARE):
            return "beside"
        return "stacked"

    def _line_label(self, text: TextLayout, theme: Theme, width: float) -> str | None:
        """The label, or the first of its shorter forms, that shares ``width`` with the
        widest value; None when none does."""
        widest = self._widest_value(text, theme)
        for form in (self.label, *self.short):
            if text.width(form, theme.label_px) + theme.spacing_px + widest <= width:
                return form
        return None

    def _widest_value(self, text: TextLayout, theme: Theme) -> float:
        return max(text.width(self.formatter(v), theme.label_px, "bold")
                   for v in (self.minimum, self.maximum, self.value))  # fmt: skip

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        th = ctx.theme
        stacked = self._arrangement(ctx.text, th, avail_w, ctx.tight) == "stacked"
        lines = 2 if stacked else 1
        return (avail_w, lines * ctx.text.metrics.line_height * th.label_px + th.control_px)

    # -- events -----------------------------------------------------------------------------
    def handle(self, event: Event) -> bool:
        th = self._theme()
        if isinstance(event, PointerDown):
            if not (_primary(event) and self.contains(event.x, event.y)):
                return False
            kx = self.value_to_x(self.value, th)
            _, _, ky, kr = self._track(th)
            on_knob = math.hypot(event.x - kx, event.y - ky) <= kr * 1.3
            self._grab = kx - event.x if on_knob else 0.0
            self.dragging = True
            self._pointer = event.pointer
            self._knob_grow.set(1.0)
            self.set_value(self.x_to_value(event.x + self._grab, th))
            return True
        if isinstance(event, PointerMove) and self.dragging and event.pointer == self._pointer:
            self.set_value(self.x_to_value(event.x + self._grab, th))
            return True
        if isinstance(event, PointerUp) and self.dragging and event.pointer == self._pointer:
            self.set_value(self.x_to_value(event.x + self._grab, th))
            self.on_cancel()
            return True
        if isinstance(event, KeyDown):
            return self._key(event.key)
        return False

    def _key(self, key: str) -> bool:
        one = self._pos_step()
        t = self.value_to_pos(self.value)
        moves = {"right": one, "up": one, "left": -one, "down": -one}
        if key in moves:
            target = self.pos_to_value(t + moves[key])
        elif key in ("pageup", "pagedown"):
            big = max(10 * one, 0.1) if self.step is None else 10 * one
            target = self.pos_to_value(t + (big if key == "pageup" else -big))
        elif key == "home":
            target = self.minimum
        elif key == "end":
            target = self.maximum
        else:
            return False
        self.set_value(target)
        return True

    def on_cancel(self) -> None:
        self.dragging = False
        self._pointer = None
        self._knob_grow.set(0.0)

    def update(self, dt: float) -> None:
        super().update(dt)
        self._knob_grow.step(dt)

    def is_animating(self) -> bool:
        return super().is_animating() or not self._knob_grow.settled

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        c = self.color
        value = self.formatter(self.value)
        # Label and value share the line above the track, or not (see _arrangement);
        # a rect laid out one line short for "stacked" cuts the label instead.
        line = ui.text.metrics.line_height * theme.label_px
        how = self._arrangement(ui.text, theme, r.w, ui.tight)
        if how == "stacked" and r.h < 2 * line + theme.control_px - 0.5:
            how = "cut"
        value_w = ui.text.width(value, theme.label_px, "bold")
        self._value_room = (self._widest_value(ui.text, theme) + theme.spacing_px
                            if how == "beside" else 0.0)  # fmt: skip
        room = r.w if how in ("beside", "stacked") else r.w - theme.spacing_px - value_w
        full = self._line_label(ui.text, theme, r.w) if how == "line" else None
        label = ui.text.elide(full or self.label, theme.label_px, room)
        dl.text(label, r.x, r.y, theme.label_px, c(theme, theme.text_dim))
        if how == "beside":
            _, _, track_y, _ = self._track(theme)
            dl.text(value, r.right, track_y, theme.label_px, c(theme, theme.text), anchor="rm",
                    face="bold")  # fmt: skip
        else:
            value_y = r.y + line if how == "stacked" else r.y
            dl.text(value, r.right, value_y, theme.label_px, c(theme, theme.text), anchor="rt",
                    face="bold")  # fmt: skip
        x0, x1, y, kr = self._track(theme)
        th = theme.track_px
        kx = self.value_to_x(self.value, theme)
        dl.rect(
            x0 - th / 2, y - th / 2, x1 + th / 2, y + th / 2, c(theme, theme.track), radius=th / 2
        )
        dl.rect(x0 - th / 2, y - th / 2, kx, y + th / 2, c(theme, theme.accent), radius=th / 2)
        grow = 1.0 + 0.15 * self._knob_grow.value + 0.08 * self._hover.value
        if self._hover.value > 0 or self._knob_grow.value > 0:
            halo = with_alpha(theme.accent, 0.18 * max(self._hover.value, self._knob_grow.value))
            dl.circle(kx, y, kr * 1.55, c(theme, halo))
        dl.circle(
            kx,
            y,
            kr * 0.72 * grow,
            c(theme, theme.knob),
            stroke=c(theme, theme.accent),
            stroke_width=theme.px(3),
        )
        self.draw_focus_ring(dl, theme, ui, Rect(r.x, y - kr * 1.2, r.w, 2.4 * kr))


def _raised_box(
    dl: DrawList, theme: Theme, r: Rect, lift: float, stroke: Color, stroke_width: float
) -> None:
    """A panel-coloured box floating above the others: its shadow (when the theme has
    one) offset by ``lift`` pixels, then the box with its outline."""
    if theme.shadow[3] > 0:
        dl.rect(r.x + lift / 2, r.y + lift, r.right + lift / 2, r.bottom + lift, theme.shadow,
                radius=theme.radius_px + lift)  # fmt: skip
    dl.rect(r.x, r.y, r.right, r.bottom, theme.panel, stroke=stroke, stroke_width=stroke_width,
            radius=theme.radius_px)  # fmt: skip


# -- choices ------------------------------------------------------------------------------
class _OneOf(Widget):
    """What every one-of-several control shares: the options, the selected index, and
    ``on_change`` fired only when the selection really changes."""

    focusable = True

    def __init__(
        self,
        options: Sequence[str],
        index: int = 0,
        on_change: Callable[[int], None] | None = None,
        **kw,
    ) -> None:
        super().__init__(**kw)
        if not options:
            raise ValueError(f"a {type(self).__name__} needs at least one option")
        self.options = list(options)
        self.index = max(0, min(len(self.options) - 1, index))
        self.on_change = on_change

    @property
    def selected(self) -> str:
        return self.options[self.index]

    def select(self, index: int, *, notify: bool = True) -> None:
        """Select option ``index`` (clamped); ``on_change`` fires only on a change."""
        index = max(0, min(len(self.options) - 1, index))
        if index == self.index:
            return
        self.index = index
        if notify and self.on_change is not None:
            self.on_change(index)


class SegmentedChoice(_OneOf):
    """A row of mutually exclusive options, one selected (like radio buttons, but
    all visible and big enough for a finger). Left/Right/Home/End when focused."""

    def __init__(
        self,
        options: Sequence[str],
        index: int = 0,
        on_change: Callable[[int], None] | None = None,
        **kw,
    ) -> None:
        super().__init__(options, index, on_change, **kw)
        self._pressed_index: int | None = None
        self._pointer: int | None = None
        self.hover_index: int | None = None
        self.dividers = True
        """Thin lines between unselected options (tabs, whose labels are words apart,
        go without them)."""

    def segment_rect(self, i: int) -> Rect:
        r = self.rect
        w = r.w / len(self.options)
        return Rect(r.x + i * w, r.y, w, r.h)

    def index_at(self, x: float, y: float) -> int | None:
        if not self.contains(x, y):
            return None
        i = int((x - self.rect.x) / (self.rect.w / len(self.options)))
        return max(0, min(len(self.options) - 1, i))

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        th = ctx.theme
        widest = max(ctx.text.width(o, th.body_px, "bold") for o in self.options)
        w = len(self.options) * max(th.control_px, widest + 2 * th.padding_px)
        return (max(w, avail_w), th.control_px)

    def handle(self, event: Event) -> bool:
        if isinstance(event, PointerDown):
            i = self.index_at(event.x, event.y) if _primary(event) else None
            if i is None:
                return False
            self._pressed_index, self._pointer = i, event.pointer
            self._press.set(1.0)
            return True
        if isinstance(event, PointerMove):
            if event.pointer == self._pointer:
                return True
            if not event.touch:
                self.hover_index = self.index_at(event.x, event.y)
            return False
        if isinstance(event, PointerUp) and event.pointer == self._pointer:
            i = self.index_at(event.x, event.y)
            if i is not None and i == self._pressed_index:
                self.select(i)
            self.on_cancel()
            return True
        if isinstance(event, KeyDown):
            step = {"left": -1, "up": -1, "right": 1, "down": 1}.get(event.key)
            if step is not None:
                self.select(self.index + step)
                return True
            if event.key in ("home", "end"):
                self.select(0 if event.key == "home" else len(self.options) - 1)
                return True
        return False

    def on_hover(self, hovered: bool) -> None:
        super().on_hover(hovered)
        if not hovered:
            self.hover_index = None

    def on_cancel(self) -> None:
        self._pressed_index = None
        self._pointer = None
        self._press.set(0.0)

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        c = self.color
        dl.rect(
            r.x,
            r.y,
            r.right,
            r.bottom,
            c(theme, theme.control),
            stroke=c(theme, theme.panel_border),
            stroke_width=theme.stroke_px,
            radius=theme.radius_px,
        )
        inset = theme.px(3)
        for i, option in enumerate(self.options):
            s = self.segment_rect(i)
            if i == self.index:
                b = s.inset(inset)
                dl.rect(
                    b.x,
                    b.y,
                    b.right,
                    b.bottom,
                    c(theme, theme.accent),
                    radius=max(0.0, theme.radius_px - inset),
                )
                fg, face = theme.accent_text, "bold"
            else:
                if i == self._pressed_index or i == self.hover_index:
                    fill = (
                        theme.control_pressed if i == self._pressed_index else theme.control_hover
                    )
                    b = s.inset(inset)
                    dl.rect(
                        b.x,
                        b.y,
                        b.right,
                        b.bottom,
                        c(theme, fill),
                        radius=max(0.0, theme.radius_px - inset),
                    )
                fg, face = theme.text, "regular"
                nxt = i + 1
                if self.dividers and nxt < len(self.options) and nxt != self.index:
                    x = s.right
                    dl.line(
                        x,
                        s.y + s.h * 0.25,
                        x,
                        s.bottom - s.h * 0.25,
                        theme.stroke_px,
                        c(theme, divider_color(theme)),
                    )
            # A segment narrower than its label (a narrow panel) cuts it rather than
            # letting it run into its neighbour.
            label = ui.text.elide(option, theme.body_px, s.w - theme.padding_px, face)
            dl.text(label, s.cx, s.cy, theme.body_px, c(theme, fg), anchor="cm", face=face)
        self.draw_focus_ring(dl, theme, ui)


def divider_color(theme: Theme) -> Color:
    """The line between two unselected segments: the border's colour, darkened (or
    lightened) just enough to read 3:1 on the control's fill, as a line that carries
    meaning must (WCAG 1.4.11): it tells where one option ends."""
    return legible(theme.panel_border, theme.text, theme.control, GRAPHIC_CONTRAST)


class Dropdown(_OneOf):
    """A button showing the current option; pressing it opens a list above all other
    widgets. Closes on an outside press or Escape; Up/Down/Enter with the keyboard."""

    def __init__(
        self,
        options: Sequence[str],
        index: int = 0,
        on_change: Callable[[int], None] | None = None,
        **kw,
    ) -> None:
        super().__init__(options, index, on_change, **kw)
        self.list: DropdownList | None = None
        self._pointer: int | None = None

    @property
    def is_open(self) -> bool:
        return self.list is not None

    def open(self) -> None:
        """Open the option list (needs the widget to be in a :class:`UIManager`)."""
        if self.list is not None or self.manager is None:
            return
        self.list = DropdownList(self)
        self.manager.open_overlay(self.list)

    def close(self) -> None:
        if self.list is not None:
            self.list.close()

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        th = ctx.theme
        widest = max(ctx.text.width(o, th.body_px) for o in self.options)
        return (max(avail_w, widest + 2 * th.padding_px + th.control_px), th.control_px)

    def min_width(self, ctx: UIContext) -> float:
        """Room for a few letters and the chevron: a narrow dropdown shows its option
        without the "Name: " prefix, then cut with "…" (:meth:`shown_label`)."""
        return 1.5 * ctx.theme.control_px

    def handle(self, event: Event) -> bool:
        if isinstance(event, PointerDown):
            if not (_primary(event) and self.contains(event.x, event.y)):
                return False
            self._pointer = event.pointer
            self._press.set(1.0)
            return True
        if isinstance(event, PointerMove) and event.pointer == self._pointer:
            return True
        if isinstance(event, PointerUp) and event.pointer == self._pointer:
            self.on_cancel()
            if self.contains(event.x, event.y):
                self.open()
            return True
        if isinstance(event, KeyDown) and event.key in (*ACTIVATE_KEYS, "down", "up"):
            self.open()
            return True
        return False

    def on_cancel(self) -> None:
        self._pointer = None
        self._press.set(0.0)

    def shown_label(self, text: TextLayout, theme: Theme) -> str:
        """The selected option as it fits left of the chevron (see :func:`_fitted_option`)."""
        # Up to the chevron's ink (half a control wide, centred half a control in).
        room = self.rect.w - theme.padding_px - 0.8 * theme.control_px
        return _fitted_option(self.selected, text, theme, room)

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        c = self.color
        dl.rect(
            r.x,
            r.y,
            r.right,
            r.bottom,
            self.control_fill(theme),
            stroke=c(theme, theme.accent if self.is_open else theme.panel_border),
            stroke_width=theme.stroke_px * (2.0 if self.is_open else 1.0),
            radius=theme.radius_px,
        )
        dl.text(
            self.shown_label(ui.text, theme),
            r.x + theme.padding_px,
            r.cy,
            theme.body_px,
            c(theme, theme.text),
            anchor="lm",
        )
        icon = 0.5 * theme.control_px
        draw_icon(
            dl,
            "chevron",
            r.right - theme.control_px / 2,
            r.cy,
            icon,
            c(theme, theme.text),
            stroke=theme.icon_stroke_px * 0.8,
        )
        self.draw_focus_ring(dl, theme, ui)


def _fitted_option(label: str, text: TextLayout, theme: Theme, room: float) -> str:
    """An option as it fits ``room`` pixels: whole; else without its "Name: " prefixes, one
    at a time (*Data: Text: ababab* → *Text: ababab* → *ababab*; the ⓘ still says them);
    else cut with "…"."""
    while text.width(label, theme.body_px) > room and ": " in label:
        label = label.split(": ", 1)[1]
    return text.elide(label, theme.body_px, room)


class DropdownList(Overlay):
    """The open list of a :class:`Dropdown`, drawn in the overlay layer."""

    def __init__(self, owner: Dropdown) -> None:
        super().__init__(owner)
        self.dropdown = owner
        self.highlight = owner.index
        self._pointer: int | None = None

    def item_rect(self, i: int) -> Rect:
        h = self.rect.h / len(self.dropdown.options)
        return Rect(self.rect.x, self.rect.y + i * h, self.rect.w, h)

    def index_at(self, x: float, y: float) -> int | None:
        if not self.rect.contains(x, y):
            return None
        n = len(self.dropdown.options)
        return max(0, min(n - 1, int((y - self.rect.y) / (self.rect.h / n))))

    def place(self, ctx: UIContext) -> None:
        """Below the dropdown, or above it when there is no room below."""
        th = ctx.theme
        a = self.dropdown.rect
        h = th.control_px * len(self.dropdown.options)
        gap = th.px(4)
        y = a.bottom + gap
        if y + h > ctx.height and a.y - gap - h >= 0:
            y = a.y - gap - h
        # As wide as the widest option (a narrow dropdown shows its option shortened; the
        # open list names every option in full), within the window.
        widest = max(ctx.text.width(o, th.body_px, "bold") for o in self.dropdown.options)
        w = min(max(a.w, widest + 2 * th.padding_px + th.px(6)), ctx.width)
        self.rect = clamp_rect(Rect(a.x, y, w, h), ctx.bounds)

    def handle(self, event: Event) -> bool:
        if isinstance(event, PointerDown):
            if not self.rect.contains(event.x, event.y):
                return False
            self._pointer = event.pointer
            self.highlight = self.index_at(event.x, event.y) or 0
            return True
        if isinstance(event, PointerMove):
            i = self.index_at(event.x, event.y)
            if i is not None and (event.pointer == self._pointer or not event.touch):
                self.highlight = i
            return self.rect.contains(event.x, event.y) or event.pointer == self._pointer
        if isinstance(event, PointerUp) and event.pointer == self._pointer:
            self._pointer = None
            i = self.index_at(event.x, event.y)
            if i is not None:
                self._choose(i)
            return True
        if isinstance(event, KeyDown):
            n = len(self.dropdown.options)
            if event.key in ("down", "up"):
                self.highlight = (self.highlight + (1 if event.key == "down" else -1)) % n
                return True
            if event.key in ("home", "end"):
                self.highlight = 0 if event.key == "home" else n - 1
                return True
            if event.key in ACTIVATE_KEYS:
                self._choose(self.highlight)
                return True
            if event.key == "tab":
                self.close()
                return False  # let the manager move focus on
        return False

    def _choose(self, i: int) -> None:
        self.close()
        self.dropdown.select(i)

    def on_closed(self) -> None:
        self.dropdown.list = None

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        _raised_box(dl, theme, r, theme.px(4), theme.panel_border, theme.stroke_px)
        for i, option in enumerate(self.dropdown.options):
            s = self.item_rect(i).inset(theme.px(3))
            selected = i == self.dropdown.index
            if i == self.highlight:
                dl.rect(
                    s.x, s.y, s.right, s.bottom, theme.control_hover, radius=theme.radius_px / 2
                )
            if selected:
                # Accent bar + bold: "current" is marked by shape and weight, not only hue.
                dl.rect(
                    s.x,
                    s.y + s.h * 0.2,
                    s.x + theme.px(4),
                    s.bottom - s.h * 0.2,
                    theme.accent,
                    radius=theme.px(2),
                )
            room = s.w - 2 * theme.padding_px  # a long option never spills out
            dl.text(
                _fitted_option(option, ui.text, theme, room),
                s.x + theme.padding_px,
                s.cy,
                theme.body_px,
                theme.text,
                anchor="lm",
                face="bold" if selected else "regular",
            )


# -- info -------------------------------------------------------------------------------
Link = tuple[str, Callable[[], None]]
"""A popover's link: its words and what following it does (open another explorer)."""


class InfoButton(IconButton):
    """An ⓘ button that opens a :class:`Popover` explaining the thing next to it.

    Pressing it again closes the popover (the manager closes popovers on any
    press outside them, and that press goes no further)."""

    def __init__(
        self, title: str, text: str, *, formula: str = "", link: Link | None = None, **kw
    ) -> None:
        kw.setdefault("label", f"About {title}")
        super().__init__("info", None, **kw)
        self.title = title
        self.text = text
        self.formula = formula
        self.link = link
        self.popover: Popover | None = None

    @property
    def is_open(self) -> bool:
        return self.popover is not None

    def activate(self) -> None:
        if self.popover is not None:
            self.popover.close()
            return
        if self.manager is None:
            return
        self.popover = Popover(self.title, self.text, formula=self.formula, owner=self,
                               link=self.link)  # fmt: skip
        self.manager.open_overlay(self.popover)

    def preferred_size(self, ctx: UIContext, avail_w: float) -> tuple[float, float]:
        return (ctx.theme.control_px, ctx.theme.control_px)

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        # Flat (no button box) so it reads as a hint, not an action; same touch target.
        r = self.rect
        if self._hover.value > 0 or self._press.value > 0 or self.is_open:
            a = max(0.6 * self._hover.value, self._press.value, 0.8 if self.is_open else 0.0)
            dl.rect(r.x, r.y, r.right, r.bottom, with_alpha(theme.control_hover, a), radius=r.h / 2)
        fg = theme.accent if self.is_open else theme.text_dim
        draw_icon(
            dl,
            "info",
            r.cx,
            r.cy,
            0.6 * min(r.w, r.h),
            self.color(theme, fg),
            stroke=theme.stroke_px * 1.4,
        )
        self.draw_focus_ring(dl, theme, ui)


def formula_chips(theme: Theme) -> dict[str, Color]:
    """Roles a formula may name with ``\\color{role}{…}`` that are drawn as chips: the
    arithmetic's input, weight and previous state, as in the cell's readout."""
    r = theme.roles
    return {"input": r.arith_input, "weight": r.arith_weight, "state": r.arith_state}


def formula_inks(theme: Theme) -> dict[str, Color]:
    """Roles a formula may name that colour the glyphs themselves (the data roles)."""
    r = theme.roles
    return {"prediction": r.prediction, "truth": r.truth, "error": r.error}


class Popover(Overlay):
    """A floating card with a title, wrapped text, an optional formula line and an
    optional link at the bottom (a tap on it, or Enter, follows it and closes the card),
    placed next to its owner and kept inside the window. Has its own × button so
    touch users see how to close it.

    The formula is math markup (:mod:`nnviz.render.mathtext`: ``h_{t-1}``, ``\\hat{c}``,
    ``\\color{input}{…}``) typeset with scripts and accents; coloured roles are drawn
    as chips like the cell's arithmetic. The popover widens when its formula or its text
    would not fit (never beyond the window), and shrinks the formula only when the
    window itself is too narrow."""

    WIDTH = 340.0
    """Preferred width in UI units (about 45 characters: a comfortable line)."""

    def __init__(
        self,
        title: str,
        text: str,
        *,
        formula: str = "",
        owner: Widget | None = None,
        link: Link | None = None,
    ) -> None:
        super().__init__(owner)
        self.title = title
        self.text = text
        self.formula = formula
        self.link = link
        self._link_pressed: int | None = None
        self._link_h = 0.0
        self._lines: list[str] = []
        self._close_pressed: int | None = None
        self._math: MathBox | None = None
        self._math_size = 0.0

    def close_rect(self, theme: Theme) -> Rect:
        s = theme.control_px
        return Rect(self.rect.right - s, self.rect.y, s, s)

    def link_rect(self, theme: Theme) -> Rect:
        """The link's row along the bottom (a full-width touch target)."""
        s = self._link_h
        return Rect(self.rect.x, self.rect.bottom - s, self.rect.w, s)

    def follow_link(self) -> None:
        """Close the card and follow its link."""
        if self.link is not None:
            self.close()
            self.link[1]()

    def place(self, ctx: UIContext) -> None:
        """Right of the owner if it fits, else left, else below, else above; then
        clamped inside the window with a margin."""
        th = ctx.theme
        margin = th.spacing_px
        widest = max(ctx.width - 2 * margin, 1.0)
        pad = th.padding_px
        self._math = self._typeset(ctx) if self.formula else None
        w = min(th.px(self.WIDTH), widest)
        if self._math is not None:
            w = min(max(w, self._math.width * th.body_px + 2 * pad), widest)
        h = self._height(ctx, w)
        while h > ctx.height - 2 * margin and w < widest:
            w = min(w * 1.25, widest)  # too tall for the window: use more of its width
            h = self._height(ctx, w)
        a = self.owner.rect if self.owner is not None else Rect(ctx.width / 2, ctx.height / 2)
        gap = th.spacing_px
        if a.right + gap + w <= ctx.width - margin:
            x, y = a.right + gap, a.y
        elif a.x - gap - w >= margin:
            x, y = a.x - gap - w, a.y
        elif a.bottom + gap + h <= ctx.height - margin:
            x, y = a.cx - w / 2, a.bottom + gap
        else:
            x, y = a.cx - w / 2, a.y - gap - h
        self.rect = clamp_rect(Rect(x, y, w, h), ctx.bounds, margin)
        self._placed_theme = th

    def _typeset(self, ctx: UIContext) -> MathBox | None:
        """The formula's layout; None (drawn as plain text) when it is not valid markup."""
        try:
            return layout_math(ctx.text, self.formula)
        except MathSyntaxError:
            return None

    def _height(self, ctx: UIContext, w: float) -> float:
        """Wrap the text for width ``w`` and return the popover's height."""
        th = ctx.theme
        pad = th.padding_px
        self._lines = ctx.text.wrap(self.text, th.body_px, w - 2 * pad)
        lh = ctx.text.metrics.line_height * th.body_px
        h = th.control_px + len(self._lines) * lh + pad
        if self.formula:
            if self._math is not None:
                self._math_size = min(th.body_px, (w - 2 * pad) / max(self._math.width, 1e-6))
                box_h = (self._math.bottom - self._math.top) * self._math_size
                h += max(box_h, lh) + th.spacing_px * 1.5
            else:
                h += lh + th.spacing_px
        if self.link is not None:
            # A touch target however dense the scene's UI: 48 px at 1080p at least.
            self._link_h = max(th.control_px, TARGET_FLOOR * ctx.height)
            h += self._link_h
        return h

    def handle(self, event: Event) -> bool:
        th = getattr(self, "_placed_theme", None)
        if th is None:
            return False
        if isinstance(event, KeyDown) and event.key == "return" and self.link is not None:
            self.follow_link()
            return True
        if isinstance(event, PointerDown):
            if not self.rect.contains(event.x, event.y):
                return False
            if self.close_rect(th).contains(event.x, event.y):
                self._close_pressed = event.pointer
            elif self.link is not None and self.link_rect(th).contains(event.x, event.y):
                self._link_pressed = event.pointer
            return True
        if isinstance(event, PointerUp):
            if event.pointer == self._close_pressed:
                self._close_pressed = None
                if self.close_rect(th).contains(event.x, event.y):
                    self.close()
            elif event.pointer == self._link_pressed:
                self._link_pressed = None
                if self.link_rect(th).contains(event.x, event.y):
                    self.follow_link()
            return True
        return isinstance(event, PointerMove) and self.rect.contains(event.x, event.y)

    def on_closed(self) -> None:
        if isinstance(self.owner, InfoButton):
            self.owner.popover = None

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext) -> None:
        r = self.rect
        pad = theme.padding_px
        _raised_box(dl, theme, r, theme.px(6), theme.accent, theme.stroke_px * 1.5)
        cr = self.close_rect(theme)
        dl.text(
            self.title, r.x + pad, cr.cy, theme.heading_px, theme.text, anchor="lm", face="bold"
        )
        draw_icon(
            dl, "close", cr.cx, cr.cy, 0.45 * cr.h, theme.text_dim, stroke=theme.icon_stroke_px
        )
        if self.link is not None:
            lr = self.link_rect(theme)
            dl.text(self.link[0], lr.x + pad, lr.cy, theme.body_px, theme.accent, anchor="lm",
                    face="bold")  # fmt: skip
            dl.target(lr.x, lr.y, lr.right, lr.bottom)
        lh = ui.text.metrics.line_height * theme.body_px
        y = r.y + theme.control_px
        for line in self._lines:
            dl.text(line, r.x + pad, y, theme.body_px, theme.text)
            y += lh
        if self.formula:
            y += theme.spacing_px / 2
            box, size = self._math, self._math_size
            h = lh if box is None else max((box.bottom - box.top) * size, lh)
            dl.rect(
                r.x + pad / 2,
                y - theme.px(2),
                r.right - pad / 2,
                y + h + theme.spacing_px + theme.px(2),
                theme.control,
                radius=theme.radius_px / 2,
            )
            if box is None:
                dl.text(self.formula, r.cx, y, theme.body_px, theme.text, anchor="ct")
                return
            baseline = y + theme.spacing_px / 2 + (h - (box.bottom - box.top) * size) / 2
            baseline -= box.top * size
            draw_math(dl, box, r.cx - box.width * size / 2, baseline, size, theme.text,
                      formula_inks(theme), chips=formula_chips(theme),
                      chip_text=theme.roles.chip_text)  # fmt: skip


class Tooltip:
    """A short hint shown by the manager after the mouse rests on a widget for
    :data:`TOOLTIP_DELAY` seconds (never for touch: a finger has no hover)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.rect = Rect()

    def place(self, ctx: UIContext, anchor: Rect, *, above: bool = False) -> None:
        """Below the anchor, or above it when ``above``; on the other side when the
        window has no room; inside the window."""
        th = ctx.theme
        pad = th.px(8)
        w = ctx.text.width(self.text, th.label_px) + 2 * pad
        h = ctx.text.metrics.line_height * th.label_px + pad
        over = anchor.y - th.px(6) - h
        under = anchor.bottom + th.px(6)
        fits_over = over >= th.px(4)
        fits_under = under + h <= ctx.height
        y = over if (above and fits_over) or not fits_under else under
        self.rect = clamp_rect(Rect(anchor.cx - w / 2, y, w, h), ctx.bounds, th.px(4))

    def draw(self, dl: DrawList, theme: Theme, ui: UIContext, alpha: float = 1.0) -> None:
        r = self.rect
        dl.rect(
            r.x,
            r.y,
            r.right,
            r.bottom,
            with_alpha(theme.tooltip_bg, alpha),
            radius=theme.radius_px / 2,
        )
        dl.text(
            self.text,
            r.cx,
            r.cy,
            theme.label_px,
            with_alpha(theme.tooltip_text, alpha),
            anchor="cm",
        )


TOOLTIP_DELAY = 0.6
"""Seconds of resting hover before a tooltip appears: long enough not to flash
while the mouse passes over, short enough to be discovered."""
