"""How large a frame may be: one limit for ``--size``, headless resizes and windows.

A frame is allocated several times over (the framebuffer, a read-back copy, the PNG
encoder's buffer), so a mistyped ``--size 16384x16384`` would ask for gigabytes and
end in an out-of-memory kill instead of a message. 8K (7680×4320) is the largest
screen nnviz is meant for; anything with more pixels is refused with a clear line.
"""

from __future__ import annotations

MIN_SIDE = 16
MAX_SIDE = 16384
"""Per-side limits (GL implementations guarantee at least 16384 for textures on desktop)."""
MAX_PIXELS = 7680 * 4320
"""33 megapixels, an 8K frame: about 133 MB as RGBA."""
BYTES_PER_PIXEL = 4


def frame_size_problem(width: int, height: int) -> str | None:
    """Why a ``width``×``height`` frame cannot be made, in one line, or None if it can."""
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        return f"size {width}x{height} is out of range ({MIN_SIDE} to {MAX_SIDE} per side)"
    if width * height > MAX_PIXELS:
        need = width * height * BYTES_PER_PIXEL
        return (
            f"size {width}x{height} would need {_human(need)} per frame; the largest is "
            f"{MAX_PIXELS / 1e6:.0f} megapixels (8K, 7680x4320)"
        )
    return None


def is_drawable(size: tuple[int, int]) -> bool:
    """Whether a drawable of ``size`` can be laid out and drawn (a minimised window
    reports 0×0 on some platforms; nothing is drawn into it until it comes back)."""
    return size[0] >= 1 and size[1] >= 1


def clamp_frame_size(width: int, height: int) -> tuple[int, int]:
    """``width``×``height`` shrunk, aspect kept, to fit :data:`MAX_PIXELS` and
    :data:`MAX_SIDE` (for resizes that arrive as events, where there is nobody to refuse)."""
    scale = min(1.0, MAX_SIDE / max(width, height, 1), (MAX_PIXELS / max(width * height, 1)) ** 0.5)
    return (max(int(width * scale), 0), max(int(height * scale), 0))


def _human(nbytes: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if nbytes < 1024 or unit == "GiB":
            return f"{nbytes:.1f} {unit}" if unit != "bytes" else f"{nbytes:.0f} bytes"
        nbytes /= 1024
    raise AssertionError("unreachable")
