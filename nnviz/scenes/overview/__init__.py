"""The network overview: live training of a stacked LSTM, watched and steered."""

from nnviz.scenes.overview.scene import OverviewScene

__all__ = ["OverviewScene"]
