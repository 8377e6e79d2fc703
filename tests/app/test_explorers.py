"""The scene switcher in a real headless app: one tap, one key or Tab + Enter from any
explorer to any other, the left explorer kept with its run, the lesson picker."""

from __future__ import annotations

import pytest

from nnviz.app.lessons import list_lessons
from nnviz.scenes.explore import ExploreScene
from nnviz.scenes.kit.header import pill_width, title_end
from nnviz.scenes.kit.keys import KeyMap
from nnviz.scenes.kit.switcher import SceneSwitcher
from nnviz.scenes.lesson.picker import LessonPicker
from nnviz.scenes.lesson.scene import LessonScene
from nnviz.scenes.mlp import MLPScene
from nnviz.scenes.sheet import SheetScene
from nnviz.ui import events as ev
from nnviz.ui.audit import audit_frame
from nnviz.ui.widgets import InfoButton


def switcher(scene) -> SceneSwitcher:
    level = scene.overview if isinstance(scene, ExploreScene) else scene
    assert isinstance(level.switcher, SceneSwitcher)
    return level.switcher


def tap_label(app, label: str, *, touch: bool = True) -> None:
    """Press and release the switcher button ``label`` (a finger, or the mouse)."""
    button = next(b for b in switcher(app.scene).children() if b.label == label)
    r = button.rect
    app.window.inject(ev.PointerDown(r.cx, r.cy, pointer=4 if touch else 0, touch=touch),
                      ev.PointerUp(r.cx, r.cy, pointer=4 if touch else 0, touch=touch))
    app.run(app.frames_drawn + 2)


def key(app, name: str, **mods: bool) -> None:
    app.window.inject(ev.KeyDown(name, **mods))
    app.run(app.frames_drawn + 2)


@pytest.fixture
def app(make_app):
    app = make_app("--scene", "overview", "--size", "1280x720")
    app.run(3)
    return app


def test_every_explorer_offers_the_others_and_lessons_in_touch_sized_buttons(app):
    assert switcher(app.scene).labels() == ["MLP", "RNN sheet", "Lessons"]
    floor = 48 * 720 / 1080
    header = app.scene.overview.layout.header
    for b in switcher(app.scene).children():
        assert b.rect.h >= floor and b.rect.w >= floor
        assert header.y <= b.rect.y and b.rect.bottom <= header.bottom + 1
    tap_label(app, "RNN sheet")
    assert isinstance(app.scene, SheetScene)
    assert switcher(app.scene).labels() == ["LSTM network", "MLP", "Lessons"]
    tap_label(app, "MLP", touch=False)
    assert isinstance(app.scene, MLPScene)
    assert switcher(app.scene).labels() == ["LSTM network", "RNN sheet", "Lessons"]


def test_a_left_explorer_is_kept_paused_and_follows_the_theme(app):
    overview = app.scene
    assert overview.session.latest().running
    tap_label(app, "MLP")
    app.run(app.frames_drawn + 3)
    assert not overview.session.latest().running  # nothing trains unseen
    key(app, "f2")  # the theme changes while the overview is away
    theme = app.scene.theme.name
    tap_label(app, "LSTM network")
    assert app.scene is overview and overview.theme.name == theme
    app.run(app.frames_drawn + 3)
    assert overview.session.latest().running  # it was playing: it plays again
    tap_label(app, "MLP")
    assert isinstance(app.scene, MLPScene) and app.scene is app.explorers.kept["mlp"]


def test_ctrl_digits_switch_and_the_key_list_says_so(app):
    lines = dict(app.scene.overview.keymap.lines())
    assert lines["Ctrl+2"] == "open the MLP" and lines["Ctrl+3"] == "open the RNN sheet"
    assert lines["Ctrl+L"] == "choose a lesson" and "Ctrl+1" not in lines
    key(app, "3", ctrl=True)
    assert isinstance(app.scene, SheetScene)
    assert dict(KeyMap(app.scene.nav_keys.bindings).lines())["Ctrl+1"] == "open the LSTM network"
    key(app, "f1")  # the sheet's list of keys shows them too
    assert app.scene.showing_keys
    key(app, "escape")
    assert not app.scene.showing_keys
    key(app, "1", ctrl=True)
    assert isinstance(app.scene, ExploreScene)


def test_tab_reaches_the_switcher_and_enter_presses_it(app):
    ui = app.scene.overview.ui
    target = switcher(app.scene).children()[0]
    for _ in range(60):
        key(app, "tab")
        if ui.focused is target:
            break
    assert ui.focused is target
    key(app, "return")
    assert isinstance(app.scene, MLPScene)


def test_the_lesson_picker_lists_the_shipped_lessons_and_starts_one(app):
    tap_label(app, "Lessons")
    picker = app.scene
    assert isinstance(picker, LessonPicker)
    titles = [line.split("\t")[1] for line in list_lessons()]
    assert [b.label.split("   ", 1)[1] for b in picker.buttons] == titles
    key(app, "escape")
    assert isinstance(app.scene, ExploreScene)  # back where it was opened
    key(app, "l", ctrl=True)
    assert isinstance(app.scene, LessonPicker)
    r = app.scene.buttons[0].rect
    app.window.inject(ev.PointerDown(r.cx, r.cy, pointer=5, touch=True),
                      ev.PointerUp(r.cx, r.cy, pointer=5, touch=True))
    app.run(app.frames_drawn + 2)
    assert isinstance(app.scene, LessonScene) and app.scene.lesson.title == titles[0]
    key(app, "pagedown")  # the lesson player runs as with --lesson
    assert app.scene.player.index == 1


def test_the_picker_opens_a_preset_trained_in_its_explorer(app):
    overview = app.scene
    key(app, "l", ctrl=True)
    picker = app.scene
    assert not picker.showing_presets
    key(app, "p")  # the presets' own page (a tap on its button does the same)
    assert picker.showing_presets and not picker.panel.visible
    presets = [b.label.split("   ", 1)[1] for b in picker.preset_buttons]
    assert "Learning rate too low: barely moves in 40 epochs" in presets
    r = picker.preset_buttons[presets.index(next(p for p in presets if "too low" in p))].rect
    app.window.inject(ev.PointerDown(r.cx, r.cy, pointer=5, touch=True),
                      ev.PointerUp(r.cx, r.cy, pointer=5, touch=True))
    app.run(app.frames_drawn + 3)
    assert app.scene is overview  # the kept explorer, now continuing the preset's run
    snap = overview.session.latest()
    assert snap.epoch == 40 and snap.config.learning_rate == 0.0002
    assert len(snap.train_losses) == 41  # with the curve that got it there
    assert overview.settings.learning_rate.value == 0.0002
    assert "Preset: Learning rate too low" in app.notice.text


def follow_info_link(app, info, *, by_key: bool = False) -> None:
    """Open ``info``'s card with a tap and follow its link (a tap, or Enter)."""
    r = info.rect
    app.window.inject(ev.PointerDown(r.cx, r.cy, pointer=6, touch=True),
                      ev.PointerUp(r.cx, r.cy, pointer=6, touch=True))
    app.run(app.frames_drawn + 2)
    card = info.popover
    assert card is not None and card.link is not None
    if by_key:
        app.window.inject(ev.KeyDown("return"))
    else:
        lr = card.link_rect(card._placed_theme)
        app.window.inject(ev.PointerDown(lr.cx, lr.cy), ev.PointerUp(lr.cx, lr.cy))
    app.run(app.frames_drawn + 2)


def test_the_cell_links_to_the_sheet_and_the_sheets_info_back_to_the_cell(app):
    explore = app.scene
    explore.focus("cell")  # dive into the cell
    app.run(app.frames_drawn + 90)  # the flight in ends
    assert explore.level == "cell"
    sections = explore.cell.controls.sections  # one section at a time at 720p: its tab first
    sections.show(sections.section_of(explore.cell.controls.compare_rnn))
    app.run(app.frames_drawn + 2)
    compare = next(w for w in explore.cell.controls.panel.children()
                   if explore.cell.controls.compare_rnn in getattr(w, "children", list)())
    info = compare.children()[1]  # the ⓘ of "Compare with an RNN"
    assert info.link[0] == "The vanilla RNN, by hand →"
    follow_info_link(app, info)
    assert isinstance(app.scene, SheetScene)
    sheet = app.scene
    box = next(b for kind, _, b in sheet.grid.row_labels if kind == "h")
    x, y = sheet.card.to_screen(box.x + box.w / 2, box.y + box.h / 2)
    app.window.inject(ev.PointerDown(x, y, pointer=7, touch=True),
                      ev.PointerUp(x, y, pointer=7, touch=True))  # the hidden row's ⓘ
    app.run(app.frames_drawn + 2)
    card = sheet.ui.overlays[-1]
    assert card.link[0] == "The LSTM cell: what the gates add →" and "gates" in card.text
    explore.zoom_out()  # it shows the cell when the link opens it, wherever it was
    app.run(app.frames_drawn + 90)
    app.window.inject(ev.KeyDown("return"))  # follows the open card's link
    app.run(app.frames_drawn + 90)
    assert app.scene is explore and explore.level == "cell"


def test_a_short_title_bar_folds_the_explorers_into_more(make_app):
    app = make_app("--scene", "overview", "--size", "1024x768")
    app.run(2)
    strip = switcher(app.scene)
    assert strip.labels()[-1] == "More" and len(strip.labels()) < 3
    header = app.scene.overview.layout.header
    assert strip.rect.x >= header.x and strip.rect.right <= app.scene.overview.layout.controls.x
    tap_label(app, "More")
    picker = app.scene
    assert isinstance(picker, LessonPicker)
    labels = [b.label for b in picker.explorer_buttons]
    assert labels == ["Back to the LSTM network", "MLP", "RNN sheet"]
    key(app, "3", ctrl=True)  # the switcher's keys work here too
    assert isinstance(app.scene, SheetScene)


@pytest.mark.parametrize("scene", ["overview", "cell", "mlp"])
def test_the_switcher_leaves_the_status_room_for_a_four_digit_epoch(make_app, scene):
    """At 1280×800 the buttons had taken the room of "Epoch 10" (it vanished at 10)."""
    app = make_app("--scene", scene, "--size", "1280x800")
    app.run(2)
    level = app.scene
    if isinstance(level, ExploreScene):
        level = level.cell if scene == "cell" else level.overview
    text, t = level.services.renderer.text_layout, level.theme
    status_x = title_end(text, t, level.title) + pill_width(text, t, "training")
    assert switcher(app.scene).rect.x - status_x >= text.width("Epoch 9999", t.heading_px)


@pytest.mark.parametrize("args", [("--theme", "projector", "--size", "1024x768"),
                                  ("--mode", "kiosk", "--size", "1280x720")])
def test_the_picker_passes_the_layout_audit(make_app, args):
    app = make_app("--scene", "sheet", *args)
    app.scene.close()
    app.scene = LessonPicker(app.scene.services, [(n, t) for n, t in
                             (line.split("\t") for line in list_lessons())], "sheet")
    app.run(app.frames_drawn + 2)
    findings = audit_frame(list(app.scene.layers()), app.window.size, app.scene.theme)
    assert findings == []


def test_the_switcher_steps_aside_under_an_open_card(app):
    strip = switcher(app.scene)
    ui = app.scene.overview.ui
    info = next(w for w in ui.widgets() if isinstance(w, InfoButton)
                and w.rect.y < strip.rect.bottom + 40)  # the Training panel's ⓘ, up right
    info.activate()
    app.run(app.frames_drawn + 2)
    assert info.popover is not None and info.popover.rect.x < strip.rect.right
    assert not strip.visible
    key(app, "escape")
    assert info.popover is None and strip.visible
