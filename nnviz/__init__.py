"""nnviz: a native, GPU-accelerated teaching visualizer for neural networks."""

import os as _os

# Training runs single-threaded by design (one worker beside the render thread). A
# multi-threaded BLAS on the small matrices of teaching models only thrashes: on two
# cores it made validation passes ten times slower and stole the render thread's core.
# This must happen before numpy or scipy load their BLAS, so it lives here, first.
for _var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
