"""A numba kernel call whose arguments are fixed once and reused (no per-call dispatch).

Why: calling a numba dispatcher costs about 0.1 µs per array argument just to work out
the argument types (several µs for the training kernels' 15 arguments and workspace
tuple), which dominated a single training step of a small model.  A
:class:`BoundCall` holds the argument tuple and, once the kernel has been compiled for
those types, its compiled entry point, which only converts the arguments.  The owner
(:class:`nnviz.core.trainer.Trainer`) builds a new one whenever an argument changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from numba.core.typing.typeof import Purpose, typeof


def compiled_entry(kernel: Any, args: tuple) -> Callable[..., Any]:
    """The compiled entry point of ``kernel`` for the types of ``args``.

    Falls back to the dispatcher itself (correct, only slower) when the kernel has not
    been compiled for these types or this numba version stores overloads differently.
    """
    try:
        sig = tuple(typeof(a, Purpose.argument) for a in args)
        return kernel.overloads[sig].entry_point
    except (AttributeError, KeyError, TypeError, ValueError):
        return kernel


class BoundCall:
    """``kernel(*args)`` with ``args`` fixed; the first call goes through the dispatcher
    (compiling if needed), later calls straight to the compiled code."""

    __slots__ = ("_fn", "_kernel", "args")

    def __init__(self, kernel: Any, args: tuple) -> None:
        self._kernel = kernel
        self._fn: Callable[..., Any] | None = None
        self.args = args

    def __call__(self) -> Any:
        fn = self._fn
        if fn is None:
            out = self._kernel(*self.args)
            self._fn = compiled_entry(self._kernel, self.args)
            return out
        return fn(*self.args)

    @property
    def direct(self) -> bool:
        """True once calls skip the dispatcher (for tests)."""
        return self._fn is not None and self._fn is not self._kernel
