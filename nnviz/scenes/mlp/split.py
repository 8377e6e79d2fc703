"""The Data view's state and gestures: whether it shows, the split bar's drag, and what a
key, a drag or a tap on it sends to the session.

Kept apart from the scene so the split's rules (the order of the two share commands, a
drag that sends once at its end) live in one place; :mod:`.data_view` draws.
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.scenes.mlp.data_view import DataGeometry, boundaries_after_drag, clamp_split
from nnviz.sim import ClassificationConfig, TrainingSession
from nnviz.ui import events as ev


class SplitControl:
    """The Data view of one session (``config`` reads the configuration it trains with)."""

    def __init__(
        self, session: TrainingSession, config: Callable[[], ClassificationConfig]
    ) -> None:
        self.session = session
        self.config = config
        self.show = False
        """Whether the Predictions card shows the split bar and the data table."""
        self.geometry: DataGeometry | None = None
        """Where the bar and rows were last drawn (None while not drawn)."""
        self._drag: int | None = None
        self._drag_shares: tuple[float, float] | None = None

    def toggle(self) -> None:
        self.show = not self.show

    def shares(self) -> tuple[float, float]:
        """The train and validation shares on the bar (the dragged ones mid-drag)."""
        cfg = self.config()
        return self._drag_shares or (cfg.train_fraction, cfg.val_fraction)

    def set_split(self, train: float, val: float) -> None:
        """Split the points anew (each share its own command, sent in an order that keeps
        the two within 1 at every step)."""
        train, val = clamp_split(train, val)
        if train + self.config().val_fraction > 1.0:
            self.session.configure(val_fraction=val, train_fraction=train)
        else:
            self.session.configure(train_fraction=train, val_fraction=val)

    def move_boundary(self, which: int, delta: float) -> None:
        """Move boundary ``which`` (0: train|val, 1: val|test) by ``delta`` of the bar."""
        train, val = self.shares()
        edge = train if which == 0 else train + val
        self.set_split(*boundaries_after_drag(which, edge + delta, train, val))

    def toggle_shuffle(self) -> None:
        self.session.configure(shuffle_split=not self.config().shuffle_split)

    def pointer(self, event: ev.Event, slack: float) -> bool:
        """A drag of one of the bar's boundaries (mouse or finger): the bar follows, the
        split is sent when the drag ends."""
        geo = self.geometry
        if not self.show or geo is None:
            return False
        if isinstance(event, ev.PointerDown) and self._drag is None:
            train, val = self.shares()
            which = geo.grab(event.x, event.y, train, val, slack)
            if which is not None:
                self._drag, self._drag_shares = which, (train, val)
            return which is not None
        if self._drag is None or not isinstance(event, ev.PointerMove | ev.PointerUp):
            return False
        cfg = self.config()
        self._drag_shares = boundaries_after_drag(
            self._drag, geo.share_at(event.x), cfg.train_fraction, cfg.val_fraction
        )
        if isinstance(event, ev.PointerUp):
            self.set_split(*self._drag_shares)
            self._drag = self._drag_shares = None
        return True

    def tap(self, x: float, y: float, select: Callable[[int], None]) -> bool:
        """A tap on the order switch flips it; on a row, ``select`` traces that point."""
        geo = self.geometry
        if not self.show or geo is None:
            return False
        if geo.order.contains(x, y):
            self.toggle_shuffle()
            return True
        index = geo.row_at(x, y)
        if index is not None:
            select(index)
            return True
        return False
