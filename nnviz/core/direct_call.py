"""Call a numba kernel's compiled code directly, skipping the dispatcher's type checks.

Why: calling a numba dispatcher costs about 0.1 µs per array argument just to work out
the argument types (several µs for the training kernels' 15 arguments and workspace
tuple), which dominated a single training step of a small model.  The compiled entry
point for fixed argument types only converts the arguments.  Use it only with arguments
of exactly the types it was resolved for: :class:`nnviz.core.trainer.Trainer` resolves
it once per prepared step and prepares a new step whenever an argument changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from numba.core.typing.typeof import Purpose, typeof


def compiled_entry(kernel: Any, args: tuple) -> Callable[..., Any]:
    """The compiled entry point of ``kernel`` for the types of ``args``.

    Compiles (or loads from the disk cache) without running the kernel.  Falls back to
    the dispatcher itself (correct, only slower) if this numba version differs.
    """
    try:
        return kernel.compile(tuple(typeof(a, Purpose.argument) for a in args))
    except (AttributeError, TypeError, ValueError):
        return kernel
