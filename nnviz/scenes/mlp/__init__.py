"""The MLP explorer: a small network learning a 2-D point set, every weight shown."""

from nnviz.scenes.mlp.scene import MLPScene

__all__ = ["MLPScene"]
