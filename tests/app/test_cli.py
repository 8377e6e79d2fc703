"""Command line: options parse, bad input gives one clear line and exit code 2."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from nnviz.app import cli
from nnviz.ui.mode import DESKTOP, KIOSK, LECTURE


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess:
    """``python -m nnviz ARGS`` with ``env`` over this environment (None removes a name)."""
    merged = {**os.environ, **(env or {})}
    full_env = {k: v for k, v in merged.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-m", "nnviz", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--size", "0x0"], "out of range"),
        (["--size", "big"], "1920x1080"),
        (["--frames", "-1"], "at least 1"),
        (["--frames", "many"], "whole number"),
        (["--scene", "nope"], "unknown scene 'nope'"),
        (["--theme", "neon"], "unknown theme"),
        (["--fixed-dt", "0"], "fixed dt"),
        (["--seed", "-3"], "seed"),
        (["--screenshot", "/no/such/folder/x.png"], "does not exist"),
        (["--size", "16384x16384"], "GiB per frame"),
        (["--size", "8000x8000"], "largest is 33 megapixels"),
        (["--screenshot", "out.jpg"], ".png"),
        (["--bogus"], "unrecognized"),
    ],
)
def test_bad_options_raise_one_clear_usage_error(args, fragment):
    with pytest.raises(cli.UsageError) as info:
        cli.parse_options(args)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_bad_option_exits_2_with_one_line_and_no_traceback():
    result = run_cli("--size", "0x0")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: error:")
    assert "Traceback" not in result.stderr


def test_no_display_and_no_headless_says_what_to_do():
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "SDL_VIDEODRIVER": "dummy"}
    result = run_cli("--frames", "1", env=env)
    assert result.returncode == 2
    assert "--headless" in result.stderr and "Traceback" not in result.stderr


def test_defaults_and_modes():
    opts = cli.parse_options([])
    assert opts.size == (1280, 720) and not opts.headless and opts.frames is None
    assert opts.mode is DESKTOP and opts.theme == "light" and not opts.fullscreen
    assert cli.parse_options(["--headless"]).frames == 60
    lecture = cli.parse_options(["--mode", "lecture"])
    assert lecture.mode is LECTURE and lecture.theme == "projector"
    assert cli.parse_options(["--mode", "lecture", "--theme", "dark"]).theme == "dark"
    kiosk = cli.parse_options(["--mode", "kiosk"])
    # The kiosk file's settings applied to KIOSK (its defaults here); the exit chord opens
    # the staff keypad instead of quitting.
    assert kiosk.mode.name == KIOSK.name and kiosk.fullscreen and kiosk.kiosk is not None
    assert not kiosk.mode.input.quit_keys


def test_options_and_scene_services_are_typed_not_dicts(make_app):
    assert not any(
        f.type in ("dict", "dict[str, object]") for f in dataclasses.fields(cli.Options)
    )
    app = make_app("--scene", "demo", "--size", "320x200", "--mode", "lecture")
    services = app.scene.services
    assert services.mode is LECTURE and services.threaded_training is False
    assert not any(isinstance(value, dict) for value in vars(services).values())


def test_main_returns_2_for_bad_input(capsys):
    assert cli.main(["--frames", "0"]) == 2
    assert "frames must be at least 1" in capsys.readouterr().err


def test_sigterm_ends_a_run_cleanly(tmp_path):
    """A service stop (SIGTERM) ends the app through its clean-up, exit code 0, instead
    of the signal's default death (or, in a window, SDL's quit event a kiosk ignores)."""
    import signal
    import time

    marker = tmp_path / "out.png"
    proc = subprocess.Popen(
        [sys.executable, "-m", "nnviz", "--headless", "--size", "320x200",
         "--frames", "100000000", "--screenshot", str(marker)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        time.sleep(8)  # imports, the context, a few frames
        assert proc.poll() is None, proc.communicate()[1][-2000:]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert not marker.exists()  # stopped, not finished: no picture claims to be the last


def test_the_tour_is_offered_on_a_persons_own_start_but_not_in_a_lecture():
    def offered(*args: str) -> bool:
        return cli.offers_tour(cli.parse_options(list(args)))

    assert offered() and offered("--scene", "sheet")
    assert not offered("--mode", "lecture")  # it would interrupt the talk
    assert not offered("--headless") and not offered("--frames", "10")
    assert not offered("--lesson", "lstm-sine")
