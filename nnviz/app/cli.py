"""Command line: ``nnviz`` and ``python -m nnviz``.

Bad input never produces a traceback: a bad option value, an unknown scene, a
screenshot path that cannot be written, no display (or one that does not answer)
or no OpenGL 3.3 prints one clear line on stderr and exits with code 2, before
any frame is drawn.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from nnviz.app.frame_limits import frame_size_problem
from nnviz.app.kiosk.config import KioskConfig, KioskConfigError, load_config
from nnviz.ui.mode import MODES, Mode

if TYPE_CHECKING:
    from nnviz.app.session_file import SessionFile
    from nnviz.scenes.lesson import Lesson

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad option or environment; the message is shown as-is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _size(text: str) -> tuple[int, int]:
    try:
        w_text, h_text = text.lower().split("x")
        w, h = int(w_text), int(h_text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, not {text!r}") from None
    problem = frame_size_problem(w, h)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return (w, h)


def _frames(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"frames must be a whole number, not {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"frames must be at least 1, not {n}")
    return n


def _dt(text: str) -> float:
    try:
        dt = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"fixed dt must be a number of seconds, not {text!r}"
        ) from None
    if not (math.isfinite(dt) and 0.0 < dt <= 1.0):
        raise argparse.ArgumentTypeError(f"fixed dt must be between 0 and 1 second, not {text}")
    return dt


def _seed(text: str) -> int:
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, not {text!r}") from None
    if not 0 <= seed < 2**32:
        raise argparse.ArgumentTypeError(f"seed must be between 0 and 2^32-1, not {seed}")
    return seed


def build_parser() -> argparse.ArgumentParser:
    from nnviz.scenes import DEFAULT_SCENE, SCENES
    from nnviz.ui.theme import THEMES

    p = _Parser(
        prog="nnviz",
        description="A native, GPU-accelerated teaching visualizer for neural networks.",
    )
    p.add_argument("--scene", help=f"scene to open: {', '.join(SCENES)} (default {DEFAULT_SCENE})")
    p.add_argument("--theme", help=f"colour theme: {', '.join(THEMES)} (F2 cycles)")
    p.add_argument(
        "--mode",
        choices=list(MODES),
        default="desktop",
        help="; ".join(f"{m.name}: {m.description}" for m in MODES.values()),
    )
    p.add_argument("--fullscreen", action="store_true", help="use the desktop resolution")
    p.add_argument("--seed", type=_seed, default=0, help="seed for data and weights")
    p.add_argument("--headless", action="store_true", help="render offscreen (no display needed)")
    p.add_argument("--size", type=_size, help="window or image size, e.g. 1920x1080")
    p.add_argument("--frames", type=_frames, help="stop after this many frames")
    p.add_argument("--fixed-dt", type=_dt, help="seconds per frame (reproducible runs)")
    p.add_argument("--screenshot", type=Path, help="write the last frame to this PNG file")
    p.add_argument("--overlay", action="store_true", help="start with the F3 performance overlay")
    p.add_argument("--warmup", action="store_true", help="compile the training kernels and exit")
    p.add_argument("--cache-dir", type=Path, help="with --warmup: kernel cache folder")
    p.add_argument("--lesson", metavar="NAME_OR_PATH", help="play a lesson (see --list-lessons)")
    p.add_argument("--list-lessons", action="store_true", help="list the shipped lessons")
    p.add_argument("--preset", metavar="NAME", help="open a trained preset (see --list-presets)")
    p.add_argument("--list-presets", action="store_true", help="list the shipped presets")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a setting at start, e.g. --set data=square --set lr=0.03 (repeatable)",
    )
    p.add_argument(
        "--save-dir", type=Path, help="folder for Ctrl+S / Ctrl+O sessions (default: here)"
    )
    p.add_argument("--record", type=Path, help="write every frame to a .gif (or .mp4, PyAV)")
    p.add_argument(
        "--worker",
        choices=("process", "thread"),
        default="process",
        help="where live training runs: its own process (default; no GIL shared with "
        "drawing) or a thread of this one",
    )
    p.add_argument("session", nargs="?", type=Path, help="a saved session (.nnviz) to continue")
    p.add_argument(
        "--kiosk-config", type=Path, help="with --mode kiosk: the exhibit's TOML file"
    )
    return p


@dataclass(frozen=True)
class Options:
    """The validated command line; every field is typed and resolved (no defaults left
    to look up later: ``theme`` and ``fullscreen`` already follow the mode)."""

    scene: str
    theme: str
    mode: Mode
    fullscreen: bool
    seed: int
    headless: bool
    size: tuple[int, int]
    frames: int | None
    fixed_dt: float | None
    screenshot: Path | None
    overlay: bool
    lesson: Lesson | None = None
    settings: tuple[tuple[str, object], ...] = ()
    """``--set`` values, checked and typed."""
    session: SessionFile | None = None
    """A saved session to continue (its explorer and seed are ``scene`` and ``seed``)."""
    save_dir: Path | None = None
    record: Path | None = None
    kiosk: KioskConfig | None = None
    """The exhibit's configuration in kiosk mode (defaults without a file), else None."""
    worker: str = "process"
    """Where live (threaded) training runs: ``"process"`` or ``"thread"``."""


def parse_options(argv: Sequence[str] | None) -> Options:
    """Parse and validate ``argv``; raises :class:`UsageError` with one clear line."""
    from nnviz.app.screenshot import ScreenshotPathError, check_target
    from nnviz.scenes import DEFAULT_SCENE, SCENES
    from nnviz.ui.theme import THEMES

    args = build_parser().parse_args(argv)
    if args.scene is not None and args.scene not in SCENES:
        raise UsageError(f"unknown scene {args.scene!r}; choose one of: {', '.join(SCENES)}")
    mode = MODES[args.mode]
    kiosk = _kiosk(args, mode)
    scene = args.scene or DEFAULT_SCENE
    if kiosk is not None:
        mode = kiosk.mode(mode)
        if args.scene is not None and args.scene not in kiosk.explorers:
            if args.kiosk_config is not None:
                raise UsageError(f"scene {args.scene!r} is not one of the kiosk's explorers")
            kiosk = replace(kiosk, explorers=(args.scene,))  # no file: the one asked for
        scene = args.scene or kiosk.default_explorer
    theme = args.theme or mode.theme
    if theme not in THEMES:
        raise UsageError(f"unknown theme {theme!r}; choose one of: {', '.join(THEMES)}")
    screenshot = None
    if args.screenshot is not None:
        try:
            screenshot = check_target(args.screenshot)
        except ScreenshotPathError as exc:
            raise UsageError(str(exc)) from None
        if kiosk is not None and not screenshot.resolve().is_relative_to(kiosk.state_dir.resolve()):
            raise UsageError(f"a kiosk saves only inside its state folder {kiosk.state_dir}")
    lesson = None
    if args.lesson is not None:
        from nnviz.app.lessons import find_lesson
        from nnviz.scenes.lesson import LessonError

        try:
            lesson = find_lesson(args.lesson)
        except LessonError as exc:
            raise UsageError(str(exc)) from None
    settings = _settings(args.set)
    session = None
    seed = args.seed
    if args.preset is not None and args.session is not None:
        raise UsageError("give a saved session or --preset, not both")
    if args.session is not None:
        from nnviz.app.session_file import SessionFileError, load_session

        try:
            session = load_session(args.session, tuple(SCENES))
        except SessionFileError as exc:
            raise UsageError(str(exc)) from None
        scene, seed = session.scene, session.seed
    if args.preset is not None:
        session = _preset(args.preset)
        scene, seed = session.scene, session.seed
    if session is not None and (args.preset is not None or args.theme is not None):
        # The theme named here (or the room's, for a preset) wins over the saved one: a
        # preset opened on a projector had turned the app light.
        view = {k: v for k, v in session.view.items() if k != "theme"}
        session = replace(session, view=view)
    if kiosk is not None and (args.session or args.record or args.save_dir or args.lesson):
        raise UsageError("a kiosk opens and writes no files named on the command line")
    save_dir = args.save_dir
    if save_dir is not None and not save_dir.is_dir():
        raise UsageError(f"--save-dir {save_dir}: no such folder")
    record = None
    if args.record is not None:
        from nnviz.app.record import RecordError, check_record_target

        try:
            record = check_record_target(args.record)
        except RecordError as exc:
            raise UsageError(str(exc)) from None
    frames = args.frames
    if args.headless and frames is None:
        frames = 60
    return Options(
        scene=scene,
        theme=theme,
        mode=mode,
        fullscreen=args.fullscreen or mode.fullscreen,
        seed=seed,
        headless=args.headless,
        size=args.size or (1280, 720),
        frames=frames,
        fixed_dt=args.fixed_dt,
        screenshot=screenshot,
        overlay=args.overlay and kiosk is None,  # no developer overlays for visitors
        lesson=lesson,
        settings=settings,
        session=session,
        save_dir=save_dir,
        record=record,
        kiosk=kiosk,
        worker=args.worker,
    )


def _preset(name: str) -> SessionFile:
    """The session a ``--preset`` ends in (one line and exit 2 when it cannot open)."""
    from nnviz.app.presets import PresetError, find_preset
    from nnviz.scenes import SCENES

    try:
        return find_preset(name).open(tuple(SCENES))
    except PresetError as exc:
        raise UsageError(str(exc)) from None


def _settings(assignments: list[str]) -> tuple[tuple[str, object], ...]:
    """``--set`` values, checked like every other option."""
    from nnviz.scenes.lesson.settings_keys import SettingError, parse_assignment

    try:
        return tuple(parse_assignment(text) for text in assignments)
    except SettingError as exc:
        raise UsageError(str(exc)) from None


def _kiosk(args: argparse.Namespace, mode: Mode) -> KioskConfig | None:
    """The kiosk configuration when running as a kiosk (a bad file is a usage error)."""
    if mode.name != "kiosk":
        if args.kiosk_config is not None:
            raise UsageError("--kiosk-config needs --mode kiosk")
        return None
    try:
        return load_config(args.kiosk_config)
    except KioskConfigError as exc:
        raise UsageError(str(exc)) from None


def _stop_on_sigterm() -> None:
    """SIGTERM (a service stop, a shutdown) ends the run cleanly: the loop's ``finally``
    closes the training sessions (their worker processes end) and the window. Installed
    before SDL starts: SDL would otherwise turn SIGTERM into a quit event, which a locked
    kiosk ignores like any other, and systemd would wait its 90 s and kill it."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    with contextlib.suppress(ValueError):  # not the main thread (nnviz embedded)
        signal.signal(signal.SIGTERM, stop)


def run(options: Options) -> int:
    """Open the window (or headless context), run the loop, save the screenshot."""
    from nnviz.anim.clock import FrameTimer
    from nnviz.app.bootstrap import build_app
    from nnviz.app.window import HeadlessWindow, PygameWindow

    _stop_on_sigterm()
    if options.kiosk is not None:
        os.environ.update(options.kiosk.cache_environment())
    if not options.headless:  # a person's start, not a picture or a test
        from nnviz.app.cache_prune import prune_stale_caches

        prune_stale_caches()
    if options.headless:
        window = HeadlessWindow(options.size)
    else:
        window = PygameWindow(
            options.size,
            fullscreen=options.fullscreen,
            cursor_visible=options.mode.cursor_visible,
            locked=options.kiosk is not None,
        )
    timer = FrameTimer(fixed_dt=options.fixed_dt)
    app = build_app(window, options, timer)
    if options.record is not None:
        from nnviz.app.record import Recorder

        app.recorder = Recorder(options.record, 1.0 / (options.fixed_dt or 1.0 / 60.0))
    if offers_tour(options):
        app.tour.offer(app.scene)  # a first start: the explorer's tour, unless seen
    try:
        app.run(options.frames)
        if app.recorder is not None:
            try:
                app.recorder.finish()
            except OSError as exc:
                raise UsageError(f"cannot write {options.record}: {exc.strerror or exc}") from None
        if options.screenshot is not None:
            # Only a run that got here replaces an existing picture.
            try:
                app.screenshot(options.screenshot)
            except OSError as exc:  # the disk filled up or the folder went away meanwhile
                reason = exc.strerror or str(exc)
                message = f"cannot write screenshot {options.screenshot}: {reason}"
                raise UsageError(message) from None
    finally:
        app.finish_writing()
        app.close_scenes()
        window.close()
    return 0


def offers_tour(options: Options) -> bool:
    """Whether this start offers the explorer's tour (where it was not seen yet): a
    person's own start of an explorer in a window, not a lesson, a saved session, a
    kiosk, a lecture (see :attr:`Mode.offers_tour`) or a headless run."""
    interactive = not options.headless and options.frames is None
    plain = options.kiosk is None and options.lesson is None and options.session is None
    return interactive and plain and options.mode.offers_tour


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--warmup" in args:  # before anything loads numba: --cache-dir must apply first
        from nnviz.core.warmup import cli as warmup_cli

        code = warmup_cli(args)
        if code == 0:  # after the compile: loading numba here must not precede it
            from nnviz.app.cache_prune import prune_stale_caches

            prune_stale_caches()
        return code
    from nnviz.app.window import WindowError
    from nnviz.render.renderer import GLVersionError

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if "--list-lessons" in args:
        from nnviz.app.lessons import list_lessons

        print("\n".join(list_lessons()))
        return 0
    if "--list-presets" in args:
        from nnviz.app.presets import list_presets

        print("\n".join(list_presets()))
        return 0
    try:
        options = parse_options(argv)
        return run(options)
    except UsageError as exc:
        print(f"nnviz: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (WindowError, GLVersionError) as exc:
        print(f"nnviz: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
