"""The kiosk file: defaults, every key read, and one clear line (exit 2) for a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

from nnviz.app.cli import main, parse_options
from nnviz.app.kiosk.config import KioskConfig, KioskConfigError, load_config
from nnviz.ui.events import KeyDown
from nnviz.ui.mode import KIOSK

GOOD = """
explorers = ["cell", "overview"]
lessons = []
attract_after_s = 30
reset_after_s = 45.5
train_to_epoch = 12
dataset = "drawn"
exit_keys = "ctrl+alt+e"
exit_pin = "97531"
language = "en"
theme = "dark"
cursor = true
state_dir = "state"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


def test_no_file_gives_the_defaults():
    config = load_config(None)
    assert config == KioskConfig()
    assert config.default_explorer == "overview"
    assert (config.attract_after_s, config.reset_after_s) == (90.0, 120.0)


def test_every_key_is_read(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    assert config.explorers == ("cell", "overview")
    assert config.default_explorer == "cell"
    assert (config.attract_after_s, config.reset_after_s) == (30.0, 45.5)
    assert config.train_to_epoch == 12
    assert config.dataset == "drawn"
    assert config.exit_keys.matches(KeyDown("e", ctrl=True, alt=True))
    assert config.exit_pin == "97531"
    assert (config.theme, config.cursor) == ("dark", True)
    assert config.state_dir == tmp_path / "state"  # relative to the file's folder


def test_the_mode_follows_the_file_and_quits_on_no_key(tmp_path):
    mode = load_config(write(tmp_path, GOOD)).mode()
    assert mode.theme == "dark" and mode.cursor_visible
    assert (mode.idle.attract_after_s, mode.idle.reset_after_s) == (30.0, 45.5)
    assert not mode.input.quit_keys  # the chord opens the PIN pad instead
    assert not mode.input.close_request_quits
    assert mode.fullscreen and mode.min_target_px == KIOSK.min_target_px


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("explorers = []", "explorers must name at least one explorer"),
        ('explorers = ["nope"]', "unknown explorer 'nope'"),
        ('lessons = ["intro"]', "unknown lesson 'intro' (available: none are installed)"),
        ("attract_after_s = -1", "attract_after_s must be a positive number"),
        ('reset_after_s = "soon"', "reset_after_s must be a number of seconds"),
        ("train_to_epoch = 0", "train_to_epoch must be a whole number"),
        ('dataset = "text_file"', "unknown data set 'text_file'"),
        ('exit_keys = "q"', "too easy to press by chance"),
        ('exit_keys = "meta+q"', "not a key chord"),
        ("exit_pin = 1234", "exit_pin must be a string of 4 to 8 digits"),
        ('exit_pin = "12"', "exit_pin must be a string of 4 to 8 digits"),
        ('language = "xx"', "unknown language 'xx' (available: en)"),
        ('theme = "neon"', "unknown theme 'neon'"),
        ('cursor = "yes"', "cursor must be true or false"),
        ("atract_after_s = 3", "unknown key 'atract_after_s'"),
        ("explorers = [", "not valid TOML"),
    ],
)
def test_a_bad_file_names_the_file_and_the_problem(tmp_path, text, problem):
    path = write(tmp_path, text)
    with pytest.raises(KioskConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"kiosk config {path}: ")
    assert problem in message
    assert "\n" not in message


def test_a_bad_file_exits_2_with_one_line(tmp_path, capsys):
    path = write(tmp_path, "attract_after_s = 0")
    assert main(["--mode", "kiosk", "--kiosk-config", str(path), "--headless"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "attract_after_s" in err[0]


def test_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["--mode", "kiosk", "--kiosk-config", str(tmp_path / "none.toml")]) == 2
    assert "none.toml" in capsys.readouterr().err


def test_the_file_needs_kiosk_mode(tmp_path, capsys):
    assert main(["--kiosk-config", str(write(tmp_path, ""))]) == 2
    assert "--kiosk-config needs --mode kiosk" in capsys.readouterr().err


def test_kiosk_options_drop_overlays_and_saving_outside_the_state_folder(tmp_path):
    path = write(tmp_path, GOOD)
    options = parse_options(["--mode", "kiosk", "--kiosk-config", str(path), "--overlay"])
    assert options.kiosk is not None and not options.overlay
    assert options.scene == "cell" and options.theme == "dark"
    from nnviz.app.cli import UsageError

    with pytest.raises(UsageError, match="only inside its state folder"):
        parse_options(["--mode", "kiosk", "--kiosk-config", str(path),
                       "--screenshot", str(tmp_path / "elsewhere.png")])
    (tmp_path / "state").mkdir()
    inside = parse_options(["--mode", "kiosk", "--kiosk-config", str(path),
                            "--screenshot", str(tmp_path / "state" / "shot.png")])
    assert inside.screenshot is not None
    with pytest.raises(UsageError, match="not one of the kiosk's explorers"):
        parse_options(["--mode", "kiosk", "--kiosk-config", str(path), "--scene", "demo"])


def test_the_cache_folder_is_handed_to_numba_and_the_atlas(tmp_path):
    path = write(tmp_path, 'cache_dir = "cache"')
    config = load_config(path)
    assert config.cache_dir == tmp_path / "cache"
    env = config.cache_environment()
    assert env == {"NUMBA_CACHE_DIR": str(tmp_path / "cache"),
                   "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert KioskConfig().cache_environment() == {}
