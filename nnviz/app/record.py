"""Videos of the screen: ``--record out.gif|out.mp4`` headless, and F9 in a live window.

GIF goes through Pillow (always installed); MP4 through PyAV, an optional extra
(``pip install nnviz[video]``): without it, ``--record x.mp4`` is refused with one line
before anything opens, and F9 records a GIF. Either file appears complete or not at all
(written beside its target and renamed into place when the recording ends).

A headless run records every drawn frame at the fixed dt. A live window draws only when
something moves (the app sleeps otherwise), so :class:`LiveRecording` timestamps the
frames it takes, at most :data:`LIVE_FPS` a second: a still stretch becomes one long
frame of a GIF, or repeated frames of an MP4, and the video keeps the screen's timing.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
from PIL import Image

from nnviz.render.atomic_file import AtomicFile, write_atomically

FORMATS = (".gif", ".mp4")
LIVE_FPS = 10.0
"""Frames a second a live recording keeps (a lecture slide needs no more)."""
LIVE_MAX_WIDTH = 960
"""Live frames are scaled down to this width (aspect kept): small files for slides."""
LIVE_LIMIT_S = {".gif": 30.0, ".mp4": 600.0}
"""A live recording stops itself after this long: a GIF holds its frames in memory."""


class RecordError(ValueError):
    """A recording target that cannot be used; the message says why and what to do."""


def mp4_available() -> bool:
    """Whether PyAV (the optional ``video`` extra) can be imported."""
    return importlib.util.find_spec("av") is not None


def check_record_target(path: Path) -> Path:
    """The target, if its format is known and its encoder is installed."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise RecordError(f"--record {path}: name a .gif or .mp4 file")
    if suffix == ".mp4" and not mp4_available():
        raise RecordError(
            f"--record {path}: MP4 needs PyAV, an optional extra: pip install 'nnviz[video]' "
            "(or record a .gif)"
        )
    if not path.parent.is_dir():
        raise RecordError(f"--record {path}: the folder {path.parent} does not exist")
    return path


class Recorder:
    """Frames in, one video file out at ``fps``.

    A frame may last several frame periods (``add(..., periods=n)``). GIF frames are kept
    (quantised, compact) and written at :meth:`finish`; MP4 frames are encoded as they
    come into a temporary file that :meth:`finish` moves into place.
    """

    def __init__(self, path: Path, fps: float, max_width: int | None = None) -> None:
        self.path = Path(path)
        self.fps = fps
        self.max_width = max_width
        self.frames: list[Image.Image] = []
        self.periods: list[int] = []
        self.frame_count = 0
        """Frame periods recorded so far (an MP4's frame count, a GIF's length ÷ period)."""
        self._mp4: _Mp4Stream | None = None

    @property
    def is_gif(self) -> bool:
        return self.path.suffix.lower() == ".gif"

    def add(self, pixels: np.ndarray, periods: int = 1) -> None:
        """One picture (RGB or RGBA rows, top first) shown for ``periods`` frame periods."""
        image = Image.fromarray(np.ascontiguousarray(pixels[:, :, :3]))
        if self.max_width is not None and image.width > self.max_width:
            height = max(2, round(image.height * self.max_width / image.width))
            image = image.resize((self.max_width, height), Image.Resampling.BOX)
        periods = max(int(periods), 1)
        self.frame_count += periods
        if self.is_gif:
            self.frames.append(image.quantize(colors=255, method=Image.Quantize.MEDIANCUT))
            self.periods.append(periods)
        else:
            if self._mp4 is None:
                self._mp4 = _Mp4Stream(self.path, self.fps, image.size)
            self._mp4.write(image, periods)

    def finish(self) -> None:
        """Write the file (nothing when no frame came); raises ``OSError``."""
        if self._mp4 is not None:
            self._mp4.close()
            return
        if not self.frames:
            return
        period_ms = max(round(1000.0 / self.fps), 10)
        durations = [n * period_ms for n in self.periods]
        first, rest = self.frames[0], self.frames[1:]
        write_atomically(self.path, lambda f: first.save(
            f, format="GIF", save_all=True, append_images=rest, duration=durations, loop=0
        ))  # fmt: skip

    def discard(self) -> None:
        """Drop everything recorded; the target is left as it was."""
        if self._mp4 is not None:
            self._mp4.discard()
        self.frames.clear()


class _Mp4Stream:
    """An H.264 stream written frame by frame into an :class:`AtomicFile`."""

    def __init__(self, path: Path, fps: float, size: tuple[int, int]) -> None:
        import av

        self.target = AtomicFile(path)
        self.container = av.open(self.target.file, mode="w", format="mp4")
        self.stream = self.container.add_stream("libx264", rate=max(round(fps), 1))
        w, h = size
        self.stream.width, self.stream.height = w - w % 2, h - h % 2
        self.stream.pix_fmt = "yuv420p"

    def write(self, image: Image.Image, periods: int) -> None:
        import av

        s = self.stream
        rgb = np.ascontiguousarray(np.asarray(image.convert("RGB"))[: s.height, : s.width])
        frame = av.VideoFrame.from_ndarray(rgb, "rgb24")
        for _ in range(periods):
            self.container.mux(s.encode(frame))

    def close(self) -> None:
        try:
            self.container.mux(self.stream.encode())
            self.container.close()
        except BaseException:
            self.target.discard()
            raise
        self.target.commit()

    def discard(self) -> None:
        import contextlib

        with contextlib.suppress(Exception):
            self.container.close()
        self.target.discard()


class LiveRecording:
    """F9 in a window: frames taken as they are drawn, at most :data:`LIVE_FPS` a second,
    each kept for as long as it was on screen."""

    def __init__(self, path: Path, started_at: float) -> None:
        self.path = Path(path)
        self.recorder = Recorder(self.path, LIVE_FPS, max_width=LIVE_MAX_WIDTH)
        self.started_at = started_at
        self.limit_s = LIVE_LIMIT_S[self.path.suffix.lower()]
        self._held: np.ndarray | None = None
        self._held_since = started_at

    def wants_frame(self, now: float) -> bool:
        """Whether the frame just drawn at ``now`` should be taken."""
        return self._held is None or now - self._held_since >= 1.0 / LIVE_FPS

    def take(self, pixels: np.ndarray, now: float) -> None:
        """The frame on screen from ``now`` on (the previous one lasted until now)."""
        self._release_held(now)
        self._held, self._held_since = pixels, now

    def over_limit(self, now: float) -> bool:
        return now - self.started_at >= self.limit_s

    def finish(self, now: float) -> Path | None:
        """Write the video; the path written, or None when nothing was drawn."""
        self._release_held(now)
        if self.recorder.frame_count == 0:
            return None
        self.recorder.finish()
        return self.path

    def _release_held(self, now: float) -> None:
        if self._held is None:
            return
        periods = max(1, math.floor((now - self._held_since) * LIVE_FPS + 0.5))
        self.recorder.add(self._held, periods)
        self._held = None
