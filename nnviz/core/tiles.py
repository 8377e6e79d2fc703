"""A register-tiled float32 product for the recurrent kernels' per-step products.

Why: every time step of a recurrent layer multiplies a batch of rows by a weight matrix
(``h_{t-1} Wh`` forward, ``dz_t Wh^T`` and ``h_{t-1}^T dz_t`` backward).  At the
largest teaching size (batch 32, hidden 64) each product is half a million
multiply-adds, and a general BLAS spends about a third of such a call copying both
operands into its packed layouts (the weight matrix again on every step), then zeroes
the output before adding into it.  This product reads the operands where they are:

* ``C[i, j] (+)= sum_p A(i, p) B[p, j]``.  ``B`` is read in rows (it must be row-major
  with contiguous rows: the weights, or the step's ``dL/dz``); ``A(i, p)`` is any
  strided matrix, so the same code serves ``A = h`` and ``A = h^T``.
* The output is cut into tiles of 6 rows by 16 columns.  A tile's 96 sums live in
  twelve 8-wide vector registers for the whole ``p`` loop, which per ``p`` loads 16
  values of ``B``, broadcasts 6 of ``A`` and does 12 vector multiply-adds: enough
  independent sums to keep both of a core's multiply-add units busy through their
  latency (4 rows, 8 sums, ran 10-15 % slower), and the output is read and written once
  per tile, not once per ``p``.  Rows left over (``m % 6``) take a tile of 4, 2 or 1
  rows; the column count must be a multiple of 16 (callers send other shapes to BLAS).
* Tiles run column block by column block, so a 16-column panel of ``B`` (``k`` x 64
  bytes) stays in L1 while every row block of ``A`` passes over it.

The tile is written in LLVM IR (:func:`_tile_4x16`, an intrinsic), not as numba loops:
LLVM's vectoriser does not keep a tile's sums in registers across the ``p`` loop when it
cannot prove the arrays do not overlap, and the IR says exactly what runs.  The multiply
and add are ``llvm.fmuladd``: one fused instruction where the CPU has FMA, a multiply
and an add where it does not.

Measured on a 2-core AVX2 machine (Zen 3), one thread (32 x 64 x 256, float32):
OpenBLAS 21 µs (49 GFLOP/s), this product 13 µs (80 GFLOP/s); ``h^T dz`` (64 x 32 x 256)
17.4 → 13.6 µs.  BLAS stays ahead for products of more than about 64 rows, and on
AVX-512 machines, where OpenBLAS multiplies small matrices without packing, in 512-bit
registers, at 130-165 GFLOP/s per product: :data:`TILES_BEAT_BLAS` is false there and
the products stay with BLAS.
"""

from __future__ import annotations

from llvmlite import ir
from numba import njit, types
from numba.core import cgutils, config
from numba.core.codegen import get_host_cpu_features
from numba.extending import intrinsic

TILE_COLS = 16
TILE_ROWS = 6  # the full tile; 4, 2 and 1 rows for what is left of a column block
_LANES = 8  # float32 lanes of a 256-bit vector register
_VECTORS = TILE_COLS // _LANES


def tiles_beat_blas(features: str) -> bool:
    """Whether the tiles are the faster product on a CPU with these LLVM features.

    They need 256-bit fused multiply-add (AVX2 and FMA) to run at full speed, and lose
    to OpenBLAS's unpacked 512-bit small-matrix kernels where the CPU has AVX-512.
    """
    flags = set(features.split(","))
    return {"+avx2", "+fma"} <= flags and "+avx512f" not in flags


def _target_features() -> str:
    """The features numba compiles for: the host's, unless numba is told a CPU name."""
    return (config.CPU_FEATURES or "") if config.CPU_NAME else get_host_cpu_features()


# Read when a kernel is compiled; numba keys its cache by CPU name and features, so a
# cached kernel never carries another CPU's choice.
TILES_BEAT_BLAS = tiles_beat_blas(_target_features())


def _tile_intrinsic(rows: int):
    """The intrinsic for a tile of ``rows`` x 16 (one per row count: the sums are registers)."""

    @intrinsic
    def tile(typingctx, c_addr, ldc, a_addr, a_rs, a_cs, b_addr, ldb, k, accumulate):
        """C[0:rows, 0:16] (+)= sum_{p<k} A(i, p) B[p, 0:16], float32 data by address.

        Addresses are integers (``arr.ctypes.data`` plus a byte offset); ``ldc``,
        ``ldb`` are the row strides of ``C`` and ``B`` and ``a_rs``/``a_cs`` the row and
        column strides of ``A``, all in elements.  No bounds checks: the caller keeps
        every access inside its arrays.
        """
        sig = types.void(
            types.intp, types.intp, types.intp, types.intp, types.intp,
            types.intp, types.intp, types.intp, types.boolean,
        )  # fmt: skip
        return sig, lambda context, builder, signature, args: _emit_tile(
            context, builder, rows, *args
        )

    return tile


def _emit_tile(context, builder, rows, c_addr, ldc, a_addr, a_rs, a_cs, b_addr, ldb, k,
               accumulate):  # fmt: skip
    """Emit one tile's IR: load (or zero) the sums, the ``p`` loop, store the sums."""
    f32 = ir.FloatType()
    vec = ir.VectorType(f32, _LANES)
    vec_ptr = vec.as_pointer()
    index = ldc.type
    fmuladd = cgutils.get_or_insert_function(
        builder.module, ir.FunctionType(vec, [vec, vec, vec]), f"llvm.fmuladd.v{_LANES}f32"
    )
    c_ptr = builder.inttoptr(c_addr, f32.as_pointer())
    a_ptr = builder.inttoptr(a_addr, f32.as_pointer())
    b_ptr = builder.inttoptr(b_addr, f32.as_pointer())

    def vector_at(row_ptr: ir.Value, half: int) -> ir.Value:
        return builder.bitcast(builder.gep(row_ptr, [ir.Constant(index, half * _LANES)]), vec_ptr)

    def c_row(row: int) -> ir.Value:
        return builder.gep(c_ptr, [builder.mul(ldc, ir.Constant(index, row))])

    # The sums are allocas in the entry block, which LLVM's SROA turns into registers.
    sums = [[cgutils.alloca_once(builder, vec) for _ in range(_VECTORS)] for _ in range(rows)]
    zero = ir.Constant(vec, None)
    for row in range(rows):
        for half in range(_VECTORS):
            start = builder.load(vector_at(c_row(row), half), align=4)
            builder.store(builder.select(accumulate, start, zero), sums[row][half])
    undefined = ir.Constant(vec, ir.Undefined)
    lane0 = ir.Constant(ir.IntType(32), 0)
    broadcast = ir.Constant(ir.VectorType(ir.IntType(32), _LANES), [0] * _LANES)
    with cgutils.for_range(builder, k) as loop:
        p = loop.index
        b_row = builder.gep(b_ptr, [builder.mul(p, ldb)])
        b_vecs = [builder.load(vector_at(b_row, half), align=4) for half in range(_VECTORS)]
        a_col = builder.gep(a_ptr, [builder.mul(p, a_cs)])
        for row in range(rows):
            a_val = builder.load(
                builder.gep(a_col, [builder.mul(a_rs, ir.Constant(index, row))]), align=4
            )
            a_vec = builder.shuffle_vector(
                builder.insert_element(undefined, a_val, lane0), undefined, broadcast
            )
            for half in range(_VECTORS):
                total = builder.call(fmuladd, [a_vec, b_vecs[half], builder.load(sums[row][half])])
                builder.store(total, sums[row][half])
    for row in range(rows):
        for half in range(_VECTORS):
            builder.store(builder.load(sums[row][half]), vector_at(c_row(row), half), align=4)
    return context.get_dummy_value()


_tile6 = _tile_intrinsic(6)
_tile4 = _tile_intrinsic(4)
_tile2 = _tile_intrinsic(2)
_tile1 = _tile_intrinsic(1)


@njit(cache=True, nogil=True)
def tiled_matmul(a, b, out, transpose_a, accumulate):
    """out (+)= op(a) @ b in float32, ``op(a)`` = ``a.T`` when ``transpose_a``.

    ``b`` (k, n) and ``out`` (m, n) need contiguous rows (C order or a row block of a C
    array) and ``n`` a multiple of 16; ``a`` may be any 2-D float32 array.
    """
    m, n = out.shape
    k = b.shape[0]
    a_rows, a_cols = (a.shape[1], a.shape[0]) if transpose_a else (a.shape[0], a.shape[1])
    if a_rows != m or a_cols != k or b.shape[1] != n or n % TILE_COLS:
        raise ValueError("matrix product: the shapes do not match")
    size = out.itemsize
    ldc = out.strides[0] // size
    ldb = b.strides[0] // size
    rs, cs = a.strides[0] // size, a.strides[1] // size
    a_rs, a_cs = (cs, rs) if transpose_a else (rs, cs)
    c0, a0, b0 = out.ctypes.data, a.ctypes.data, b.ctypes.data
    for j in range(0, n, TILE_COLS):
        i = 0
        while i < m:
            c_at = c0 + (i * ldc + j) * size
            a_at = a0 + i * a_rs * size
            b_at = b0 + j * size
            left = m - i
            if left >= 6:
                _tile6(c_at, ldc, a_at, a_rs, a_cs, b_at, ldb, k, accumulate)
                i += 6
            elif left >= 4:
                _tile4(c_at, ldc, a_at, a_rs, a_cs, b_at, ldb, k, accumulate)
                i += 4
            elif left >= 2:
                _tile2(c_at, ldc, a_at, a_rs, a_cs, b_at, ldb, k, accumulate)
                i += 2
            else:
                _tile1(c_at, ldc, a_at, a_rs, a_cs, b_at, ldb, k, accumulate)
                i += 1
