"""The cell's contrast: a vanilla RNN of the same shape trained on the same data beside
the LSTM, so the gradient panel can show its gradient vanishing through time."""

from __future__ import annotations

from nnviz.core.trace import RecurrentLayerTrace
from nnviz.sim import TrainingSession


class RnnComparison:
    """Owns the RNN's session while the comparison is on."""

    def __init__(self) -> None:
        self.session: TrainingSession | None = None

    def start(self, lstm: TrainingSession) -> None:
        """Train an RNN with ``lstm``'s settings and speed (nothing when already on)."""
        if self.session is None:
            snap = lstm.latest()
            self.session = TrainingSession(
                snap.config.with_changes(cell="rnn"),
                threaded=lstm.threaded,
                process=lstm.in_process,
                speed=snap.speed,
                playing=True,
            ).start()

    def stop(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def layer(self, dt: float, index: int) -> RecurrentLayerTrace | None:
        """Advance a synchronous RNN session by ``dt``; the newest trace of its layer
        ``index`` (or its top layer), None before it has one or when off."""
        rnn = self.session
        if rnn is None:
            return None
        if not rnn.threaded:
            rnn.advance(dt)
        record = rnn.latest().shown
        if record is None or record.trace is None:
            return None
        layers = record.trace.layers
        return layers[min(index, len(layers) - 1)]
