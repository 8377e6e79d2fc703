"""Many arrays handed to a numba kernel as one table of addresses.

Why: numba converts every NumPy array argument on every call (about 70 ns each: a
fresh memory-info record, shape and strides).  The MLP's training kernel takes about
20 arrays, so converting them cost more than the XOR network's whole step.  A
prepared step instead passes one ``int64`` table holding each array's address and
shape; inside the kernel :func:`borrowed` rebuilds each array as a view of that memory
(no copy, no reference counting).

Contract: whoever builds a table keeps every array in it alive and unmoved while the
table is in use (``Trainer`` holds them in its prepared step, and prepares a new one
whenever an array is replaced).  In-place writes on either side are seen by the other.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic
from numba.np.arrayobj import make_array, populate_array

from .views import block

SLOT = 3  # table entries per array: address, rows, columns (1-D arrays: columns = 1)


def address_table(arrays: tuple[np.ndarray, ...]) -> np.ndarray:
    """The ``int64`` table of ``arrays`` (each C-contiguous, 1-D or 2-D) for :func:`borrowed`."""
    table = np.zeros(SLOT * len(arrays), dtype=np.int64)
    for k, a in enumerate(arrays):
        if not a.flags.c_contiguous or a.ndim > 2:
            raise ValueError("address tables hold C-contiguous 1-D or 2-D arrays only")
        rows, cols = (a.shape[0], a.shape[1]) if a.ndim == 2 else (a.size, 1)
        table[SLOT * k : SLOT * k + SLOT] = (a.__array_interface__["data"][0], rows, cols)
    return table


def _element_type(dtype: types.Type) -> types.Type:
    """The scalar type named by a numba dtype or number-class argument."""
    return dtype.dtype if isinstance(dtype, types.DType) else dtype.instance_type


@intrinsic
def _array_at(typingctx, address, length, dtype):
    """1-D C array of ``length`` elements of ``dtype`` at ``address`` (no meminfo)."""
    if not isinstance(dtype, (types.DType, types.NumberClass)):
        return None
    ret = types.Array(_element_type(dtype), 1, "C")
    sig = ret(address, length, dtype)

    def codegen(context, builder, signature, args):
        item = context.get_data_type(ret.dtype)
        itemsize = context.get_constant(types.intp, context.get_abi_sizeof(item))
        n = context.cast(builder, args[1], signature.args[1], types.intp)
        out = make_array(ret)(context, builder)
        populate_array(
            out,
            data=builder.inttoptr(args[0], item.as_pointer()),
            shape=cgutils.pack_array(builder, [n]),
            strides=cgutils.pack_array(builder, [itemsize]),
            itemsize=itemsize,
            meminfo=None,
            parent=None,
        )
        return out._getvalue()

    return sig, codegen


@njit(cache=True, nogil=True, inline="always")
def borrowed(table, k, dtype):
    """Array ``k`` of ``table`` as a flat 1-D array of ``dtype`` (inside numba only)."""
    base = SLOT * k
    return _array_at(table[base], table[base + 1] * table[base + 2], dtype)


@njit(cache=True, nogil=True, inline="always")
def borrowed2(table, k, dtype):
    """Array ``k`` of ``table`` as a (rows, columns) array of ``dtype`` (inside numba only)."""
    base = SLOT * k
    rows = table[base + 1]
    cols = table[base + 2]
    return block(_array_at(table[base], rows * cols, dtype), 0, rows, cols)
