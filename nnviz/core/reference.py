"""Readable numpy reference of every forward and backward pass: the test oracle.

Written to read like the equations, not to be fast: explicit loops over layers and
time steps, one small matrix product per gate.  ``nnviz.core``'s numba kernels must
match these results (``allclose``) and these must match central differences.
"""

from __future__ import annotations

import numpy as np

from .lstm import GATE_ORDER
from .params import Model

EPS = 1e-7


def act(z: np.ndarray, name: str) -> np.ndarray:
    """Activation by name."""
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "hard_sigmoid":
        return np.clip(0.2 * z + 0.5, 0.0, 1.0)
    return z


def act_grad(z: np.ndarray, name: str) -> np.ndarray:
    """d act(z) / dz by name."""
    a = act(z, name)
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return (z > 0).astype(z.dtype)
    if name == "hard_sigmoid":
        return np.where(np.abs(z) < 2.5, 0.2, 0.0)
    return np.ones_like(z)


def loss_and_dz(
    z: np.ndarray, y: np.ndarray, head_act: str, loss: str, penalty: float = 0.0
) -> tuple[float, np.ndarray, np.ndarray]:
    """Mean loss, per-row loss and dL/dz for rows of head pre-activations z (R, K)."""
    rows, k = z.shape
    if loss == "softmax_ce":
        zs = z - z.max(axis=1, keepdims=True)
        logp = zs - np.log(np.exp(zs).sum(axis=1, keepdims=True))
        row = -(y * logp).sum(axis=1)
        dz = (np.exp(logp) * y.sum(axis=1, keepdims=True) - y) / rows
        return float(row.mean()), row, dz
    p = act(z, head_act)
    if loss == "mse":
        row = ((p - y) ** 2).mean(axis=1)
        dp = 2.0 * (p - y)
    elif loss == "mae":
        row = np.abs(p - y).mean(axis=1)
        dp = np.sign(p - y)
    else:  # bce with optional confidence penalty  L = BCE - beta * H(p)
        pc = np.clip(p, EPS, 1.0 - EPS)
        ent = -(pc * np.log(pc) + (1 - pc) * np.log(1 - pc))
        row = (-(y * np.log(pc) + (1 - y) * np.log(1 - pc)) - penalty * ent).mean(axis=1)
        dp = (pc - y) / (pc * (1 - pc)) + penalty * np.log(pc / (1 - pc))
        dp = np.where((p <= EPS) | (p >= 1 - EPS), 0.0, dp)
    return float(row.mean()), row, dp * act_grad(z, head_act) / (rows * k)


def targets(model: Model, y: np.ndarray) -> np.ndarray:
    """One-hot encode integer class targets, pass float targets through."""
    y = np.asarray(y)
    if np.issubdtype(y.dtype, np.integer):
        return np.eye(model.n_out)[y]  # type: ignore[attr-defined]
    return y.astype(np.float64)


def sequence_pass(
    model: Model,
    x: np.ndarray,
    y: np.ndarray,
    loss: str = "mse",
    penalty: float = 0.0,
    window: int = 0,
) -> dict:
    """Forward + loss + BPTT for an RNN/LSTM on batch x (B, T, n_in).

    Returns a dict with ``loss``, ``grads`` (flat, model layout), ``h``/``c``/``gates``
    per layer (lists of arrays (B, T, ...)), ``dh``/``dc`` per layer, ``out``.
    """
    lstm = model.kind == "lstm"
    p = {name: model.param(name).astype(np.float64) for name in model.param_names()}
    x = x.astype(np.float64)
    yt = targets(model, y)
    batch, steps, _ = x.shape
    n_layers = model.num_layers  # type: ignore[attr-defined]
    if lstm:
        ab = model.ablation  # type: ignore[attr-defined]
        fixed = {"i": ab.fix_input, "f": ab.fix_forget, "o": ab.fix_output, "g": False}
        gate_fn = {"i": ab.gate, "f": ab.gate, "o": ab.gate, "g": ab.candidate}
    cell_act = getattr(model, "activation", "tanh")

    inputs = x
    cache = []
    for layer in range(n_layers):
        wx, wh, b = (p[f"layer{layer}.{k}"] for k in ("Wx", "Wh", "b"))
        nh = wh.shape[0]
        h = np.zeros((batch, steps + 1, nh))  # index t+1 holds h_t, index 0 the zero state
        c = np.zeros((batch, steps + 1, nh))
        zs = np.zeros((batch, steps, wx.shape[1]))
        gates: dict[str, np.ndarray] = {k: np.zeros((batch, steps, nh)) for k in GATE_ORDER}
        for t in range(steps):
            z = inputs[:, t] @ wx + h[:, t] @ wh + b
            zs[:, t] = z
            if lstm:
                for k, name in enumerate(GATE_ORDER):
                    zk = z[:, k * nh : (k + 1) * nh]
                    gates[name][:, t] = 1.0 if fixed[name] else act(zk, gate_fn[name])
                c[:, t + 1] = gates["f"][:, t] * c[:, t] + gates["i"][:, t] * gates["g"][:, t]
                h[:, t + 1] = gates["o"][:, t] * np.tanh(c[:, t + 1])
            else:
                h[:, t + 1] = act(z, cell_act)
        cache.append((inputs, h, c, zs, gates))
        inputs = h[:, 1:]
    head_z = inputs @ p["head.W"] + p["head.b"]  # (B, T, n_out)
    n_out = head_z.shape[-1]
    rows_z = head_z.reshape(-1, n_out)
    total, row_loss, dz_rows = loss_and_dz(
        rows_z, yt.reshape(-1, n_out), _head_act(model), loss, penalty
    )
    dz_head = dz_rows.reshape(batch, steps, n_out)
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    grads["head.W"] = np.einsum("btk,btj->kj", inputs, dz_head)
    grads["head.b"] = dz_head.sum(axis=(0, 1))
    d_above = dz_head @ p["head.W"].T  # dL/dh_t of the top layer from the head
    all_dh: list[np.ndarray] = [None] * n_layers  # type: ignore[list-item]
    all_dc: list[np.ndarray] = [None] * n_layers  # type: ignore[list-item]
    for layer in range(n_layers - 1, -1, -1):
        inputs_l, h, c, zs, gates = cache[layer]
        wx, wh = p[f"layer{layer}.Wx"], p[f"layer{layer}.Wh"]
        nh = wh.shape[0]
        dh_next = np.zeros((batch, nh))
        dc_next = np.zeros((batch, nh))
        dzs = np.zeros_like(zs)
        dhs = np.zeros((batch, steps, nh))
        dcs = np.zeros((batch, steps, nh))
        for t in range(steps - 1, -1, -1):
            dh = d_above[:, t] + dh_next
            dhs[:, t] = dh
            z = zs[:, t]
            if lstm:
                i, f, g, o = (gates[k][:, t] for k in GATE_ORDER)
                tc = np.tanh(c[:, t + 1])
                dc = dh * o * (1 - tc**2) + dc_next
                dcs[:, t] = dc
                local = {"i": dc * g, "f": dc * c[:, t], "g": dc * i, "o": dh * tc}
                for k, name in enumerate(GATE_ORDER):
                    sl = slice(k * nh, (k + 1) * nh)
                    if not fixed[name]:
                        dzs[:, t, sl] = local[name] * act_grad(z[:, sl], gate_fn[name])
                dc_next = dc * f
            else:
                dzs[:, t] = dh * act_grad(z, cell_act)
            dh_next = dzs[:, t] @ wh.T
            if window > 0 and t % window == 0:
                dh_next = np.zeros_like(dh_next)
                dc_next = np.zeros_like(dc_next)
        grads[f"layer{layer}.Wx"] = np.einsum("btn,btg->ng", inputs_l, dzs)
        grads[f"layer{layer}.Wh"] = np.einsum("btn,btg->ng", h[:, :-1], dzs)
        grads[f"layer{layer}.b"] = dzs.sum(axis=(0, 1))
        all_dh[layer], all_dc[layer] = dhs, dcs
        d_above = dzs @ wx.T
    flat = np.concatenate([grads[name].ravel() for name in model.param_names()])
    return {
        "loss": total,
        "row_loss": row_loss.reshape(batch, steps),
        "grads": flat,
        "h": [ch[1][:, 1:] for ch in cache],
        "c": [ch[2][:, 1:] for ch in cache],
        "z": [ch[3] for ch in cache],
        "gates": [ch[4] for ch in cache],
        "dh": all_dh,
        "dc": all_dc,
        "head_z": head_z,
    }


def _head_act(model: Model) -> str:
    from .activations import NAMES

    return NAMES[int(model.head_act_id)]  # type: ignore[attr-defined]


def mlp_pass(
    model: Model, x: np.ndarray, y: np.ndarray, loss: str = "mse", penalty: float = 0.0
) -> dict:
    """Forward + loss + backward for an MLP on x (B, n_in): loss, grads, z, a, deltas."""
    acts = model.activations  # type: ignore[attr-defined]
    n_layers = len(acts)
    a = [x.astype(np.float64)]
    zs = []
    for layer in range(n_layers):
        z = a[-1] @ model.param(f"layer{layer}.W").astype(np.float64) + model.param(
            f"layer{layer}.b"
        )
        zs.append(z)
        a.append(act(z, acts[layer]))
    total, row_loss, delta = loss_and_dz(zs[-1], targets(model, y), acts[-1], loss, penalty)
    grads: dict[str, np.ndarray] = {}
    deltas = [None] * n_layers
    for layer in range(n_layers - 1, -1, -1):
        deltas[layer] = delta
        grads[f"layer{layer}.W"] = a[layer].T @ delta
        grads[f"layer{layer}.b"] = delta.sum(axis=0)
        if layer > 0:
            w = model.param(f"layer{layer}.W").astype(np.float64)
            delta = (delta @ w.T) * act_grad(zs[layer - 1], acts[layer - 1])
    flat = np.concatenate([grads[name].ravel() for name in model.param_names()])
    return {
        "loss": total,
        "row_loss": row_loss,
        "grads": flat,
        "z": zs,
        "a": a[1:],
        "delta": deltas,
    }


def adam_update(
    params: np.ndarray, grads: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
    lr: float = 0.01, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8,
) -> None:  # fmt: skip
    """In-place Adam step number ``t`` (1-based) on flat arrays."""
    m *= b1
    m += (1 - b1) * grads
    v *= b2
    v += (1 - b2) * grads * grads
    params -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
