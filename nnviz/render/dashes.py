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

__all__ = ["fastest_flow", "with_dash_phase"]


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
