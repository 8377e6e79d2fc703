"""The words of the cell view: node explanations and the colour-coded arithmetic readout.

Kept apart from the drawing so the texts can be read (and corrected) in one place. The
readout is a list of *tokens*, each with a role that decides its colour: inputs orange,
weights yellow and previous states bluish green (as in the hand-worked RNN sheets this
follows), results in the text colour. Numbers come from the step's values and the
sequence's weighted sums, i.e. from the trace.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.render.color import Color
from nnviz.render.drawlist import DrawList
from nnviz.render.mathtext import cached_math, draw_math_label
from nnviz.scenes.cell.steps import (
    FORWARD_STAGES,
    GATES,
    STAGE_SHORT,
    STAGE_TITLES,
    CellSequence,
    CellStep,
)
from nnviz.scenes.kit.steps import draw_active_row
from nnviz.scenes.kit.text import fitted_paragraph
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

CHIP_ROLES: dict[str, str] = {"input": "arith_input", "weight": "arith_weight",
                              "state": "arith_state"}  # fmt: skip
"""Token role → the theme's colour role of its chip (:class:`nnviz.ui.roles.Roles`); chips
carry the roles' near-black chip text, legible on every chip colour."""


def chip_color(theme: Theme, role: str) -> Color | None:
    """The chip fill of a readout token's ``role``, or None when it is plain text."""
    name = CHIP_ROLES.get(role)
    return None if name is None else getattr(theme.roles, name)
TOP_TERMS = 3
"""Terms of a weighted sum written out; the rest is "…"."""

GATE_NAMES = {"i": "input gate", "f": "forget gate", "g": "candidate", "o": "output gate"}

NODE_INFO: dict[str, tuple[str, str]] = {
    "x": (
        "Layer input x_t",
        "What this layer receives at time step t: the data point for "
        "the first layer, the hidden state of the layer below otherwise.",
    ),
    "h_prev": (
        "Previous output h_(t−1)",
        "The cell's own output from the previous time step, "
        "fed back through the recurrent loop. It is zero at t = 0.",
    ),
    "concat": (
        "Concatenation [x_t, h_(t−1)]",
        "New input and previous output side by side: every "
        "gate sees both, each through its own weights.",
    ),
    "i": (
        "Input gate i",
        "How much of the new candidate is written into the cell state "
        "(0 = nothing, 1 = all of it).",
    ),
    "f": (
        "Forget gate f",
        "How much of the old cell state is kept (0 = forget, 1 = keep). "
        "Fixed at 1, the cell never forgets.",
    ),
    "g": ("Candidate g", "The new content proposed for the cell state, from the same inputs."),
    "o": ("Output gate o", "How much of the squashed cell state leaves the cell as h_t."),
    "c_prev": (
        "Previous cell state c_(t−1)",
        "The cell's memory from the previous time step, carried by the inner loop.",
    ),
    "mul_f": ("Forgetting f ⊙ c_(t−1)", "Element-wise product: the part of the old memory kept."),
    "mul_i": ("Writing i ⊙ g", "Element-wise product: the part of the candidate written."),
    "add": ("New memory +", "Kept memory plus written candidate: the new cell state."),
    "c": (
        "Cell state c_t",
        "The cell's memory. It changes only by multiplication with f and "
        "addition, which lets gradients survive many time steps.",
    ),
    "tanh_c": ("tanh(c_t)", "Squashes the cell state to −1…1 before it is output."),
    "mul_o": ("Output o ⊙ tanh(c_t)", "The output gate lets part of the squashed memory out."),
    "h": (
        "Output h_t",
        "The cell's activation: goes to the layer above (or the prediction "
        "head) and, through the loop, back into this cell at t + 1.",
    ),
    "before": (
        "The same cell at t − 1",
        "This cell one time step earlier: it passed h_(t−1) along the loop underneath and "
        "c_(t−1) along the loop over the top.",
    ),
    "after": (
        "The same cell at t + 1",
        "This cell one time step later: it receives h_t and c_t through the two loops.",
    ),
    "above": (
        "The layer above",
        "Receives h_t as its input x_t (the last layer passes it to the prediction head).",
    ),
    "below": (
        "The layer below",
        "Sends its output as this layer's input x_t (the first layer gets the data point).",
    ),
    "act": (
        "Activation",
        "A vanilla RNN has one weighted sum and one activation, no gates and no cell state.",
    ),
}


def fmt(value: float) -> str:
    """Two decimals with a real minus sign (reads better on a projector)."""
    text = f"{value:.2f}"
    if text == "-0.00":
        text = "0.00"
    return text.replace("-", "−")


def fmt_small(value: float) -> str:
    """Gradients: three significant digits, scientific when tiny (a zero is "0", never
    "−0", which a product of a negative number and zero would print)."""
    value = value + 0.0  # −0.0 + 0.0 is +0.0
    if value != 0 and abs(value) < 1e-2:
        return f"{value:.1e}".replace("-", "−")
    return f"{value:.3g}".replace("-", "−")


@dataclass(frozen=True)
class Token:
    """A piece of the readout; ``role`` is plain, input, weight, state or result."""

    text: str
    role: str = "plain"


def _sum_tokens(seq: CellSequence, t: int, gate: str, name: str, fn: str, value: float):
    tokens = [Token(f"{name} = {fn}(")]
    ws = seq.weighted_sum(t, gate)
    if ws is None:
        k = 0 if gate == "act" else GATES.index(gate)
        tokens.append(Token(f"z = {fmt(float(seq.lt.pre[t, k, seq.unit]))}"))
    else:
        keep = ws.top_terms(TOP_TERMS)
        for n, k in enumerate(keep):
            if n:
                tokens.append(Token("+"))
            role = "input" if ws.sources[k] == "x" else "state"
            tokens += [
                Token(fmt(ws.inputs[k]), role),
                Token("·"),
                Token(fmt(ws.weights[k]), "weight"),
            ]
        if len(ws.inputs) > len(keep):  # the terms left out: a term "…" of its own
            tokens += [Token("+"), Token("…")]
        tokens += [Token("+"), Token(fmt(ws.bias), "weight")]
    tokens += [Token(")"), Token("="), Token(fmt(value), "result")]
    return tokens


def readout(seq: CellSequence, step: CellStep) -> list[list[Token]]:
    """The arithmetic of ``step`` for the selected unit, one list of tokens per line."""
    v, t, a = step.values, step.t, seq.activations
    if step.stage == "input":
        x = [Token(fmt(float(e)), "input") for e in seq.lt.x[t][:3]]
        more = [Token("…")] if seq.lt.x.shape[1] > 3 else []
        return [
            [Token("x_t ="), *x, *more],
            [Token("h_{t-1} ="), Token(fmt(v["h_prev"]), "state")],
        ]
    if seq.kind == "rnn":
        if step.stage == "activation":
            return [_sum_tokens(seq, t, "act", "h", a.symbol("act"), v["act"])]
        if step.stage == "output":
            return [[Token("h_t ="), Token(fmt(v["h"]), "result")]]
        return [
            [Token("∂L/∂h_t ="), Token(fmt_small(v["dh"]), "result")],
            [Token("∂L/∂z ="), Token(fmt_small(v["dz"]), "result")],
        ]
    if step.stage == "gates":
        lines = []
        for g in GATES:
            if a.fixed(g):
                lines.append(
                    [Token(f"{g} = 1 (fixed)"), Token("=", "plain"), Token("1.00", "result")]
                )
            else:
                lines.append(_sum_tokens(seq, t, g, g, a.symbol(g), v[g]))
        return lines
    if step.stage == "cell":
        return [
            [
                Token(r"c_t = f \odot c_{t-1} + i \odot g ="),
                Token(fmt(v["f"])),
                Token("·"),
                Token(fmt(v["c_prev"]), "state"),
                Token("+"),
                Token(fmt(v["i"])),
                Token("·"),
                Token(fmt(v["g"])),
                Token("="),
                Token(fmt(v["c"]), "result"),
            ]
        ]
    if step.stage == "output":
        return [
            [
                Token("tanh(c_t) = tanh("),
                Token(fmt(v["c"])),
                Token(") ="),
                Token(fmt(v["tanh_c"]), "result"),
            ],
            [
                Token("h_t = o·tanh(c_t) ="),
                Token(fmt(v["o"])),
                Token("·"),
                Token(fmt(v["tanh_c"])),
                Token("="),
                Token(fmt(v["h"]), "result"),
            ],
        ]
    return [
        [
            Token("∂L/∂h_t ="),
            Token(fmt_small(v["dh"]), "result"),
            Token("   ∂L/∂c_t ="),
            Token(fmt_small(v["dc"]), "result"),
        ],
        [
            # Three tokens, so that a narrow card wraps between them (as one, it ran
            # past the card's edge at 1024×768).
            Token("to t − 1"),
            Token("through the loop:"),
            Token("∂L/∂c_t · f_t ="),
            Token(fmt_small(v["dc"])),
            Token("·"),
            Token(fmt(v["f"])),
            Token("="),
            Token(fmt_small(v["dc_prev"]), "result"),
        ],
    ]


def draw_tokens(
    dl: DrawList, tokens: list[Token], x: float, y: float, size: float, theme: Theme, right: float
) -> float:
    """Draw one readout line from its left middle at (x, y), wrapping to the next line at
    ``right``; returns the height used. Coloured roles are drawn as chips."""
    layout = dl.text_layout
    gap = size * 0.3
    line_h = size * 1.75
    x0, height = x, line_h
    for tok in tokens:
        face = "bold" if tok.role == "result" else "regular"
        w = cached_math(layout, tok.text, face).width * size
        chip = chip_color(theme, tok.role)
        pad = size * 0.28 if chip is not None else 0.0
        if x > x0 and x + w + 2 * pad > right:
            x, y, height = x0 + size, y + line_h, height + line_h
        if chip is not None:
            ink = theme.roles.chip_text
            dl.rect(
                x,
                y - size * 0.72,
                x + w + 2 * pad,
                y + size * 0.72,
                chip,
                stroke=ink if tok.role == "weight" else chip,
                stroke_width=size * 0.05,
                radius=size * 0.3,
            )
            dl.text(tok.text, x + pad, y, size, ink, anchor="lm", face=face)
        else:
            draw_math_label(dl, tok.text, x, y, size, theme.text, face=face, anchor="lm")
        x += w + 2 * pad + gap
    return height


def legend_tokens() -> list[Token]:
    """The colour key shown under the readout."""
    return [Token("input", "input"), Token("weight", "weight"), Token("previous state", "state")]


_X = r"\color{input}{x_t}"
_H = r"\color{state}{h_{t-1}}"
_C = r"\color{state}{c_{t-1}}"
"""Formula pieces coloured by their role, as the chips of the arithmetic readout."""


def _weight(gate: str) -> str:
    """A gate's weight matrix, marked up in the weight colour."""
    return rf"\color{{weight}}{{W_{gate}}}"


def _state(value: float) -> str:
    """A previous state's value, marked up in the state colour."""
    return rf"\color{{state}}{{{fmt(float(value))}}}"


def explanation(node: str, seq: CellSequence | None, step: CellStep | None) -> tuple[str, str, str]:
    """``(title, text, formula)`` for the ⓘ popover of ``node``, with the current numbers;
    the formula is math markup (:mod:`nnviz.render.mathtext`), coloured like the readout."""
    title, text = NODE_INFO.get(node, (node, ""))
    if seq is None or step is None:
        return title, text, ""
    t, j = step.t, seq.unit
    lt = seq.lt
    a = seq.activations
    formula = ""
    if node in GATES and seq.kind == "lstm":
        k = GATES.index(node)
        if a.fixed(node):
            formula = f"{node}_t = 1 (fixed)"
        else:
            formula = (
                f"{node}_t = {a.symbol(node)}({_weight(node)}·[{_X}, {_H}] + b_{node}) = "
                f"{a.symbol(node)}({fmt(float(lt.pre[t, k, j]))}) = {fmt(float(lt.act[t, k, j]))}"
            )
    elif node == "act" and seq.kind == "rnn":
        z, h = fmt(float(lt.pre[t, 0, j])), fmt(float(lt.act[t, 0, j]))
        formula = f"h_t = {a.symbol('act')}({z}) = {h}"
    elif node in ("c", "add") and lt.c is not None:
        formula = (
            f"c_t = f \\odot {_C} + i \\odot g = {fmt(float(lt.act[t, 1, j]))}·"
            f"{_state(lt.c_prev[t, j])}"
            f" + {fmt(float(lt.act[t, 0, j]))}·{fmt(float(lt.act[t, 2, j]))}"
            f" = {fmt(float(lt.c[t, j]))}"
        )
    elif node == "mul_f" and lt.c is not None:
        formula = f"f \\odot {_C} = {fmt(float(lt.act[t, 1, j] * lt.c_prev[t, j]))}"
    elif node == "mul_i" and lt.c is not None:
        formula = f"i \\odot g = {fmt(float(lt.act[t, 0, j] * lt.act[t, 2, j]))}"
    elif node == "c_prev" and lt.c_prev is not None:
        formula = f"{_C} = {_state(lt.c_prev[t, j])}"
    elif node == "tanh_c" and lt.tanh_c is not None:
        formula = f"\\tanh({fmt(float(lt.c[t, j]))}) = {fmt(float(lt.tanh_c[t, j]))}"
    elif node in ("h", "mul_o"):
        formula = f"h_t = {fmt(float(lt.h[t, j]))}"
        if lt.tanh_c is not None:
            formula = (
                f"h_t = o \\odot \\tanh(c_t) = {fmt(float(lt.act[t, 3, j]))}·"
                f"{fmt(float(lt.tanh_c[t, j]))} = {fmt(float(lt.h[t, j]))}"
            )
    elif node == "h_prev":
        formula = f"{_H} = {_state(lt.h_prev[t, j])}"
    elif node in ("x", "concat"):
        values = ", ".join(fmt(float(e)) for e in lt.x[t][:4])
        formula = f"{_X} = \\color{{input}}{{{values}}}"
    return title, text, formula


def draw_step_list(
    dl: DrawList,
    seq: CellSequence | None,
    step: CellStep | None,
    progress: float,
    x: float,
    y: float,
    w: float,
    h: float,
    theme: Theme,
    accent: Color,
) -> None:
    """The compute steps of one time step with the current one highlighted, and its
    sentence below (exploRNN's part I)."""
    kind = seq.kind if seq is not None else "lstm"
    stages = (*FORWARD_STAGES[kind], "backward")
    size = theme.label_px
    row = size * 1.9
    gap = theme.px(3)
    # Large type in a short card: the rows around the current step, never smaller type.
    shown = max(1, min(len(stages), int((h + gap) // (row + gap))))
    current = stages.index(step.stage) if step is not None and step.stage in stages else 0
    first = min(max(current - shown // 2, 0), len(stages) - shown)
    inset = theme.padding_px * 0.6

    def label_of(stage: str, titles: dict[str, str]) -> str:
        n = stages.index(stage)
        return f"{n + 1}. {titles[stage]}" if stage != "backward" else titles[stage]

    # Every row by its full title where all fit (in bold, as the current one is drawn),
    # else every row by its short name: one naming for the whole list.
    fits = all(dl.text_layout.width(label_of(st, STAGE_TITLES), size, "bold") <= w - 2 * inset
               for st in stages)  # fmt: skip
    titles = STAGE_TITLES if fits else STAGE_SHORT
    for i, stage in enumerate(stages[first : first + shown]):
        active = step is not None and step.stage == stage
        top = y + i * (row + gap)
        if active:
            draw_active_row(dl, theme, x, top, w, row, progress, accent, theme.px(4))
        color = theme.text if active else theme.text_dim
        face = "bold" if active else "regular"
        label = dl.text_layout.elide(label_of(stage, titles), size, w - 2 * inset, face)
        dl.text(label, x + inset, top + row / 2, size, color, anchor="lm", face=face)
    if step is None:
        return
    top = y + shown * (row + gap) + theme.px(6)
    fitted_paragraph(dl, theme, step.sentence, Rect(x, top, w, y + h - top), theme.text)
