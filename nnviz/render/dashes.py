"""Moving dashes: the pattern's phase, kept bounded on the CPU.

A dashed line or curve in a draw list carries its *flow*, a speed in layer units per
second. The pattern at animation time ``t`` is shifted by ``flow * t``; the shader only
needs that shift modulo the pattern's period (dash + gap). Computing it here, in float64,
keeps the number the GPU sees below one period at any ``t``. Uploading ``t`` itself as a
float32 uniform froze the dashes after a day or two of animation time: at 30 days a
float32 time advances in steps of a quarter second, and ``flow * t`` lands in steps of
whole pattern lengths.
"""

from __future__ import annotations

import numpy as np

from nnviz.render.layouts import InstanceLayout

__all__ = ["dash_pieces", "fastest_flow", "with_dash_phase"]


def with_dash_phase(rows: np.ndarray, layout: InstanceLayout, time: float) -> np.ndarray:
    """``rows`` (records of a layout with ``style.dash/gap/flow``) with each flow replaced
    by the dash phase at animation time ``time``, in ``[0, dash + gap)``.

    Returns ``rows`` itself when nothing flows (the common case, no copy); otherwise a
    copy, so a draw list can be drawn again at another time.
    """
    i = layout.index
    flow = rows[:, i["style.flow"]]
    if not flow.any():
        return rows
    period = rows[:, i["style.dash"]].astype(np.float64) + rows[:, i["style.gap"]]
    moving = (flow != 0.0) & (period > 0.0)
    out = rows.copy()
    phase = np.zeros(len(rows), dtype=np.float64)
    phase[moving] = np.mod(flow[moving].astype(np.float64) * float(time), period[moving])
    out[:, i["style.flow"]] = phase
    return out


def fastest_flow(rows: np.ndarray, layout: InstanceLayout) -> float:
    """The largest dash speed in ``rows``, in layer units per animation second (0 when
    nothing flows). The app's loop turns it into pixels per second to decide how often a
    picture whose only motion is flowing dashes must be drawn again."""
    i = layout.index
    if len(rows) == 0:
        return 0.0
    period = rows[:, i["style.dash"]] + rows[:, i["style.gap"]]
    flow = np.abs(rows[:, i["style.flow"]])
    moving = flow[period > 0.0]
    return float(moving.max()) if len(moving) else 0.0


def dash_pieces(segments: np.ndarray, dash: float, gap: float) -> np.ndarray:
    """The dashes of a still dashed path made of ``segments`` ``(N, 4)`` x0 y0 x1 y1 (in
    order; a polyline's, or what is left of them after clipping), as solid pieces
    ``(M, 4)``: the pattern runs on from one segment into the next.

    Why: a dashed line record starts its own pattern, so a curve of many short segments (a
    loss curve: one every two pixels) drew the start of a dash on every one of them and
    read as solid, while its legend showed it dashed.
    """
    seg = np.asarray(segments, dtype=np.float64).reshape(-1, 4)
    seg = seg[np.isfinite(seg).all(axis=1)]
    if not len(seg) or dash <= 0.0 or gap <= 0.0:
        return np.zeros((0, 4))
    period = dash + gap
    lengths = np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])
    start = np.concatenate([[0.0], np.cumsum(lengths)])
    total = float(start[-1])
    if total <= 0.0:
        return np.zeros((0, 4))
    dashes = np.arange(0.0, total, period)
    cuts = np.unique(np.concatenate([start, dashes, np.minimum(dashes + dash, total)]))
    lo, hi = cuts[:-1], cuts[1:]
    mids = 0.5 * (lo + hi)
    keep = (np.mod(mids, period) < dash) & (hi - lo > 1e-9)
    lo, hi, mids = lo[keep], hi[keep], mids[keep]
    k = np.clip(np.searchsorted(start, mids, side="right") - 1, 0, len(seg) - 1)
    span = np.where(lengths[k] > 0.0, lengths[k], 1.0)
    t0, t1 = (lo - start[k]) / span, (hi - start[k]) / span
    p, d = seg[k, :2], seg[k, 2:] - seg[k, :2]
    return np.column_stack([p + t0[:, None] * d, p + t1[:, None] * d])
