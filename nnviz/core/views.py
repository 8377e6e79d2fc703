"""A 2-D view of part of a flat buffer, built without ``reshape``.

Why: the kernels carve every matrix they touch (weights, gradients, workspace blocks)
out of flat arrays.  ``buf[a:b].reshape((r, c))`` inside numba calls a general
no-copy-reshape routine (about 20 ns), which added up to a large share of a small
model's step.  :func:`block` writes the view's shape and strides directly (an intrinsic:
no function call, nothing to inline).
"""

from __future__ import annotations

from numba import types
from numba.core import cgutils
from numba.core.imputils import impl_ret_borrowed
from numba.extending import intrinsic
from numba.np.arrayobj import make_array, populate_array


@intrinsic
def block(typingctx, buf, offset, rows, cols):
    """C-contiguous (rows, cols) view of ``buf`` (1-D, C) starting at element ``offset``.

    Usable only inside numba kernels: ``block(buf, offset, rows, cols)``.

    No bounds check: callers guarantee ``offset + rows * cols <= buf.size``.
    """
    if not (isinstance(buf, types.Array) and buf.ndim == 1 and buf.layout == "C"):
        return None
    ret = buf.copy(ndim=2, layout="C")
    sig = ret(buf, offset, rows, cols)

    def codegen(context, builder, signature, args):
        src = make_array(signature.args[0])(context, builder, args[0])
        off, r, c = (
            context.cast(builder, v, t, types.intp)
            for v, t in zip(args[1:], signature.args[1:], strict=True)
        )
        itemsize = src.itemsize
        out = make_array(ret)(context, builder)
        populate_array(
            out,
            data=builder.gep(src.data, [off]),
            shape=cgutils.pack_array(builder, [r, c]),
            strides=cgutils.pack_array(builder, [builder.mul(c, itemsize), itemsize]),
            itemsize=itemsize,
            meminfo=src.meminfo,
            parent=src.parent,
        )
        return impl_ret_borrowed(context, builder, ret, out._getvalue())

    return sig, codegen


@intrinsic
def runtime(typingctx, value):
    """``value``, typed as a plain (non-literal) value: ``runtime(False)`` is a ``bool``.

    Why: numba compiles a separate copy of a called kernel for every distinct literal
    argument (``matmul(a, b, out, True)`` and ``(…, False)`` are two kernels, each with
    its own copies of what it calls).  Passing ``runtime(flag)`` lets every caller share
    one compiled copy; a branch on the flag costs nothing next to a matrix product, and
    each copy saved is a fraction of a second off a first start.
    """
    plain = types.unliteral(value)

    def codegen(context, builder, signature, args):
        return context.cast(builder, args[0], signature.args[0], signature.return_type)

    return plain(value), codegen
