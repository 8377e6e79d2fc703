"""Line segments cut to boxes (Liang–Barsky), for plots and for the layout audit.

A plot keeps a diverging curve inside its frame; the audit asks which part of a stroke
runs through a text's letters. Both are the same question about many segments at once.
"""

from __future__ import annotations

import numpy as np

__all__ = ["clip_segments"]


def clip_segments(segs: np.ndarray, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The parts of segments ``(N, 4)`` x0 y0 x1 y1 inside ``boxes`` (one ``(4,)`` box
    x0 y0 x1 y1 for all, or ``(N, 4)``, one per segment), and which segments keep a part
    (a boolean per segment; the parts are of those only). Non-finite segments keep none."""
    segs = np.asarray(segs, dtype=np.float64).reshape(-1, 4)
    boxes = np.broadcast_to(np.asarray(boxes, dtype=np.float64), segs.shape)
    x0, y0 = segs[:, 0], segs[:, 1]
    dx, dy = segs[:, 2] - x0, segs[:, 3] - y0
    t0, t1 = np.zeros(len(segs)), np.ones(len(segs))
    keep = np.isfinite(segs).all(axis=1)
    sides = ((-dx, x0 - boxes[:, 0]), (dx, boxes[:, 2] - x0),
             (-dy, y0 - boxes[:, 1]), (dy, boxes[:, 3] - y0))  # fmt: skip
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in sides:
            parallel = p == 0
            keep &= ~(parallel & (q < 0))
            t = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
            t0 = np.where(~parallel & (p < 0), np.maximum(t0, t), t0)
            t1 = np.where(~parallel & (p > 0), np.minimum(t1, t), t1)
        keep &= t0 <= t1
        out = np.column_stack([x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy])
    return out[keep], keep
