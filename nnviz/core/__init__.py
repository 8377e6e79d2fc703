"""nnviz.core: models, losses, optimizers, traces and training (numpy + numba only).

Public API (see docs/core.md for layouts and conventions)::

    from nnviz.core import LSTM, RNN, MLP, Trainer, OptimizerConfig, LSTMAblation

    model = LSTM(n_in=1, hidden=[16, 16], n_out=1, seed=0, dtype="float32")
    trainer = Trainer(model, loss="mse", optimizer=OptimizerConfig("adam", lr=0.01))
    result = trainer.run(x_train, y_train, n_steps=100, batch_size=16, rng=0)
    trace = trainer.trace(x_train[:8], y_train[:8], sample=0)

Never imports pygame, moderngl or any deep-learning framework.
"""

from . import _numba_cache  # noqa: F401  (must run before numba is imported)
from ._cache_repair import install as _install_cache_repair
from .activations import ACTIVATIONS
from .losses import LOSSES
from .lstm import GATE_ORDER, LSTM, LSTMAblation
from .mlp import MLP
from .optim import OPTIMIZERS, OptimizerConfig
from .params import Model, ParamLayout
from .recurrent import RecurrentModel
from .rnn import RNN
from .trace import MLPLayerTrace, MLPTrace, RecurrentLayerTrace, SequenceTrace
from .trainer import RunResult, StepResult, Trainer, TrainingSnapshot
from .warmup import warmup

_install_cache_repair()

__all__ = [
    "ACTIVATIONS",
    "GATE_ORDER",
    "LOSSES",
    "LSTM",
    "MLP",
    "OPTIMIZERS",
    "RNN",
    "LSTMAblation",
    "MLPLayerTrace",
    "MLPTrace",
    "Model",
    "OptimizerConfig",
    "ParamLayout",
    "RecurrentLayerTrace",
    "RecurrentModel",
    "RunResult",
    "SequenceTrace",
    "StepResult",
    "Trainer",
    "TrainingSnapshot",
    "warmup",
]
