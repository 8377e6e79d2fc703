"""Where a layer's coordinates land on the framebuffer: plain 3×3 affine math.

A :class:`LayerTransform` says how one draw list's coordinates (world units of a camera,
pixels of the screen, or a child space placed inside a shape) map to normalized device
coordinates, how many pixels one unit covers (the shaders' anti-aliasing needs it), and
optionally which pixel rectangle clips the layer. It is numpy only, no OpenGL, so scenes
compose transforms and tests check them without a context; the renderer uploads them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnviz.render.camera import Camera2D

__all__ = ["LayerTransform"]


@dataclass(frozen=True)
class LayerTransform:
    """Maps a layer's coordinates (y down) to normalized device coordinates.

    ``matrix`` is a row-major 3×3 affine matrix; ``px_per_unit`` is how many
    framebuffer pixels one layer unit covers (anti-aliasing needs it).
    """

    matrix: np.ndarray
    px_per_unit: float
    clip: tuple[int, int, int, int] | None = None
    """Optional scissor rectangle ``(x, y, w, h)`` in pixels (y down): nothing of the
    layer is drawn outside it. A camera that owns part of the window uses it."""

    def clipped(self, x: float, y: float, w: float, h: float) -> LayerTransform:
        """The same transform, drawing only inside the pixel rectangle given."""
        box = (math.floor(x), math.floor(y), math.ceil(w), math.ceil(h))
        return LayerTransform(self.matrix, self.px_per_unit, box)

    @staticmethod
    def screen(width: int, height: int) -> LayerTransform:
        """Pixel coordinates, origin top-left."""
        m = np.array(
            [[2.0 / width, 0.0, -1.0], [0.0, -2.0 / height, 1.0], [0.0, 0.0, 1.0]],
            dtype=np.float32,
        )
        return LayerTransform(m, 1.0)

    @staticmethod
    def world(center: tuple[float, float], zoom: float, width: int, height: int) -> LayerTransform:
        """World units seen by a camera at ``center`` with ``zoom`` pixels per unit."""
        sx = 2.0 * zoom / width
        sy = -2.0 * zoom / height
        m = np.array(
            [[sx, 0.0, -sx * center[0]], [0.0, sy, -sy * center[1]], [0.0, 0.0, 1.0]],
            dtype=np.float32,
        )
        return LayerTransform(m, float(zoom))

    @staticmethod
    def from_camera(
        camera: Camera2D, framebuffer_size: tuple[int, int], origin: tuple[float, float] = (0, 0)
    ) -> LayerTransform:
        """World layer seen through ``camera`` whose viewport starts at pixel ``origin``
        of the framebuffer (a camera may own only part of the window, beside a panel)."""
        w, h = framebuffer_size
        vw, vh = camera.viewport
        zoom = camera.zoom
        cx, cy = camera.center
        # pixel = (p - c) * zoom + origin + viewport / 2; then pixels → NDC.
        px = origin[0] + 0.5 * vw - cx * zoom
        py = origin[1] + 0.5 * vh - cy * zoom
        screen = LayerTransform.screen(w, h).matrix.astype(np.float64)
        to_pixels = np.array([[zoom, 0.0, px], [0.0, zoom, py], [0.0, 0.0, 1.0]])
        return LayerTransform((screen @ to_pixels).astype(np.float32), float(zoom))

    def then_local(self, offset: tuple[float, float], scale: float) -> LayerTransform:
        """A child space placed in this one: child point p lands at ``offset + p * scale``.

        This is how a detailed drawing in its own coordinates (the LSTM cell) sits inside
        a shape of the parent layer (a layer glyph) and zooms with the parent's camera.
        """
        local = np.array(
            [[scale, 0.0, offset[0]], [0.0, scale, offset[1]], [0.0, 0.0, 1.0]], dtype=np.float64
        )
        matrix = (self.matrix.astype(np.float64) @ local).astype(np.float32)
        return LayerTransform(matrix, self.px_per_unit * scale, self.clip)

    def at_resolution(self, k: float) -> LayerTransform:
        """The same picture drawn into a framebuffer ``k`` times as wide and tall.

        The layer still fills the same part of the frame (NDC is unchanged); only what
        depends on pixels scales: anti-aliasing widths (``px_per_unit``) and the scissor.
        A picture for print drawn this way is the screen's picture, sharper, never a
        different layout.
        """
        clip = None
        if self.clip is not None:
            x, y, w, h = self.clip
            clip = (math.floor(x * k), math.floor(y * k), math.ceil(w * k), math.ceil(h * k))
        return LayerTransform(self.matrix, self.px_per_unit * k, clip)

