"""The RNN sheet: a vanilla RNN worked by hand, every number a cell that can be edited,
traced and trained (``nnviz --scene sheet``)."""

from nnviz.scenes.sheet.scene import SheetScene

__all__ = ["SheetScene"]
