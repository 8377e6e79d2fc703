"""The LSTM cell explorer: one cell of the live network, compute step by compute step.

:mod:`.steps` is the cell's view-model (the compute steps read from a trace, and the
player that walks through them); :mod:`.view` draws the cell from it.
"""

from nnviz.scenes.cell.scene import CellScene

__all__ = ["CellScene"]
