"""Themes: colours and sizes for the widgets, and the UI scale.

Sizes are given in *UI units*: pixels of a 720-pixel-high drawable. At draw time
every size is multiplied by :attr:`Theme.scale`, which :func:`ui_scale` derives from
the drawable height, so the controls take the same share of the screen on a laptop,
on a 4K projector and on a HiDPI display (where the drawable is larger than the
window in points). A control height of 44 units is the minimum comfortable touch
target for a finger on a kiosk.

Colours come from the Okabe-Ito palette, which stays distinguishable under the
common colour-vision deficiencies. Signed values use blue (negative) and vermillion
(positive), matching :mod:`nnviz.render.color`; "danger" is vermillion, never pure red.
All colours are straight-alpha RGBA floats.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from nnviz.render.color import Color, OkabeIto, hex_color, mix
from nnviz.ui.roles import DARK_ROLES, LIGHT_ROLES, PROJECTOR_ROLES, Roles

BASE_HEIGHT = 720.0
"""Drawable height, in pixels, at which one UI unit is one pixel."""
MIN_SCALE = 0.75
"""Smallest scale: below it text stops being legible, so small windows crop instead."""
MAX_SCALE = 4.0
"""Largest scale (an 8K drawable); beyond it controls would just waste the screen."""


def ui_scale(drawable_height: float, base: float = BASE_HEIGHT) -> float:
    """Pixels per UI unit for a drawable ``drawable_height`` pixels high.

    Uses the *drawable* (framebuffer) height rather than the window size in
    points, so a HiDPI screen gets proportionally larger pixels-per-unit and the
    UI keeps its physical size. Clamped to [:data:`MIN_SCALE`, :data:`MAX_SCALE`].
    """
    if drawable_height <= 0:
        return 1.0
    return max(MIN_SCALE, min(MAX_SCALE, drawable_height / base))


def relative_luminance(c: Color) -> float:
    """WCAG 2 relative luminance of an sRGB colour (alpha ignored)."""

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def contrast_ratio(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio between two opaque colours (1 … 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def legible(color: Color, ink: Color, ground: Color, ratio: float = 4.5) -> Color:
    """``color`` moved toward ``ink`` (the theme's text) just far enough to read
    ``ratio``:1 on ``ground``: a signal colour (vermillion for *wrong*) used for a word or
    a mark keeps its hue and becomes text-legible (Okabe-Ito vermillion is 3.9:1 on
    white)."""
    for step in range(21):
        shade = mix(color, ink, step / 20)
        if contrast_ratio(shade, ground) >= ratio:
            return shade
    return ink


SERIES: tuple[Color, ...] = (
    OkabeIto.BLUE,
    OkabeIto.ORANGE,
    OkabeIto.BLUISH_GREEN,
    OkabeIto.VERMILLION,
    OkabeIto.SKY_BLUE,
    OkabeIto.REDDISH_PURPLE,
    OkabeIto.YELLOW,
)
"""Okabe-Ito colours for plot series, in order (black is left out: it is the text colour)."""

DARK_SERIES: tuple[Color, ...] = (
    OkabeIto.SKY_BLUE,
    *(c for c in SERIES if c not in (OkabeIto.SKY_BLUE, OkabeIto.BLUE)),
    OkabeIto.BLUE,
)
"""The dark theme's: sky blue first (blue is dim on a dark card) and blue last, so that
the first two series are not both blue (the compare view's curves A and B were)."""
"""The same colours for dark backgrounds: sky blue leads, since blue is too dark there."""


@dataclass(frozen=True)
class Theme:
    """Everything a widget needs to look consistent: colours and sizes.

    Size fields are in UI units; use :meth:`px` or the ``*_px`` properties to get
    pixels at the current :attr:`scale`. A theme is immutable: the UI manager
    makes a scaled copy with :meth:`scaled` when the drawable is resized.
    """

    name: str
    # -- colours -------------------------------------------------------------------------
    background: Color
    panel: Color
    panel_border: Color
    text: Color
    text_dim: Color
    accent: Color
    """Selected / "on" / filled part of a control."""
    accent_text: Color
    """Text and icons drawn on top of :attr:`accent`."""
    control: Color
    """Resting fill of buttons and other pressable controls."""
    control_hover: Color
    control_pressed: Color
    focus: Color
    """Keyboard focus ring; a hue not used for state, so focus never looks like selection."""
    track: Color
    """Unfilled part of slider and switch tracks."""
    knob: Color
    knob_border: Color
    tooltip_bg: Color
    tooltip_text: Color
    danger: Color
    positive: Color
    negative: Color
    shadow: Color
    series: tuple[Color, ...] = SERIES
    roles: Roles = LIGHT_ROLES
    """What each colour means (input, prediction, error, …): the one colour language."""
    disabled_alpha: float = 0.4
    """Disabled controls are drawn at this opacity (and never respond)."""
    # -- sizes (UI units) ----------------------------------------------------------------
    body_size: float = 18.0
    label_size: float = 16.0
    small_size: float = 14.0
    """The smallest type the theme uses (tick labels, captions): its legibility floor,
    1.9 % of the window height on a desktop (the layout audit, ``nnviz.ui.audit``, holds
    every scene to it)."""
    heading_size: float = 22.0
    title_size: float = 30.0
    padding: float = 12.0
    spacing: float = 10.0
    radius: float = 8.0
    control_height: float = 44.0
    stroke: float = 1.5
    """Borders and outlines."""
    icon_stroke: float = 3.0
    """Lines inside icons (plus, close, reset)."""
    focus_width: float = 3.0
    track_height: float = 6.0
    scale: float = 1.0
    """Pixels per UI unit; see :func:`ui_scale`."""

    # -- scaling ---------------------------------------------------------------------------
    def px(self, units: float) -> float:
        """UI units → pixels at this theme's scale."""
        return units * self.scale

    def scaled(self, scale: float) -> Theme:
        """A copy with another :attr:`scale` (colours and unit sizes unchanged)."""
        return replace(self, scale=scale)

    def for_drawable(self, height: float) -> Theme:
        """A copy scaled for a drawable ``height`` pixels high."""
        return self.scaled(ui_scale(height))

    @property
    def body_px(self) -> float:
        return self.px(self.body_size)

    @property
    def label_px(self) -> float:
        return self.px(self.label_size)

    @property
    def small_px(self) -> float:
        return self.px(self.small_size)

    @property
    def heading_px(self) -> float:
        return self.px(self.heading_size)

    @property
    def title_px(self) -> float:
        return self.px(self.title_size)

    @property
    def padding_px(self) -> float:
        return self.px(self.padding)

    @property
    def spacing_px(self) -> float:
        return self.px(self.spacing)

    @property
    def radius_px(self) -> float:
        return self.px(self.radius)

    @property
    def control_px(self) -> float:
        return self.px(self.control_height)

    @property
    def stroke_px(self) -> float:
        return self.px(self.stroke)

    @property
    def icon_stroke_px(self) -> float:
        return self.px(self.icon_stroke)

    @property
    def focus_px(self) -> float:
        return self.px(self.focus_width)

    @property
    def track_px(self) -> float:
        return self.px(self.track_height)

    def font_px(self, role: str) -> float:
        """Font size in pixels for ``"body"``, ``"label"``, ``"heading"`` or ``"title"``."""
        return self.px(getattr(self, f"{role}_size"))


LIGHT = Theme(
    name="light",
    background=hex_color("#F3F4F6"),
    panel=hex_color("#FFFFFF"),
    panel_border=hex_color("#C4C9D0"),
    text=hex_color("#1A1D21"),
    text_dim=hex_color("#565D66"),
    accent=OkabeIto.BLUE,
    accent_text=hex_color("#FFFFFF"),
    control=hex_color("#E8EBEF"),
    control_hover=hex_color("#DCE1E7"),
    control_pressed=hex_color("#C9D0D9"),
    focus=hex_color("#B8460B"),
    track=hex_color("#8A929C"),
    knob=hex_color("#FFFFFF"),
    knob_border=hex_color("#6B737D"),
    tooltip_bg=hex_color("#1A1D21"),
    tooltip_text=hex_color("#FFFFFF"),
    danger=OkabeIto.VERMILLION,
    positive=OkabeIto.VERMILLION,
    negative=OkabeIto.BLUE,
    shadow=(0.0, 0.0, 0.0, 0.18),
)
"""Calm dark-grey-on-white for laptops in daylight. Focus is a dark orange: a hue no
state uses, with 3:1+ contrast against the panel as WCAG asks of focus indicators."""

DARK = Theme(
    name="dark",
    series=DARK_SERIES,
    roles=DARK_ROLES,
    background=hex_color("#14171B"),
    panel=hex_color("#1F2329"),
    panel_border=hex_color("#3B424B"),
    text=hex_color("#E9ECEF"),
    text_dim=hex_color("#A8B0BA"),
    accent=OkabeIto.SKY_BLUE,
    accent_text=hex_color("#0B0D10"),
    control=hex_color("#2B3038"),
    control_hover=hex_color("#353B45"),
    control_pressed=hex_color("#424A56"),
    focus=OkabeIto.ORANGE,
    track=hex_color("#737B86"),
    knob=hex_color("#E9ECEF"),
    knob_border=hex_color("#14171B"),
    tooltip_bg=hex_color("#E9ECEF"),
    tooltip_text=hex_color("#14171B"),
    danger=OkabeIto.VERMILLION,
    positive=OkabeIto.VERMILLION,
    negative=OkabeIto.SKY_BLUE,
    shadow=(0.0, 0.0, 0.0, 0.45),
)
"""For dim rooms and kiosks. Sky blue reads better than Okabe-Ito blue on near-black."""

PROJECTOR = Theme(
    name="projector",
    roles=PROJECTOR_ROLES,
    background=hex_color("#FFFFFF"),
    panel=hex_color("#FFFFFF"),
    panel_border=hex_color("#000000"),
    text=hex_color("#000000"),
    text_dim=hex_color("#2E2E2E"),
    accent=hex_color("#005A8C"),
    accent_text=hex_color("#FFFFFF"),
    control=hex_color("#E6E6E6"),
    control_hover=hex_color("#D2D2D2"),
    control_pressed=hex_color("#B4B4B4"),
    focus=hex_color("#A34000"),
    track=hex_color("#8C8C8C"),
    knob=hex_color("#FFFFFF"),
    knob_border=hex_color("#000000"),
    tooltip_bg=hex_color("#000000"),
    tooltip_text=hex_color("#FFFFFF"),
    danger=hex_color("#A34000"),
    positive=OkabeIto.VERMILLION,
    negative=OkabeIto.BLUE,
    shadow=(0.0, 0.0, 0.0, 0.0),
    disabled_alpha=0.35,
    body_size=25.0,
    label_size=24.0,
    small_size=24.0,
    heading_size=31.0,
    title_size=42.0,
    padding=16.0,
    spacing=14.0,
    radius=8.0,
    control_height=62.0,
    stroke=3.0,
    icon_stroke=4.5,
    focus_width=5.0,
    track_height=10.0,
)
"""Black on white, ~1.4× type and controls, thick strokes; no type under 3.3 % of the
window height (24 units: 36 px at 1080p, the 18-point rule of slides).

Black-on-white because a projector cannot make black: its "black" is the lit
room's grey on the screen, so light-on-dark loses most of its contrast in a lit
lecture hall, and thin light strokes bloom. Dark ink on the projector's full-white
keeps the highest real contrast, survives washed-out colour and keeps the room
bright enough to take notes. No shadows: they project as smudges. The accent is a
darkened Okabe-Ito blue so white text on it still reaches 7:1.
"""

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, PROJECTOR)}


def theme_by_name(name: str) -> Theme:
    """The theme called ``name`` (``"light"``, ``"dark"``, ``"projector"``; case-insensitive)."""
    try:
        return THEMES[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}; choose one of {sorted(THEMES)}") from None
