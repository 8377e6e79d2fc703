"""The overview's title bar and the status shown over its network card: compiling
progress, divergence and messages."""

from __future__ import annotations

import math

from nnviz.anim.epoch_player import PlayerState
from nnviz.render.color import OkabeIto, mix, with_alpha
from nnviz.render.drawlist import DrawList
from nnviz.scenes.kit.header import draw_pill, draw_status_line, draw_title, pill_width
from nnviz.scenes.kit.text import first_that_fits
from nnviz.scenes.overview.text import PHASE_TITLES
from nnviz.sim import Snapshot
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

STATUS_WORDS = {
    "running": "training",
    "paused": "paused",
    "compiling": "preparing",
    "diverged": "diverged",
    "error": "problem",
}


def draw_header(dl: DrawList, t: Theme, y: float, snap: Snapshot, state: PlayerState,
                right: float | None = None, *, phase: bool = False) -> None:  # fmt: skip
    """Title, a status pill, the epoch trained and the epoch shown (as many facts as fit
    left of ``right``; the pill too only when it fits). ``phase``: name the epoch's phase
    as well (the compact layout, which leaves the Process card out).

    Where the epoch does not fit beside the pill even with the title shortened, a
    *training* or *paused* pill steps aside for it (the play button shows that state);
    a *diverged*, *problem* or *unstable* pill stays."""
    status = status_word(snap)
    parts = header_parts(snap, state)
    first = dl.text_layout.width(parts[0], t.heading_px)
    pill_w = pill_width(dl.text_layout, t, status) + t.px(18)
    x = draw_title(dl, t, y, "Network overview", t.roles.overview_level, right=right,
                   keep=pill_w + first)  # fmt: skip
    alarm = status in ("diverged", "problem", "unstable")
    room = float("inf") if right is None else right
    pill = x + pill_w - t.px(18) <= room and (alarm or x + pill_w + first <= room)
    if pill:
        x += draw_pill(dl, t, x, y, status, t.danger if alarm else t.roles.overview_level)
        x += t.px(18)
    elif alarm:
        return
    if phase and state.phase in PHASE_TITLES and state.epoch is not None:
        parts.insert(1, PHASE_TITLES[state.phase].split(maxsplit=1)[-1].strip().lower())
    draw_status_line(dl, t, x, y, parts, right)


def status_word(snap: Snapshot) -> str:
    """The pill's word: a run that trains on but looks wrecked says *unstable*."""
    if snap.unstable and snap.status in ("running", "paused"):
        return "unstable"
    return STATUS_WORDS.get(snap.status, snap.status)


def header_parts(snap: Snapshot, state: PlayerState) -> list[str]:
    """The header's facts: the epoch trained (the last good one after a divergence, with
    the epoch that diverged, as the banner says), the epoch shown, the skipped ones."""
    parts = [f"Epoch {snap.epoch}"]
    if snap.diverged and snap.diverged_epoch is not None:
        parts = [f"Epoch {snap.epoch}, the last good one", f"diverged at {snap.diverged_epoch}"]
    if state.epoch is not None and state.epoch != snap.epoch:
        parts.append(f"showing epoch {state.epoch}")
    if snap.viewing is not None and snap.lockstep:
        parts.append("training waits while you look back")
    if state.skipped:
        parts.append(f"{state.skipped} skipped")
    return parts


def draw_status(dl: DrawList, t: Theme, r: Rect, snap: Snapshot, time: float) -> None:
    """Over the network card's drawing area ``r``: the compile ring while the kernels
    are prepared, else a box for divergence, errors and messages."""
    if snap.status == "compiling":
        _draw_progress(dl, t, r, snap.progress, snap.label, time)
        return
    message = snap.message or snap.unstable
    if snap.status in ("diverged", "error") or message:
        danger = snap.status in ("diverged", "error") or bool(snap.unstable)
        color = t.danger if danger else t.text_dim
        titles = {"diverged": "Training diverged", "error": "Problem"}
        title = titles.get(snap.status, "Training unstable" if snap.unstable else "")
        draw_message(dl, t, r, title, message, color)


def draw_message(dl: DrawList, t: Theme, r: Rect, title: str, message: str, color) -> None:
    """A boxed message (optional bold title, wrapped text) along the bottom of ``r``, as
    tall as its lines need (at most ``r``; lines beyond that are left off, the last one
    shown ending in "…")."""
    pad, text_w = t.padding_px, r.w - 2 * t.padding_px
    step = dl.text_layout.metrics.line_height * t.label_px
    head = t.body_px * 1.3 if title else 0.0
    lines = dl.text_layout.wrap(message, t.label_px, text_w) if message else []
    room = max(int((r.h - 1.2 * pad - head) // step), 1)
    if len(lines) > room:
        lines = [*lines[: room - 1], dl.text_layout.elide(" ".join(lines[room - 1 :]) + " …",
                                                          t.label_px, text_w)]  # fmt: skip
    height = min(1.2 * pad + head + len(lines) * step, r.h)
    box = Rect(r.x, r.bottom - height, r.w, height)
    dl.rect(box.x, box.y, box.right, box.bottom, mix(t.panel, color, 0.12), stroke=color,
            stroke_width=t.px(2), radius=t.radius_px)  # fmt: skip
    y = box.y + pad * 0.6
    if title:
        dl.text(title, box.x + pad, y, t.body_px, color, face="bold")
        y += head
    for i, line in enumerate(lines):
        dl.text(line, box.x + pad, y + i * step, t.label_px, t.text, anchor="lt")


def _draw_progress(
    dl: DrawList, t: Theme, r: Rect, progress: float, label: str, time: float
) -> None:
    cx, cy = r.cx, r.cy
    radius = min(r.w, r.h) * 0.16
    angle = time * 4.0
    dl.ring(cx, cy, radius, t.px(8), with_alpha(t.text_dim, 0.25))
    sweep = max(progress, 0.04) * 2 * math.pi
    dl.arc(cx, cy, radius, t.px(8), t.roles.overview_level, -math.pi / 2, -math.pi / 2 + sweep)
    dl.circle(cx + radius * math.cos(angle), cy + radius * math.sin(angle), t.px(6),
              OkabeIto.ORANGE)  # fmt: skip
    dl.text(f"{progress:.0%}", cx, cy, t.heading_px, t.text, anchor="cm", face="bold")
    # The longest form that fits the card (a projector's narrow card at 1024×768 took the
    # first past both edges), then the smallest; every form says it happens once.
    room = r.w - 2 * t.px(8)
    y = cy + radius + t.px(24)
    said = first_that_fits(dl.text_layout, PROGRESS_FORMS, t.body_px, room)
    dl.text(said, cx, y, t.body_px, t.text, anchor="ct")
    if label:  # which kernel of how many
        short = label.split(":")[0]  # "kernel 1 of 1" without its name
        line = first_that_fits(dl.text_layout, (label, short), t.label_px, room)
        if dl.text_layout.width(line, t.label_px) <= room:
            dl.text(line, cx, y + t.body_px * 1.5, t.label_px, t.text_dim, anchor="ct")


PROGRESS_FORMS = (
    "Preparing the training kernels (first start only)…",
    "Preparing the kernels (first start only)…",
    "Preparing (first start only)…",
    "First start: preparing…",
)
"""What the compile ring says, from the fullest form to the shortest."""
