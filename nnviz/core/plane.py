"""An MLP evaluated over the 2-D input plane: the decision boundary and neuron maps.

Why numpy and not the training kernel: the kernel always runs the backward pass as
well, and a plane is one forward pass over a fixed grid (128² points through a network
of at most a few hundred weights: about a millisecond). It runs in the training worker,
never in the render thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .mlp import MLP
from .reference import act

__all__ = ["PlaneMaps", "evaluate_plane", "forward_all"]


@dataclass(frozen=True, eq=False)
class PlaneMaps:
    """The network's output and each hidden neuron's activation over a grid.

    Attributes:
        extent: ``(x0, x1, y0, y1)`` of the plane; row ``i`` of a map is
            ``y = y0 + (i + 0.5) * (y1 - y0) / rows`` (bottom row first), column ``j``
            likewise in x (cell centres).
        output: ``(resolution, resolution)`` float32, the first output unit.
        neurons: one ``(units, r, r)`` float32 array per hidden layer, at the coarser
            ``neuron_resolution`` (every ``step``-th cell of the output grid).
    """

    extent: tuple[float, float, float, float]
    output: np.ndarray
    neurons: tuple[np.ndarray, ...]

    @property
    def resolution(self) -> int:
        return int(self.output.shape[0])


def forward_all(model: MLP, x: np.ndarray) -> list[np.ndarray]:
    """Activations of every layer (hidden layers, then the output) for rows ``x``."""
    a = np.asarray(x, dtype=np.float64)
    out = []
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        for layer, name in enumerate(model.activations):
            w = model.param(f"layer{layer}.W").astype(np.float64)
            b = model.param(f"layer{layer}.b").astype(np.float64)
            a = act(a @ w + b, name)
            out.append(a)
    return out


def grid_points(extent: tuple[float, float, float, float], resolution: int) -> np.ndarray:
    """``(resolution², 2)`` cell centres of the plane, row by row from the bottom."""
    x0, x1, y0, y1 = extent
    xs = x0 + (np.arange(resolution) + 0.5) * (x1 - x0) / resolution
    ys = y0 + (np.arange(resolution) + 0.5) * (y1 - y0) / resolution
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def evaluate_plane(
    model: MLP,
    extent: tuple[float, float, float, float],
    resolution: int = 128,
    neuron_resolution: int = 32,
) -> PlaneMaps:
    """Evaluate ``model`` (two inputs) on a ``resolution``² grid over ``extent``."""
    if model.n_in != 2:
        raise ValueError(f"The plane needs a network with 2 inputs, this one has {model.n_in}.")
    r = int(resolution)
    step = max(1, r // max(int(neuron_resolution), 1))
    layers = forward_all(model, grid_points(extent, r))
    output = layers[-1][:, 0].reshape(r, r).astype(np.float32)
    output.flags.writeable = False
    neurons = []
    for a in layers[:-1]:
        maps = a.T.reshape(-1, r, r)[:, step // 2 :: step, step // 2 :: step]
        maps = np.ascontiguousarray(maps, dtype=np.float32)
        maps.flags.writeable = False
        neurons.append(maps)
    return PlaneMaps(tuple(float(v) for v in extent), output, tuple(neurons))  # type: ignore[arg-type]
