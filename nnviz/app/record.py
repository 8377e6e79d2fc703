"""``--record out.gif|out.mp4``: every drawn frame of a run, as a video at the fixed dt.

GIF goes through Pillow (always installed); MP4 through PyAV, an optional extra
(``pip install nnviz[video]``): without it, ``--record x.mp4`` is refused with one line
before anything opens. The file is written once, atomically, when the run ends.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
from PIL import Image

from nnviz.render.atomic_file import write_atomically

FORMATS = (".gif", ".mp4")


class RecordError(ValueError):
    """A recording target that cannot be used; the message says why and what to do."""


def check_record_target(path: Path) -> Path:
    """The target, if its format is known and its encoder is installed."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise RecordError(f"--record {path}: name a .gif or .mp4 file")
    if suffix == ".mp4" and importlib.util.find_spec("av") is None:
        raise RecordError(
            f"--record {path}: MP4 needs PyAV, an optional extra: pip install 'nnviz[video]' "
            "(or record a .gif)"
        )
    if not path.parent.is_dir():
        raise RecordError(f"--record {path}: the folder {path.parent} does not exist")
    return path


class Recorder:
    """Collects frames (RGB, compact) and writes them at ``fps`` when finished."""

    def __init__(self, path: Path, fps: float) -> None:
        self.path = path
        self.fps = fps
        self.frames: list[Image.Image] = []

    def add(self, pixels: np.ndarray) -> None:
        rgb = Image.fromarray(np.ascontiguousarray(pixels[:, :, :3]))
        if self.path.suffix.lower() == ".gif":
            rgb = rgb.quantize(colors=255, method=Image.Quantize.MEDIANCUT)
        self.frames.append(rgb)

    def finish(self) -> None:
        if not self.frames:
            return
        if self.path.suffix.lower() == ".gif":
            first, rest = self.frames[0], self.frames[1:]
            duration = max(round(1000.0 / self.fps), 10)
            write_atomically(self.path, lambda f: first.save(
                f, format="GIF", save_all=True, append_images=rest, duration=duration, loop=0
            ))  # fmt: skip
        else:
            write_atomically(self.path, self._write_mp4)

    def _write_mp4(self, f) -> None:  # pragma: no cover - needs the optional PyAV
        import av

        with av.open(f, mode="w", format="mp4") as container:
            w, h = self.frames[0].size
            stream = container.add_stream("libx264", rate=round(self.fps))
            stream.width, stream.height = w - w % 2, h - h % 2
            stream.pix_fmt = "yuv420p"
            for image in self.frames:
                rgb = np.ascontiguousarray(np.asarray(image.convert("RGB"))[: stream.height,
                                                                            : stream.width])
                frame = av.VideoFrame.from_ndarray(rgb, "rgb24")
                container.mux(stream.encode(frame))
            container.mux(stream.encode())
