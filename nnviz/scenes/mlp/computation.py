"""The computation for the selected point, written out step by step with real numbers.

The view-model of the Computation card: from one epoch record (its weights, its trace of
the selected point, its configuration) it builds the forward pass neuron by neuron
(``z = x₀·w₀₀ + x₁·w₁₀ + b``, ``a = σ(z)``), the loss, and the backward pass with the chain
rule written out for every neuron and every weight. Every number is computed here from
the record's weights and the traced inputs, in float64, by the formulas shown — not
copied from the trace — so the tests can hold each of them equal to the core's forward
and backward values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nnviz.scenes.cell.text import Token
from nnviz.scenes.mlp.graph import layer_params
from nnviz.scenes.mlp.numbers import fmt, fmt_small, sub
from nnviz.sim import EpochRecord

SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "linear": "id"}
def derivative(activation: str, a: str) -> str:
    """The activation's derivative written in terms of the neuron's output ``a``, e.g.
    ``a₂(1−a₂)``: inside the line ``δ = ∂L/∂a₂·… = 0.364 · 0.25`` a formula with its own
    "=" (``σ′ = a(1−a)``) read as if the derivative equalled the product."""
    return {"sigmoid": f"{a}(1−{a})", "tanh": f"(1−{a}²)", "relu": "[z>0]"}.get(activation, "1")



def act(z: float, name: str) -> float:
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return max(z, 0.0)
    return z


def act_grad(z: float, a: float, name: str) -> float:
    """The derivative of the activation at ``z`` (whose value is ``a``)."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return 1.0 if z > 0 else 0.0
    return 1.0


@dataclass(frozen=True)
class CompStep:
    """One step of the readout: where it is (phase, size level, unit), its lines of
    tokens, and the numbers it shows by name (what the tests compare)."""

    phase: str  # "forward", "loss" or "backward"
    level: int  # size level of the neuron (1 = first hidden layer); 0 for the loss
    unit: int
    title: str
    lines: tuple[tuple[Token, ...], ...]
    values: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Computation:
    """Every step for one record, and the numbers per layer (forward: z, a; backward:
    δ = ∂L/∂z, and the weight and bias gradients) computed by the formulas shown."""

    steps: tuple[CompStep, ...]
    z: tuple[np.ndarray, ...]
    a: tuple[np.ndarray, ...]
    delta: tuple[np.ndarray, ...]
    grad_w: tuple[np.ndarray, ...]
    grad_b: tuple[np.ndarray, ...]
    loss: float


def _output_delta(cfg, y_hat: float, y: float, z: float) -> tuple[float, str]:
    """∂L/∂z of the sigmoid output for one point, and the formula it follows."""
    d = y_hat - y
    s = y_hat * (1.0 - y_hat)
    if cfg.loss == "mse":
        return 2.0 * d * s, "∂L/∂z = 2(ŷ − y)·σ′(z)"
    if cfg.loss == "mae":
        sign = 1.0 if d > 0 else (-1.0 if d < 0 else 0.0)
        return sign * s, "∂L/∂z = sign(ŷ − y)·σ′(z)"
    g, text = d, "∂L/∂z = ŷ − y"
    p = cfg.confidence_penalty
    if p:
        pc = min(max(y_hat, 1e-7), 1.0 - 1e-7)
        g += p * pc * (1.0 - pc) * math.log(pc / (1.0 - pc))
        text += " + λ·ŷ(1−ŷ)·log(ŷ/(1−ŷ))"
    return g, text


def _loss(cfg, y_hat: float, y: float) -> tuple[float, str]:
    if cfg.loss == "mse":
        return (y_hat - y) ** 2, "L = (ŷ − y)²"
    if cfg.loss == "mae":
        return abs(y_hat - y), "L = |ŷ − y|"
    pc = min(max(y_hat, 1e-7), 1.0 - 1e-7)
    value = -(y * math.log(pc) + (1.0 - y) * math.log(1.0 - pc))
    if cfg.confidence_penalty:
        value += cfg.confidence_penalty * (pc * math.log(pc) + (1.0 - pc) * math.log(1.0 - pc))
    return value, "L = −y·log ŷ − (1−y)·log(1−ŷ)"


def _name(level: int, unit: int, last: int) -> str:
    if level == 0:
        return f"x{sub(unit)}"
    if level == last:
        return "ŷ"
    return f"a{sub(unit)}" if last == 2 else f"a{sub(level)},{sub(unit)}"


def compute(record: EpochRecord) -> Computation | None:
    """The computation of ``record``'s traced point (None without trace or weights)."""
    trace, params = record.trace, record.params
    if trace is None or params is None or not record.layer_sizes:
        return None
    cfg = record.config
    sizes = tuple(record.layer_sizes)
    last = len(sizes) - 1
    acts = (*cfg.activations, "sigmoid")
    wb = layer_params(np.asarray(params, dtype=np.float64), sizes)
    a_vals = [np.asarray(trace.layers[0].input, dtype=np.float64)]
    z_vals: list[np.ndarray] = []
    steps: list[CompStep] = []
    for layer, (w, b) in enumerate(wb):
        prev = a_vals[-1]
        z = np.array([math.fsum([*(prev * w[:, j]), b[j]]) for j in range(w.shape[1])])
        a = np.array([act(float(v), acts[layer]) for v in z])
        z_vals.append(z)
        a_vals.append(a)
        for j in range(w.shape[1]):
            terms: list[Token] = [Token(f"z{sub(j)} =") if layer + 1 < last else Token("z =")]
            for i in range(w.shape[0]):
                if i:
                    terms.append(Token("+"))
                terms += [Token(fmt(float(prev[i])), "input"), Token("·"),
                          Token(fmt(float(w[i, j])), "weight")]  # fmt: skip
            terms += [Token("+"), Token(fmt(float(b[j])), "weight"), Token("="),
                      Token(fmt(float(z[j])), "result")]  # fmt: skip
            name = _name(layer + 1, j, last)
            sym = SYMBOLS[acts[layer]]
            out = (Token(f"{name} = {sym}("), Token(fmt(float(z[j]))), Token(") ="),
                   Token(fmt(float(a[j])), "result"))  # fmt: skip
            where = "output" if layer + 1 == last else f"hidden neuron {name}"
            values = {"z": float(z[j]), "a": float(a[j])}
            steps.append(CompStep("forward", layer + 1, j, f"Forward: {where}",
                                  (tuple(terms), out), values))  # fmt: skip
    y_hat = float(a_vals[-1][0])
    y = float(np.asarray(trace.target).ravel()[0])
    loss, loss_text = _loss(cfg, y_hat, y)
    d_out, d_text = _output_delta(cfg, y_hat, y, float(z_vals[-1][0]))
    steps.append(CompStep("loss", 0, 0, "Loss", (
        (Token("ŷ ="), Token(fmt(y_hat), "input"), Token("  y ="), Token(fmt(y), "input")),
        (Token(loss_text), Token("="), Token(fmt_small(loss), "result")),
    ), {"loss": loss}))  # fmt: skip
    deltas: list[np.ndarray] = [np.array([d_out])]
    grads_w: list[np.ndarray] = []
    grads_b: list[np.ndarray] = []
    for layer in range(last - 1, -1, -1):
        w, _ = wb[layer]
        delta = deltas[0]
        prev = a_vals[layer]
        gw = np.outer(prev, delta)
        grads_w.insert(0, gw)
        grads_b.insert(0, delta.copy())
        for j in range(len(delta)):
            name = _name(layer + 1, j, last)
            lines: list[tuple[Token, ...]] = []
            if layer + 1 == last:
                result = Token(fmt_small(float(delta[j])), "result")
                lines.append((Token(d_text), Token("="), result))
            else:
                w_up, _ = wb[layer + 1]
                up = deltas[1]
                da = math.fsum(up * w_up[j, :])
                terms: list[Token] = [Token(f"∂L/∂{name} =")]
                for k in range(len(up)):
                    if k:
                        terms.append(Token("+"))
                    # Three significant digits on both sides of a product, as its
                    # result has: "0.569 · 0.05 = 0.0297" read as a wrong sum of digits.
                    terms += [Token(fmt_small(float(up[k])), "state"), Token("·"),
                              Token(fmt_small(float(w_up[j, k])), "weight")]  # fmt: skip
                terms += [Token("="), Token(fmt_small(da), "result")]
                lines.append(tuple(terms))
                zj, aj = float(z_vals[layer][j]), float(a_vals[layer + 1][j])
                lines.append((Token(f"δ = ∂L/∂{name}·{derivative(acts[layer], name)} ="),
                              Token(fmt_small(da), "state"), Token("·"),
                              Token(fmt_small(act_grad(zj, aj, acts[layer]))), Token("="),
                              Token(fmt_small(float(delta[j])), "result")))  # fmt: skip
            for i in range(len(prev)):
                src = _name(layer, i, last)
                lines.append((Token(f"∂L/∂w{sub(i)}{sub(j)} = δ·{src} ="),
                              Token(fmt_small(float(delta[j])), "state"), Token("·"),
                              Token(fmt_small(float(prev[i])), "input"), Token("="),
                              Token(fmt_small(float(gw[i, j])), "result")))  # fmt: skip
            lines.append((Token("∂L/∂b = δ ="), Token(fmt_small(float(delta[j])), "result")))
            where = "output" if layer + 1 == last else f"hidden neuron {name}"
            steps.append(CompStep("backward", layer + 1, j, f"Backward: {where}", tuple(lines),
                                  {"delta": float(delta[j])}))  # fmt: skip
        if layer > 0:
            up_w = wb[layer][0]
            lower = np.array([
                math.fsum(delta * up_w[i, :]) * act_grad(float(z_vals[layer - 1][i]),
                                                          float(a_vals[layer][i]), acts[layer - 1])
                for i in range(up_w.shape[0])
            ])  # fmt: skip
            deltas.insert(0, lower)
    return Computation(tuple(steps), tuple(z_vals), tuple(a_vals[1:]), tuple(deltas),
                       tuple(grads_w), tuple(grads_b), loss)  # fmt: skip
