"""Validation of configuration values: one clear sentence per bad value (``ValueError``).

Shared by every task's configuration, so the same mistake reads the same everywhere.
"""

from __future__ import annotations

import math

__all__ = ["integer", "number"]


def integer(what: str, value: object, lo: int, hi: int | None) -> int:
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise ValueError(f"{what} must be a whole number, got {value!r}.")
    v = int(value)  # type: ignore[arg-type]
    if v < lo or (hi is not None and v > hi):
        bound = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
        raise ValueError(f"{what} must be {bound}, got {v}.")
    return v


def number(what: str, value: object, lo: float, hi: float) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, got {value!r}.")
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}.") from None
    if not math.isfinite(v) or not lo <= v <= hi:
        raise ValueError(f"{what} must be between {lo:g} and {hi:g}, got {value!r}.")
    return v
