"""The Computation card: one step of the selected point's arithmetic at a time.

Steps advance on the animation clock (forward neuron by neuron, the loss, then backward),
or one at a time with the step buttons (, and . keys). The numbers are chips in the cell
view's colour code: inputs and activations from below orange, weights and biases yellow,
the error signal from above bluish green, results bold.
"""

from __future__ import annotations

from nnviz.render.drawlist import DrawList
from nnviz.scenes.cell.text import Token, draw_tokens
from nnviz.scenes.kit.steps import draw_active_row
from nnviz.scenes.kit.text import fitted_paragraph, shrink_to_fit
from nnviz.scenes.mlp.computation import Computation
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

STEP_SECONDS = 2.5
"""Animation seconds per step at 1×."""
LEGEND = (Token("input / a below", "input"), Token("weight, bias", "weight"),
          Token("error from above", "state"))  # fmt: skip


class StepPlayer:
    """Which step is shown, and how far it has played.

    Steps wrap around while :attr:`loop` holds (the scene clears it while training is
    paused: the computation on screen will not change, so the pass ends on its last step
    and a still picture costs no frames); :meth:`play` starts an ended pass again.
    """

    def __init__(self) -> None:
        self.index = 0
        self.elapsed = 0.0
        self.auto = True
        self.loop = True
        self.finished = False
        """The pass ended on its last step (no loop)."""

    @property
    def moving(self) -> bool:
        """Whether animation time moves the shown step on."""
        return self.auto and not self.finished

    def update(self, anim_dt: float, count: int) -> None:
        if count <= 0:
            return
        self.index %= count
        if self.finished and self.loop:
            self.play()  # training runs again
        if not self.moving:
            return
        self.elapsed += anim_dt
        while self.elapsed >= STEP_SECONDS:
            if self.index + 1 >= count and not self.loop:
                self.finished, self.elapsed = True, STEP_SECONDS
                return
            self.elapsed -= STEP_SECONDS
            self.index = (self.index + 1) % count

    def play(self, on: bool = True) -> None:
        """Step on by itself (an ended pass starts again at its first step), or not."""
        self.auto = on
        if on and self.finished:
            self.finished, self.index, self.elapsed = False, 0, 0.0

    def step(self, delta: int, count: int) -> None:
        """Show the next (``+1``) or previous (``-1``) step and stop the automatic play."""
        self.auto = self.finished = False
        self.elapsed = 0.0
        if count > 0:
            self.index = (self.index + delta) % count

    @property
    def progress(self) -> float:
        return min(self.elapsed / STEP_SECONDS, 1.0) if self.auto else 1.0


def draw_computation(dl: DrawList, t: Theme, r: Rect, comp: Computation | None,
                     player: StepPlayer) -> None:  # fmt: skip
    """The current step's title with its place in the pass, its lines, and the colour key."""
    if comp is None or not comp.steps:
        fitted_paragraph(dl, t, "The computation appears after the first epoch.", r, t.text_dim)
        return
    index = player.index % len(comp.steps)
    step = comp.steps[index]
    head = t.label_px * 1.9
    accent = t.series[0] if step.phase == "forward" else t.series[1]
    draw_active_row(dl, t, r.x, r.y, r.w, head, player.progress, accent, t.px(4))
    layout = dl.text_layout
    pad = t.padding_px * 0.6
    room = r.w - 2 * pad
    # The step's place in the pass goes first on a narrow card, then the title's end.
    title = f"{index + 1}/{len(comp.steps)}  {step.title}"
    if layout.width(title, t.label_px, "bold") > room:
        title = layout.elide(step.title, t.label_px, room, "bold")
    dl.text(title, r.x + pad, r.y + head / 2, t.label_px, t.text, anchor="lm", face="bold")

    def rows(line: tuple[Token, ...], size: float) -> int:
        width = sum(layout.width(k.text, size) + size * 0.9 for k in line)
        return max(1, int(width // r.w) + 1)

    # The colour key only where it leaves the body three lines (else the ⓘ names them).
    key_h = rows(LEGEND, t.label_px) * 1.75 * t.label_px + t.label_px * 0.45
    legend = r.h - head - t.px(6) - key_h >= 3 * 1.75 * t.small_px
    body = Rect(r.x, r.y + head + t.px(6), r.w, r.h - head - t.px(6) - (key_h if legend else 0))

    def fits(size: float) -> bool:
        return sum(rows(line, size) for line in step.lines) * 1.75 * size <= body.h

    size = shrink_to_fit(t.body_px, fits, 4, floor=t.small_px)
    y = body.y + size * 0.9
    for line in step.lines:
        if y - size * 0.9 + rows(line, size) * 1.75 * size > body.bottom + 0.5:
            break  # no room for the whole line: the steps after it show the rest
        y += draw_tokens(dl, list(line), body.x, y, size, t, body.right)
    if legend:
        draw_tokens(dl, list(LEGEND), r.x, r.bottom - key_h + t.label_px * 0.9, t.label_px, t,
                    r.right)  # fmt: skip
