"""The compute steps inside one recurrent cell, and a player that walks through them.

exploRNN's cell view animates an LSTM cell "by compute steps": for every time step the
layer input is received, the gates are computed, the cell state is updated and the output
is produced; then backpropagation runs back through the time steps, faster than the
forward pass. This module turns a recorded :class:`~nnviz.core.trace.SequenceTrace` into
that sequence of steps, each with the nodes and connectors it lights up, one sentence
that says what happens, and the *real* numbers of the selected hidden unit read from the
trace (never recomputed by another formula). :class:`CellStepPlayer` plays the sequence on
the animation clock.

Pure logic: numpy only, no pygame, no GL. Node and connector names are shared with the
view (:mod:`nnviz.scenes.cell.view`), which places and draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

GATES = ("i", "f", "g", "o")
"""LSTM gate order in traces and parameters (input, forget, candidate, output)."""

FORWARD_DURATION = 1.6
"""Animation seconds per forward compute step at 1×: long enough to read one sentence."""
BACKWARD_DURATION = 0.4
"""Animation seconds per backward step: backprop is shown faster, as in exploRNN."""

# -- what each stage lights up -------------------------------------------------------------
_LSTM_STAGES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "input": (
        frozenset({"x", "h_prev", "concat"}),
        frozenset({"x>concat", "h_prev>concat", "h_loop"}),
    ),
    "gates": (
        frozenset({"concat", "i", "f", "g", "o"}),
        frozenset({"concat>i", "concat>f", "concat>g", "concat>o"}),
    ),
    "cell": (
        frozenset({"c_prev", "f", "i", "g", "mul_f", "mul_i", "add", "c"}),
        frozenset(
            {
                "c_loop",
                "c_prev>mul_f",
                "f>mul_f",
                "i>mul_i",
                "g>mul_i",
                "mul_f>add",
                "mul_i>add",
                "add>c",
            }
        ),
    ),
    "output": (
        frozenset({"c", "tanh_c", "o", "mul_o", "h"}),
        frozenset({"c>tanh_c", "tanh_c>mul_o", "o>mul_o", "mul_o>h", "h>next", "h>above"}),
    ),
    "backward": (
        frozenset({"h", "mul_o", "o", "tanh_c", "c", "add", "mul_f", "f", "c_prev", "h_prev"}),
        frozenset(
            {
                "h>above",
                "mul_o>h",
                "tanh_c>mul_o",
                "o>mul_o",
                "c>tanh_c",
                "add>c",
                "mul_f>add",
                "c_prev>mul_f",
                "f>mul_f",
                "c_loop",
                "h_loop",
                "concat>o",
                "concat>f",
                "concat>i",
                "concat>g",
                "h_prev>concat",
            }
        ),
    ),
}
_RNN_STAGES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "input": _LSTM_STAGES["input"],
    "activation": (frozenset({"concat", "act"}), frozenset({"concat>act"})),
    "output": (frozenset({"act", "h"}), frozenset({"act>h", "h>next", "h>above"})),
    "backward": (
        frozenset({"h", "act", "concat", "h_prev"}),
        frozenset({"h>above", "act>h", "concat>act", "h_prev>concat", "h_loop"}),
    ),
}
FORWARD_STAGES = {
    "lstm": ("input", "gates", "cell", "output"),
    "rnn": ("input", "activation", "output"),
}
"""Forward compute steps per time step, in order."""

STAGE_TITLES = {
    "input": "Receive the input",
    "gates": "Compute the gates",
    "cell": "Update the cell state",
    "output": "Output the activation",
    "activation": "Apply the activation",
    "backward": "Backpropagate through time",
}
STAGE_SHORT = {"input": "Input", "gates": "Gates", "cell": "Cell state", "output": "Output",
               "activation": "Activation", "backward": "Backprop"}  # fmt: skip
"""The steps' names in a card too narrow for :data:`STAGE_TITLES` (large type, 1024×768)."""


def stage_nodes(kind: str, stage: str) -> tuple[frozenset[str], frozenset[str]]:
    """Nodes and connectors lit by ``stage`` of a ``kind`` ("lstm"/"rnn") cell."""
    return (_LSTM_STAGES if kind == "lstm" else _RNN_STAGES)[stage]


# -- activation names ----------------------------------------------------------------------
@dataclass(frozen=True)
class CellActivations:
    """How the cell's parts are computed: fixed gates and activation functions.

    Mirrors :class:`nnviz.core.LSTMAblation` (taken from the record's settings when the
    session has them, else passed in by the scene) so that this module needs no core import.
    """

    fix_input: bool = False
    fix_forget: bool = False
    fix_output: bool = False
    candidate: str = "tanh"
    gate: str = "sigmoid"
    rnn: str = "tanh"
    """Activation of a vanilla RNN layer."""

    @staticmethod
    def of(ablation: object | None, rnn: str = "tanh") -> CellActivations:
        """From an ``LSTMAblation`` (or anything with its fields); None gives the defaults."""
        if ablation is None:
            return CellActivations(rnn=rnn)
        return CellActivations(
            fix_input=bool(getattr(ablation, "fix_input", False)),
            fix_forget=bool(getattr(ablation, "fix_forget", False)),
            fix_output=bool(getattr(ablation, "fix_output", False)),
            candidate=str(getattr(ablation, "candidate", "tanh")),
            gate=str(getattr(ablation, "gate", "sigmoid")),
            rnn=rnn,
        )

    def fixed(self, gate: str) -> bool:
        """Whether gate ``gate`` (i, f, o) is held at exactly 1."""
        return {"i": self.fix_input, "f": self.fix_forget, "o": self.fix_output}.get(gate, False)

    def symbol(self, gate: str) -> str:
        """The function name shown on a node: σ, hard σ, tanh, ReLU, linear, or "1"."""
        if gate == "g":
            return {"tanh": "tanh", "relu": "ReLU", "linear": "linear"}[self.candidate]
        if gate == "act":
            return {"tanh": "tanh", "relu": "ReLU", "sigmoid": "σ", "linear": "linear"}.get(
                self.rnn, self.rnn
            )
        if self.fixed(gate):
            return "1"
        return "σ" if self.gate == "sigmoid" else "hard σ"


# -- the numbers -----------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class WeightedSum:
    """One pre-activation written out: ``z = Σ input_k · weight_k + bias``.

    ``inputs``/``weights`` are in the order of the concatenation ``[x_t, h_{t-1}]``;
    ``sources[k]`` is ``"x"`` (layer input) or ``"h"`` (previous hidden state).
    """

    inputs: np.ndarray
    weights: np.ndarray
    sources: tuple[str, ...]
    bias: float
    total: float

    def top_terms(self, count: int) -> list[int]:
        """Indices of the ``count`` largest terms by magnitude, in concatenation order,
        with at least one input term and one previous-state term (both kinds of
        contribution should be visible in a readout)."""
        products = np.abs(self.inputs * self.weights)
        order = [int(k) for k in np.argsort(-products, kind="stable")]
        keep: list[int] = []
        for source in ("x", "h"):
            first = next((k for k in order if self.sources[k] == source), None)
            if first is not None and len(keep) < count:
                keep.append(first)
        keep += [k for k in order if k not in keep][: max(count - len(keep), 0)]
        return sorted(keep)


@dataclass(frozen=True, eq=False)
class CellSequence:
    """One layer of one trace, ready to animate: the steps and their numbers.

    Args:
        trace: the :class:`SequenceTrace` (kept, read-only).
        layer: index of the recurrent layer shown.
        unit: the selected hidden unit (clamped to the layer).
        params: the flat parameter vector the trace was made with (for the weighted sums);
            None when unknown: then only ``pre`` is shown.
        activations: fixed gates / activation names.
        epoch: the epoch the trace belongs to (for the header), if known.
    """

    trace: object
    layer: int
    unit: int
    params: np.ndarray | None = None
    activations: CellActivations = field(default_factory=CellActivations)
    epoch: int | None = None

    @property
    def lt(self):
        """The :class:`RecurrentLayerTrace` shown."""
        return self.trace.layers[self.layer]  # type: ignore[attr-defined]

    @property
    def kind(self) -> str:
        return "lstm" if self.lt.act.shape[1] == 4 else "rnn"

    @property
    def steps_per_time(self) -> int:
        return len(FORWARD_STAGES[self.kind])

    @property
    def T(self) -> int:
        return int(self.lt.h.shape[0])

    @property
    def H(self) -> int:
        return int(self.lt.h.shape[1])

    def __len__(self) -> int:
        return self.T * (self.steps_per_time + 1)

    @property
    def forward_count(self) -> int:
        return self.T * self.steps_per_time

    def step(self, index: int) -> CellStep:
        """Compute step ``index`` (0 … len−1): forward steps first, then backward ones."""
        n = len(self)
        if not 0 <= index < n:
            raise IndexError(f"step {index} outside 0..{n - 1}")
        if index < self.forward_count:
            t, k = divmod(index, self.steps_per_time)
            stage = FORWARD_STAGES[self.kind][k]
            duration = FORWARD_DURATION
        else:
            t = self.T - 1 - (index - self.forward_count)
            stage = "backward"
            duration = BACKWARD_DURATION
        nodes, connectors = stage_nodes(self.kind, stage)
        if self.kind == "lstm":
            fixed = {g for g in "ifo" if self.activations.fixed(g)}
            nodes = nodes - fixed if stage == "gates" else nodes
        return CellStep(
            index=index,
            t=t,
            stage=stage,
            title=STAGE_TITLES[stage],
            sentence=self.sentence(stage, t),
            nodes=nodes,
            connectors=connectors,
            values=self.values(stage, t),
            duration=duration,
        )

    def index_of(self, stage: str, t: int) -> int:
        """Index of the step of ``stage`` at time ``t``."""
        if stage == "backward":
            return self.forward_count + (self.T - 1 - t)
        return t * self.steps_per_time + FORWARD_STAGES[self.kind].index(stage)

    # -- numbers of the selected unit ----------------------------------------------------
    def values(self, stage: str, t: int) -> dict[str, float]:
        """The selected unit's numbers for ``stage`` at ``t``, straight from the trace."""
        lt, j = self.lt, self.unit
        v: dict[str, float] = {"h_prev": float(lt.h_prev[t, j])}
        if lt.x.shape[1] == 1:
            v["x"] = float(lt.x[t, 0])
        if stage == "input":
            return v
        if self.kind == "rnn":
            v["z"] = float(lt.pre[t, 0, j])
            v["act"] = float(lt.act[t, 0, j])
            if stage == "backward":
                v.update(dh=float(lt.dh[t, j]), dz=float(lt.dpre[t, 0, j]))
            if stage in ("output", "backward"):
                v["h"] = float(lt.h[t, j])
            return v
        for k, g in enumerate(GATES):
            v[g] = float(lt.act[t, k, j])
            v[f"z_{g}"] = float(lt.pre[t, k, j])
        if stage == "gates":
            return v
        v["c_prev"] = float(lt.c_prev[t, j])
        v["mul_f"] = v["f"] * v["c_prev"]
        v["mul_i"] = v["i"] * v["g"]
        v["c"] = float(lt.c[t, j])
        if stage == "cell":
            return v
        v["tanh_c"] = float(lt.tanh_c[t, j])
        v["h"] = float(lt.h[t, j])
        if stage == "backward":
            v["dh"] = float(lt.dh[t, j])
            v["dc"] = float(lt.dc[t, j])
            # What the cell-state loop carries to t−1 (the rest of dc_{t−1} comes via h_{t−1}).
            v["dc_prev"] = v["dc"] * v["f"]
            for k, g in enumerate(GATES):
                v[f"dz_{g}"] = float(lt.dpre[t, k, j])
        return v

    def weighted_sum(self, t: int, gate: str) -> WeightedSum | None:
        """``z`` of ``gate`` (i, f, g, o; "act" for an RNN) for the selected unit at ``t``,
        written out from the parameters the trace was made with; None without them."""
        if self.params is None:
            return None
        layout = self.trace.layout  # type: ignore[attr-defined]
        wx = layout.view(self.params, f"layer{self.layer}.Wx")
        wh = layout.view(self.params, f"layer{self.layer}.Wh")
        b = layout.view(self.params, f"layer{self.layer}.b")
        k = 0 if gate == "act" else GATES.index(gate)
        col = k * self.H + self.unit
        lt = self.lt
        inputs = np.concatenate([lt.x[t], lt.h_prev[t]]).astype(np.float64)
        weights = np.concatenate([wx[:, col], wh[:, col]]).astype(np.float64)
        sources = ("x",) * lt.x.shape[1] + ("h",) * self.H
        total = float(inputs @ weights + float(b[col]))
        return WeightedSum(inputs, weights, sources, float(b[col]), total)

    def sentence(self, stage: str, t: int) -> str:
        """One sentence saying what happens in ``stage`` (shown in the step list)."""
        a = self.activations
        if stage == "input":
            return (
                f"Time step t = {t}: the cell receives the new input x_t and its own previous "
                "output h_(t−1), and puts them side by side."
            )
        if stage == "activation":
            return f"The weighted sum of [x_t, h_(t−1)] plus a bias goes through {a.symbol('act')}."
        if stage == "gates":
            fixed = [n for g, n in (("i", "input"), ("f", "forget"), ("o", "output")) if a.fixed(g)]
            extra = f" The {' and '.join(fixed)} gate is fixed at 1." if fixed else ""
            return (
                "Each gate weighs the input and the previous output: the gates squash the sum "
                f"to 0…1 with {a.symbol('i') if not a.fix_input else 'σ'}, the candidate uses "
                f"{a.symbol('g')}.{extra}"
            )
        if stage == "cell":
            return (
                "The forget gate scales the old cell state, the input gate scales the candidate, "
                "and their sum is the new cell state c_t."
            )
        if stage == "output":
            return "The output gate decides how much of tanh(c_t) leaves the cell as h_t."
        if self.kind == "rnn":
            return (
                f"Backpropagation at t = {t}: the error dL/dh_t flows back through the "
                "activation and, via the weights, to h_(t−1)."
            )
        return (
            f"Backpropagation at t = {t}: dL/dh_t and dL/dc_t flow back; the cell-state loop "
            "passes dL/dc_t · f_t on to t − 1."
        )


@dataclass(frozen=True)
class CellStep:
    """One compute step: what is active, what it means, and its numbers."""

    index: int
    t: int
    stage: str
    title: str
    sentence: str
    nodes: frozenset[str]
    connectors: frozenset[str]
    values: Mapping[str, float]
    duration: float
    """Animation seconds the step is shown at 1× speed."""

    @property
    def direction(self) -> str:
        return "backward" if self.stage == "backward" else "forward"


# -- the player ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CellPlayerState:
    """What a view draws this frame."""

    sequence: CellSequence | None
    step: CellStep | None
    progress: float
    """0 … 1 inside the current step."""
    playing: bool
    holding: bool
    pending: bool
    """A newer trace is waiting (holding, or not yet adopted)."""
    trapped: bool = False
    """New traces keep restarting the animation at t = 0 before it reaches the end (the
    scene says so on screen, and how to get out)."""
    finished: bool = False
    """The pass ended on its last step (training paused): nothing moves any more."""


class CellStepPlayer:
    """Plays a :class:`CellSequence` step by step on the animation clock.

    Time is pushed in with :meth:`update` (animation seconds, i.e. already multiplied by
    the animation speed and 0 while the clock is paused), so the state depends only on the
    total time, not on the frame rate. After the last backward step it starts over at
    t = 0 with the newest trace.

    Two modes for new traces (one per epoch): *follow live* finishes the time step on
    screen and goes on with the newest trace from the next one (``restart=False``, the
    default: a pass takes minutes at 1×, and a person who only watches should see the
    network as it is now, not as it was when the pass began; a step is never cut, as the
    overview finishes an epoch before it jumps), or restarts at t = 0 with each new trace
    at once (``restart=True``; when traces come faster than a pass, it never gets far,
    and :attr:`CellPlayerState.trapped` says so); *hold* keeps the current trace and step
    (auto-advance stops; manual steps still work) while training continues, and switching
    back to follow adopts the newest trace at the same step.

    Without :attr:`loop` (the scene clears it while training is paused: no newer trace
    can come) a pass ends on its last step instead of starting over, so a still picture
    costs no frames; play starts it again from t = 0, a new trace too.
    """

    TRAPPED_AFTER = 2
    """Passes cut short in a row by a new trace before the player counts as trapped."""

    def __init__(self, *, restart: bool = False, playing: bool = True) -> None:
        self.restart = restart
        self._playing = playing
        self._holding = False
        self._sequence: CellSequence | None = None
        self._pending: CellSequence | None = None
        self._index = 0
        self._elapsed = 0.0
        self._step: CellStep | None = None
        self._cut_short = 0
        """Passes in a row that a new trace restarted before they reached the end."""
        self.loop = True
        """Whether a pass with no newer trace waiting starts over (else it ends)."""
        self._finished = False

    # -- feeding -----------------------------------------------------------------------
    def feed(self, sequence: CellSequence, *, now: bool = False) -> None:
        """A new trace (usually one per epoch): adopted when there is none yet, when new
        traces restart the animation, or ``now`` (a person chose that epoch: at the same
        step); otherwise it waits for the end of the pass (or for the hold to end)."""
        if self._sequence is None or (self._finished and not self._holding):
            self._adopt(sequence, restart=True)
        elif now:
            self._adopt(sequence, restart=False)
        elif self.restart and not self._holding:
            self._cut_short = self._cut_short + 1 if self._index + 1 < len(self._sequence) else 0
            self._adopt(sequence, restart=True)
        else:
            self._pending = sequence

    def set_restart(self, on: bool) -> None:
        """Whether new traces restart the animation at t = 0 (a fresh start: not trapped)."""
        self.restart = on
        self._cut_short = 0

    def swap(self, sequence: CellSequence, pending: CellSequence | None = None) -> None:
        """Show ``sequence`` instead of the current one at the same step: another unit or
        layer of the same trace. ``pending`` replaces a waiting trace the same way."""
        waiting = self._pending if pending is None else pending
        self._adopt(sequence, restart=self._sequence is None)
        self._pending = waiting

    @property
    def pending(self) -> CellSequence | None:
        """The newer trace waiting for the end of the pass or of the hold."""
        return self._pending

    def _adopt(self, sequence: CellSequence, *, restart: bool) -> None:
        old = self._sequence
        self._sequence = sequence
        self._pending = None
        self._finished = False
        if restart or old is None:
            self._index, self._elapsed = 0, 0.0
        elif len(old) != len(sequence):
            # Another sequence length or cell kind: keep the time step and stage if possible.
            step = self._step
            self._index = 0
            if step is not None and step.t < sequence.T:
                stages = FORWARD_STAGES[sequence.kind]
                stage = step.stage if step.stage in (*stages, "backward") else stages[0]
                self._index = sequence.index_of(stage, step.t)
        self._index = min(self._index, len(sequence) - 1)
        self._refresh()

    def _refresh(self) -> None:
        seq = self._sequence
        self._step = None if seq is None else seq.step(self._index)

    # -- reading -----------------------------------------------------------------------
    @property
    def sequence(self) -> CellSequence | None:
        return self._sequence

    @property
    def step(self) -> CellStep | None:
        return self._step

    @property
    def index(self) -> int:
        return self._index

    @property
    def playing(self) -> bool:
        return self._playing and not self._holding and not self._finished

    @property
    def finished(self) -> bool:
        """The pass ended on its last step (no loop, no newer trace)."""
        return self._finished

    @property
    def holding(self) -> bool:
        return self._holding

    def state(self) -> CellPlayerState:
        step = self._step
        progress = 0.0 if step is None else min(self._elapsed / step.duration, 1.0)
        return CellPlayerState(
            self._sequence, step, progress, self.playing, self._holding,
            self._pending is not None, self._cut_short >= self.TRAPPED_AFTER, self._finished,
        )  # fmt: skip

    # -- time --------------------------------------------------------------------------
    def update(self, anim_dt: float) -> bool:
        """Advance by ``anim_dt`` animation seconds; returns True when the step changed."""
        changed = False
        if self._finished and self.loop and self._playing:
            self._finished, self._elapsed, changed = False, 0.0, True
            self._advance()  # training runs again: start over
        if not self.playing or self._step is None or anim_dt <= 0:
            return changed
        self._elapsed += anim_dt
        while self.playing and self._step is not None and self._elapsed >= self._step.duration:
            self._elapsed -= self._step.duration
            self._advance(wrap=self.loop)
            changed = True
        return changed

    def _advance(self, *, wrap: bool = True) -> None:
        seq = self._sequence
        assert seq is not None
        if self._index + 1 < len(seq):
            self._index += 1
            if self._takes_pending_here():
                self._adopt(self._pending, restart=False)  # the same step, newer numbers
            else:
                self._refresh()
            return
        # The sequence is done: start over, with the newest trace if one is waiting.
        self._cut_short = 0
        if self._pending is not None and not self._holding:
            self._adopt(self._pending, restart=True)
        elif wrap:
            self._index, self._finished = 0, False
            self._refresh()
        else:
            self._finished = True
            self._elapsed = self._step.duration if self._step is not None else 0.0

    def _takes_pending_here(self) -> bool:
        """Whether a waiting trace takes over at the step just reached: following live,
        at the first step of a time step (or of backprop), when it has the same steps."""
        seq, pending, step = self._sequence, self._pending, self._step
        if seq is None or pending is None or step is None or self._holding:
            return False
        if len(pending) != len(seq):
            return False  # another length: it waits for the pass's end
        reached = seq.step(self._index)
        return reached.t != step.t or (reached.stage == "backward") != (step.stage == "backward")

    # -- controls --------------------------------------------------------------------------
    def play(self) -> None:
        """Play on; a pass that ended plays again from t = 0."""
        self._playing = True
        if self._finished:
            self._jump(0)

    def pause(self) -> None:
        self._playing = False

    def toggle(self) -> bool:
        """Play/pause; returns whether it now plays (a pass that ended plays again)."""
        if self._finished:
            self.play()
        else:
            self._playing = not self._playing
        return self._playing

    def _jump(self, index: int) -> None:
        seq = self._sequence
        if seq is None:
            return
        self._index = index % len(seq)
        self._elapsed = 0.0
        self._finished = False
        self._refresh()

    def step_compute(self) -> None:
        """Go to the start of the next compute step (wraps to t = 0 after the last)."""
        if self._sequence is not None:
            if self._index + 1 >= len(self._sequence):
                self._elapsed = 0.0
                self._advance()
            else:
                self._jump(self._index + 1)

    def step_time(self) -> None:
        """Go to the first step of the next time step (forward: its input step; during
        backprop: the next backward step)."""
        seq, step = self._sequence, self._step
        if seq is None or step is None:
            return
        if step.stage == "backward":
            self.step_compute()
        elif step.t + 1 < seq.T:
            self._jump(seq.index_of("input", step.t + 1))
        else:
            self._jump(seq.forward_count)  # after the last time step comes backprop

    def skip_to_output(self) -> None:
        """Go to the output step of the current time step."""
        seq, step = self._sequence, self._step
        if seq is not None and step is not None:
            self._jump(seq.index_of("output", step.t))

    def skip_to_backward(self) -> None:
        """Go to the first backward step (t = T − 1)."""
        if self._sequence is not None:
            self._jump(self._sequence.forward_count)

    def seek(self, index: int) -> None:
        """Go to compute step ``index`` of the current sequence."""
        self._jump(index)

    def hold(self, on: bool = True) -> None:
        """Hold this step and trace (True) or follow live training again (False)."""
        if self._holding == on:
            return
        self._holding = on
        if not on and self._pending is not None:
            self._adopt(self._pending, restart=self.restart)

    def reset(self) -> None:
        """Forget the trace (e.g. after a reset of training)."""
        self._sequence = self._pending = self._step = None
        self._index, self._elapsed = 0, 0.0
        self._cut_short = 0
        self._finished = False
