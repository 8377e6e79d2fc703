"""Signed-distance-field fonts from the TTF files shipped in ``assets/fonts``.

Glyphs are rasterised once with Pillow at :data:`RASTER_PX` and turned into a
signed distance field, so the same atlas draws crisp text at 12 px on a laptop
and at 400 px when the camera zooms into a label. Only bundled fonts are used:
screenshots are identical on every machine and the Greek and mathematical
symbols the views need (σ ⊙ ∂ η …) are always there, from the fallback face when
the primary one lacks them.

This module needs no OpenGL: the atlas is a numpy image that the renderer
uploads when :attr:`GlyphAtlas.version` changes, and text measurement works in
plain unit tests.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
from PIL import ImageFont

from nnviz.render.atomic_file import write_atomically
from nnviz.render.gpu_constants import SDF_SPREAD_PX
from nnviz.resources import resource_path

RASTER_PX = 40
"""Em size, in atlas pixels, at which glyphs are rasterised."""
SPREAD_PX = SDF_SPREAD_PX
"""Distance range, in atlas pixels, encoded on each side of a glyph's edge (shared with
``text.glsl``, see :mod:`nnviz.render.gpu_constants`)."""
ATLAS_SIZE = 1024

PRELOADED = (
    "".join(chr(c) for c in range(32, 127))
    + "°±×÷·…–—‘’“”•←↑→↓↔↺⇄∂∑√∞≈≠≤≥⊙⊕∙−αβγδεηθλμπρσφψωΔΣΦΨΩ²³⁻¹ᵀ‖"
)
"""Characters put in the atlas at start-up; others are added when first drawn."""

FACES = {
    "regular": ("AtkinsonHyperlegible-Regular.ttf", "DejaVuSans.ttf"),
    "bold": ("AtkinsonHyperlegible-Bold.ttf", "DejaVuSans.ttf"),
}
"""Each face: the primary font file and the fallback used for glyphs it lacks."""


@dataclass(frozen=True)
class Glyph:
    """One glyph in the atlas, in em units relative to the pen on the baseline."""

    advance: float
    x0: float
    y0: float
    x1: float
    y1: float
    u0: float
    v0: float
    u1: float
    v1: float

    @property
    def empty(self) -> bool:
        return self.x1 <= self.x0


_GLYPH_FIELDS = len(fields(Glyph))
"""Numbers per glyph in the atlas cache file (one row of :func:`_glyph_row`)."""


@dataclass(frozen=True)
class LineMetrics:
    """Vertical metrics in em units (y grows downwards, baseline at 0)."""

    ascent: float
    descent: float
    cap_height: float
    line_height: float


def _squared_edt(feature: np.ndarray) -> np.ndarray:
    """Exact squared Euclidean distance to the nearest ``True`` pixel.

    Separable brute force (min over one axis, then the other): exact, short
    enough to read, and fast for glyph-sized images in numpy.
    """
    h, w = feature.shape
    big = float((h + w) ** 2)
    f = np.where(feature, 0.0, big)
    ys = np.arange(h, dtype=np.float64)
    xs = np.arange(w, dtype=np.float64)
    # Columns: g[y, x] = min_q (y - q)^2 + f[q, x]
    g = ((ys[:, None] - ys[None, :]) ** 2)[:, :, None] + f[None, :, :]
    g = g.min(axis=1)
    # Rows: d[y, x] = min_q (x - q)^2 + g[y, q]
    d = ((xs[:, None] - xs[None, :]) ** 2)[None, :, :] + g[:, None, :]
    return d.min(axis=2)


def signed_distance_field(coverage: np.ndarray, spread: float) -> np.ndarray:
    """Coverage image (0..1 floats) → SDF as uint8 with the edge at 128.

    Distances are measured between pixel centres and refined by the coverage of
    edge pixels, which keeps curves smooth at the raster size used here.
    """
    inside = coverage >= 0.5
    if not inside.any():
        return np.zeros(coverage.shape, dtype=np.uint8)
    dist_out = np.sqrt(_squared_edt(inside))
    dist_in = np.sqrt(_squared_edt(~inside))
    signed = np.where(inside, dist_in - 0.5, -(dist_out - 0.5))
    edge = (coverage > 0.0) & (coverage < 1.0)
    signed = np.where(edge, coverage - 0.5, signed)
    scaled = 0.5 + signed / (2.0 * spread)
    return np.clip(np.round(scaled * 255.0), 0, 255).astype(np.uint8)


class _ShelfPacker:
    """Packs rectangles into rows ("shelves") of a square atlas."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.x = 1
        self.y = 1
        self.shelf_height = 0

    def place(self, w: int, h: int) -> tuple[int, int] | None:
        if self.x + w + 1 > self.size:
            self.x, self.y = 1, self.y + self.shelf_height + 1
            self.shelf_height = 0
        if self.y + h + 1 > self.size or w + 2 > self.size:
            return None
        pos = (self.x, self.y)
        self.x += w + 1
        self.shelf_height = max(self.shelf_height, h)
        return pos


class _Face:
    """One TTF file opened at the raster size, with a test for missing glyphs."""

    def __init__(self, filename: str) -> None:
        self.path = resource_path("assets", "fonts", filename)
        self.font = ImageFont.truetype(str(self.path), RASTER_PX)
        self._notdef = self._signature("\U0010fffd")
        self._has: dict[str, bool] = {}
        """Answers of :meth:`has` so far: each renders a glyph, and a text's first
        layout asks once per kerning pair (a zoom into the cell asked 170 times in one
        frame, 14 ms)."""

    def _signature(self, ch: str) -> tuple:
        mask = self.font.getmask(ch)
        return (mask.size, bytes(mask), self.font.getlength(ch))

    def has(self, ch: str) -> bool:
        """Whether the font maps ``ch`` to a real glyph (not its .notdef box)."""
        found = self._has.get(ch)
        if found is None:
            found = self._has[ch] = ch.isspace() or self._signature(ch) != self._notdef
        return found


class GlyphAtlas:
    """All faces' glyphs as SDFs in one single-channel texture image.

    ``image`` is ``(ATLAS_SIZE, ATLAS_SIZE)`` uint8. ``version`` increases
    whenever glyphs are added, so the renderer knows when to upload again.

    When the atlas is full it starts again from its preloaded glyphs rather than draw
    nothing for every new character from then on (an exhibit runs for weeks; captions in
    another language bring new glyphs). ``generation`` counts these restarts: a glyph's
    texture coordinates from an older generation are void, so whoever keeps them (the
    text layout's cache) drops them when it changes.
    """

    def __init__(self, preload: str = PRELOADED) -> None:
        self.image = np.zeros((ATLAS_SIZE, ATLAS_SIZE), dtype=np.uint8)
        self.version = 0
        self._packer = _ShelfPacker(ATLAS_SIZE)
        self._faces: dict[str, tuple[_Face, _Face]] = {}
        for name, (primary, fallback) in FACES.items():
            self._faces[name] = (_Face(primary), _Face(fallback))
        self._glyphs: dict[tuple[str, str], Glyph] = {}
        self._kerning: dict[tuple[str, str, str], float] = {}
        self.metrics = self._line_metrics(self._faces["regular"][0].font)
        self.generation = 0
        self._preload(preload)
        self._preloaded = _CachedAtlas(
            self.image.copy(), dict(self._glyphs),
            (self._packer.x, self._packer.y, self._packer.shelf_height),
        )  # fmt: skip

    # -- metrics ---------------------------------------------------------------------
    @staticmethod
    def _line_metrics(font: ImageFont.FreeTypeFont) -> LineMetrics:
        ascent, descent = font.getmetrics()
        cap_top = font.getbbox("H", anchor="ls")[1]
        return LineMetrics(
            ascent=ascent / RASTER_PX,
            descent=descent / RASTER_PX,
            cap_height=-cap_top / RASTER_PX,
            line_height=(ascent + descent) * 1.15 / RASTER_PX,
        )

    # -- glyphs ----------------------------------------------------------------------
    def _preload(self, chars: str) -> None:
        cache = _atlas_cache_file(chars)
        cached = None if cache is None else _read_cache(cache, self.image.shape)
        if cached is not None:
            self.image[:] = cached.image
            self._glyphs.update(cached.glyphs)
            self._packer.x, self._packer.y, self._packer.shelf_height = cached.packer
            self.version += 1
            return
        # No cache, or a damaged one (truncated, empty, garbage after a power cut): rebuild
        # and write it again.
        for face in self._faces:
            for ch in chars:
                self.glyph(ch, face)
        if cache is not None:
            self._save_cache(cache)

    def glyph(self, ch: str, face: str = "regular") -> Glyph:
        """The glyph for ``ch``, rasterising it into the atlas on first use."""
        key = (face, ch)
        found = self._glyphs.get(key)
        if found is None:
            found = self._rasterise(ch, face)
            self._glyphs[key] = found
        return found

    def _face_for(self, ch: str, face: str) -> _Face:
        primary, fallback = self._faces[face]
        return primary if primary.has(ch) else fallback

    def _font_for(self, ch: str, face: str) -> ImageFont.FreeTypeFont:
        return self._face_for(ch, face).font

    def font_file(self, ch: str, face: str = "regular") -> Path:
        """The font file that draws ``ch`` in ``face`` (the primary one or its fallback)."""
        return self._face_for(ch, face).path

    def _rasterise(self, ch: str, face: str) -> Glyph:
        font = self._font_for(ch, face)
        advance = font.getlength(ch) / RASTER_PX
        mask, (ox, oy) = font.getmask2(ch, mode="L", anchor="ls")
        w, h = mask.size
        if w == 0 or h == 0:
            return Glyph(advance, 0, 0, 0, 0, 0, 0, 0, 0)
        pad = SPREAD_PX
        coverage = np.zeros((h + 2 * pad, w + 2 * pad), dtype=np.float64)
        coverage[pad : pad + h, pad : pad + w] = np.asarray(mask, dtype=np.float64).reshape(h, w)
        coverage /= 255.0
        sdf = signed_distance_field(coverage, SPREAD_PX)
        place = self._packer.place(sdf.shape[1], sdf.shape[0])
        if place is None and self._restart():
            place = self._packer.place(sdf.shape[1], sdf.shape[0])
        if place is None:  # Larger than an empty atlas: draw nothing rather than fail.
            return Glyph(advance, 0, 0, 0, 0, 0, 0, 0, 0)
        px, py = place
        self.image[py : py + sdf.shape[0], px : px + sdf.shape[1]] = sdf
        self.version += 1
        size = float(ATLAS_SIZE)
        return Glyph(
            advance=advance,
            x0=(ox - pad) / RASTER_PX,
            y0=(oy - pad) / RASTER_PX,
            x1=(ox - pad + sdf.shape[1]) / RASTER_PX,
            y1=(oy - pad + sdf.shape[0]) / RASTER_PX,
            u0=px / size,
            v0=py / size,
            u1=(px + sdf.shape[1]) / size,
            v1=(py + sdf.shape[0]) / size,
        )

    def _restart(self) -> bool:
        """Start again from the preloaded glyphs (the atlas is full); ``False`` when there
        is nothing to free (the preload itself filled it)."""
        base = getattr(self, "_preloaded", None)
        if base is None or len(self._glyphs) == len(base.glyphs):
            return False
        self.image[:] = base.image
        self._glyphs = dict(base.glyphs)
        self._packer.x, self._packer.y, self._packer.shelf_height = base.packer
        self.generation += 1
        self.version += 1
        return True

    def kerning(self, left: str, right: str, face: str = "regular") -> float:
        """Pair adjustment in em (negative pulls the pair together)."""
        key = (face, left, right)
        found = self._kerning.get(key)
        if found is None:
            font = self._font_for(left, face)
            if font is not self._font_for(right, face):
                found = 0.0
            else:
                pair = font.getlength(left + right)
                found = (pair - font.getlength(left) - font.getlength(right)) / RASTER_PX
            self._kerning[key] = found
        return found

    # -- disk cache --------------------------------------------------------------------
    def _save_cache(self, path: Path) -> None:
        """Write the atlas atomically (temporary file, fsync, rename): a crash or a power
        cut mid-write leaves the previous cache or none, never a truncated one."""
        keys = list(self._glyphs)
        rows = np.array([_glyph_row(self._glyphs[k]) for k in keys], dtype=np.float64)
        arrays = {
            "image": self.image,
            "faces": np.array([k[0] for k in keys]),
            "chars": np.array([k[1] for k in keys]),
            "rows": rows.reshape(len(keys), _GLYPH_FIELDS),
            "packer": np.array([self._packer.x, self._packer.y, self._packer.shelf_height]),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, lambda file: np.savez_compressed(file, **arrays))
        except OSError:
            pass  # A read-only home only costs start-up time.


@dataclass(frozen=True)
class _CachedAtlas:
    """An atlas read back from disk and checked, ready to be taken over whole."""

    image: np.ndarray
    glyphs: dict[tuple[str, str], Glyph]
    packer: tuple[int, int, int]


def _read_cache(path: Path, shape: tuple[int, ...]) -> _CachedAtlas | None:
    """The cached atlas at ``path``, or ``None`` when it is missing or damaged in any way.

    Everything is read and checked before anything is used, so a damaged file can never
    leave the atlas half loaded. The cache is only ever a shortcut: whatever goes wrong
    reading it (numpy, zip and pickle errors, wrong shapes, values out of range) means
    "build the atlas again", never a failed start.
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            image = np.array(data["image"])
            faces, chars, rows = data["faces"], data["chars"], np.array(data["rows"])
            packer = tuple(int(v) for v in data["packer"])
        ok = (
            image.shape == shape
            and image.dtype == np.uint8
            and rows.ndim == 2
            and rows.shape[1] == _GLYPH_FIELDS
            and len(faces) == len(chars) == len(rows)
            and bool(np.isfinite(rows).all())
            and len(packer) == 3
            and all(0 <= v <= shape[0] for v in packer)
        )
        if not ok:
            return None
        glyphs = {
            (str(face), str(ch)): Glyph(*(float(v) for v in row))
            for face, ch, row in zip(faces, chars, rows, strict=True)
        }
    except Exception:  # any unreadable cache is rebuilt (see the docstring)
        return None
    return _CachedAtlas(image, glyphs, (packer[0], packer[1], packer[2]))


def _glyph_row(g: Glyph) -> tuple[float, ...]:
    return (g.advance, g.x0, g.y0, g.x1, g.y1, g.u0, g.v0, g.u1, g.v1)


def user_cache_dir() -> Path | None:
    """A writable per-user cache folder for nnviz, or ``None`` when there is none."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "nnviz"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def atlas_cache_file(chars: str = PRELOADED) -> Path | None:
    """Where the atlas of ``chars`` is cached (None without a writable cache folder)."""
    return _atlas_cache_file(chars)


def _atlas_cache_file(chars: str) -> Path | None:
    """Cache file name keyed by the font files, the raster settings and the glyph set."""
    folder = user_cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256()
    for primary, fallback in FACES.values():
        for name in (primary, fallback):
            digest.update(resource_path("assets", "fonts", name).read_bytes())
    digest.update(f"{RASTER_PX}/{SPREAD_PX}/{ATLAS_SIZE}/{chars}".encode())
    return folder / f"atlas-{digest.hexdigest()[:16]}.npz"
