"""Colours: the Okabe-Ito palette and a blue↔vermillion diverging map.

Okabe-Ito is distinguishable under the common colour-vision deficiencies, so
meaning never rests on red versus green. Signed values (weights, gradients) use
blue for negative and vermillion for positive, through a neutral grey.
Colours are straight-alpha RGBA floats; the draw list premultiplies them.
"""

from __future__ import annotations

import numpy as np

Color = tuple[float, float, float, float]


def hex_color(code: str, alpha: float = 1.0) -> Color:
    """``"#RRGGBB"`` → RGBA floats."""
    code = code.lstrip("#")
    r, g, b = (int(code[i : i + 2], 16) / 255.0 for i in (0, 2, 4))
    return (r, g, b, alpha)


def with_alpha(color: Color, alpha: float) -> Color:
    """The same colour with its alpha multiplied by ``alpha``."""
    return (color[0], color[1], color[2], color[3] * alpha)


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear blend from ``a`` (t=0) to ``b`` (t=1)."""
    return tuple(x + (y - x) * t for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


class OkabeIto:
    """The eight Okabe-Ito colours (Okabe & Ito, 2008)."""

    BLACK = hex_color("#000000")
    ORANGE = hex_color("#E69F00")
    SKY_BLUE = hex_color("#56B4E9")
    BLUISH_GREEN = hex_color("#009E73")
    YELLOW = hex_color("#F0E442")
    BLUE = hex_color("#0072B2")
    VERMILLION = hex_color("#D55E00")
    REDDISH_PURPLE = hex_color("#CC79A7")


_NEGATIVE = np.array(OkabeIto.BLUE[:3])
_POSITIVE = np.array(OkabeIto.VERMILLION[:3])
_NEUTRAL = np.array([0.86, 0.86, 0.86])


def diverging(value: float, scale: float = 1.0, neutral: Color | None = None) -> Color:
    """Blue (negative) ↔ neutral (zero) ↔ vermillion (positive) for ``value / scale``.

    Values beyond ±scale saturate. ``neutral`` lets dark themes use a dark middle.
    """
    mid = _NEUTRAL if neutral is None else np.array(neutral[:3])
    t = 0.0 if scale <= 0 else max(-1.0, min(1.0, value / scale))
    end = _POSITIVE if t >= 0 else _NEGATIVE
    rgb = mid + (end - mid) * abs(t)
    return (float(rgb[0]), float(rgb[1]), float(rgb[2]), 1.0)


def diverging_array(
    values: np.ndarray,
    scale: float,
    neutral: Color | None = None,
    *,
    negative: Color | None = None,
    positive: Color | None = None,
) -> np.ndarray:
    """Vectorised :func:`diverging`: ``(N,)`` values → ``(N, 4)`` float32 RGBA.

    ``negative`` and ``positive`` replace the two ends (a theme's colour roles)."""
    mid = _NEUTRAL if neutral is None else np.array(neutral[:3])
    lo = _NEGATIVE if negative is None else np.array(negative[:3])
    hi = _POSITIVE if positive is None else np.array(positive[:3])
    t = np.clip(np.asarray(values, dtype=np.float64) / max(scale, 1e-12), -1.0, 1.0)[:, None]
    end = np.where(t >= 0, hi, lo)
    rgb = mid + (end - mid) * np.abs(t)
    out = np.ones((len(t), 4), dtype=np.float32)
    out[:, :3] = rgb
    return out
