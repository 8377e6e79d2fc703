"""nnviz: a native, GPU-accelerated teaching visualizer for neural networks."""

__version__ = "0.1.0"
