"""Colour difference as people see it: CIELAB, ΔE (CIE76) and colour-vision-deficiency simulation.

Used to hold the colour language (:mod:`nnviz.ui.roles`) to a measurable rule: two roles
that must be told apart differ by a large enough ΔE for normal vision *and* for a viewer
with deuteranopia, protanopia or tritanopia. The simulation is Machado, Oliveira &
Fernandes (2009), "A physiologically-based model for simulation of color vision
deficiency", IEEE TVCG 15(6), with their severity-1.0 matrices applied to *linear* RGB.
ΔE is the CIE76 Euclidean distance in CIELAB (D65 white), chosen because it is the
plain, reproducible definition; CIEDE2000 would give smaller numbers for saturated blues.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MACHADO_2009: dict[str, np.ndarray] = {
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968],
         [0.280085, 0.672501, 0.047413],
         [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868],
         [0.114503, 0.786281, 0.099216],
         [-0.003882, -0.048116, 1.051998]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779],
         [-0.078411, 0.930809, 0.147602],
         [0.004733, 0.691367, 0.303900]]
    ),
}  # fmt: skip
"""Severity-1.0 simulation matrices (linear RGB → linear RGB), from Machado et al. 2009."""

VISIONS: tuple[str, ...] = ("normal", *MACHADO_2009)
"""Every way of seeing the colour test checks, normal vision first."""

_SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375],
     [0.2126729, 0.7151522, 0.0721750],
     [0.0193339, 0.1191920, 0.9503041]]
)  # fmt: skip
_D65 = np.array([0.95047, 1.0, 1.08883])


def to_linear(rgb: Sequence[float] | np.ndarray) -> np.ndarray:
    """sRGB components in [0, 1] → linear light (the IEC 61966-2-1 curve)."""
    c = np.asarray(rgb, dtype=np.float64)[..., :3]
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb(linear: np.ndarray) -> np.ndarray:
    """Linear light → sRGB components, clipped to [0, 1]."""
    c = np.clip(linear, 0.0, 1.0)
    return np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)


def simulate(rgb: Sequence[float] | np.ndarray, vision: str) -> np.ndarray:
    """How ``rgb`` (sRGB) looks with ``vision`` (``"normal"`` or a key of :data:`MACHADO_2009`)."""
    if vision == "normal":
        return np.asarray(rgb, dtype=np.float64)[..., :3]
    lin = to_linear(rgb) @ MACHADO_2009[vision].T
    return to_srgb(lin)


def lab(rgb: Sequence[float] | np.ndarray) -> np.ndarray:
    """sRGB → CIELAB (D65)."""
    xyz = to_linear(rgb) @ _SRGB_TO_XYZ.T / _D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )


def delta_e(a: Sequence[float], b: Sequence[float], vision: str = "normal") -> float:
    """CIE76 ΔE between two sRGB colours as seen with ``vision``."""
    return float(np.linalg.norm(lab(simulate(a, vision)) - lab(simulate(b, vision))))
