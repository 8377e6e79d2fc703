"""Run the layout audit over every registered scene × theme × size × stress state.

Each scene of :data:`nnviz.scenes.registry.REGISTRY` is built once, headless, on a small
framebuffer and driven into the states that stress its layout (an ⓘ open, a dropdown
open, seven layers, the history view, a diverged run, text data, each compute step of
the cell, each card of the cell's compact slot in front). In each state the real scene
is laid out again for every theme and size and its draw lists are audited
(:func:`nnviz.ui.audit.audit_frame`); nothing is rasterised at the audited sizes, which
keeps the whole matrix to a few seconds per scene.
``scripts/audit_layout.py`` prints the table; ``tests/app/test_layout_audit.py`` holds it
to its allow-list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import parse_options
from nnviz.app.loop import App
from nnviz.app.window import HeadlessWindow
from nnviz.scenes.base import FrameInfo, Scene
from nnviz.scenes.cell.layout import SHARED as CELL_SLOT
from nnviz.scenes.cell.layout import SLOT_TITLES as CELL_SLOT_TITLES
from nnviz.scenes.kit.sections import PanelSections
from nnviz.scenes.registry import REGISTRY
from nnviz.ui.audit import CHECKS, Finding, audit_frame, count, smallest_em
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import THEMES
from nnviz.ui.widgets import Dropdown, InfoButton

SIZES: tuple[tuple[int, int], ...] = ((1024, 768), (1280, 720), (1920, 1080), (3840, 2160))
DRIVE_SIZE = (640, 360)
"""The framebuffer the scenes are driven on between audits (small: frames stay cheap)."""
MAX_FRAMES = 2500


@dataclass
class Cell:
    """The audit of one scene × theme × size, summed over the scene's states."""

    scene: str
    theme: str
    size: tuple[int, int]
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHECKS, 0))
    smallest: float = float("inf")
    examples: list[str] = field(default_factory=list)

    def add(self, state: str, findings: list[Finding], smallest: float) -> None:
        for check, n in count(findings).items():
            self.counts[check] += n
        self.smallest = min(self.smallest, smallest)
        self.examples.extend(f"{state}: {f.check} {f.detail}" for f in findings)


# -- driving a scene ---------------------------------------------------------------------
def _active(scene: Scene) -> Scene:
    """The scene a person is looking at (the explorer holds two levels)."""
    active = getattr(scene, "_active", None)
    return active() if callable(active) else scene


def _ui(scene: Scene) -> UIManager | None:
    return getattr(_active(scene), "ui", None)


def _snapshot(app: App):
    return getattr(_active(app.scene), "snapshot", None)


def _run_until(app: App, predicate: Callable[[App], bool], limit: int = MAX_FRAMES) -> bool:
    for _ in range(limit):
        if predicate(app):
            return True
        app.run(app.frames_drawn + 1)
    return predicate(app)


def _first(app: App, kind: type) -> object | None:
    ui = _ui(app.scene)
    if ui is None:
        return None
    return next((w for w in ui.widgets() if isinstance(w, kind) and w.visible), None)


def _trained(app: App, epochs: int = 2) -> bool:
    snap = _snapshot(app)
    return snap is None or snap.epoch >= epochs


def _open_info(app: App) -> bool:
    info = _first(app, InfoButton)
    if info is None:
        return False
    info.activate()
    return True


def _open_dropdown(app: App) -> bool:
    dropdown = _first(app, Dropdown)
    if dropdown is None:
        return False
    dropdown.open()
    return True


def _close_overlays(app: App) -> None:
    ui = _ui(app.scene)
    if ui is not None:
        ui.close_overlays()


def _seven_layers(app: App) -> bool:
    session = getattr(_active(app.scene), "session", None)
    if session is None or not hasattr(_active(app.scene), "network"):
        return False
    while len(_snapshot(app).layer_sizes) < 9:
        n = len(_snapshot(app).layer_sizes)
        session.add_layer(n - 2)
        _run_until(app, lambda a, n=n: len(_snapshot(a).layer_sizes) > n, 400)
    app.run(app.frames_drawn + 60)  # the new glyphs glide into place
    return True


def _history(app: App) -> bool:
    session = getattr(_active(app.scene), "session", None)
    if session is None or not hasattr(_active(app.scene), "network"):
        return False
    _run_until(app, lambda a: _snapshot(a).epoch >= 6)
    session.seek(2)
    return _run_until(app, lambda a: _snapshot(a).shown.epoch == 2, 200)


def _diverged(app: App) -> bool:
    session = getattr(_active(app.scene), "session", None)
    if session is None or not hasattr(_active(app.scene), "network"):
        return False
    session.set_optimizer("sgd")
    session.set_learning_rate(100.0)
    return _run_until(app, lambda a: _snapshot(a).status == "diverged", 600)


def _text_data(app: App) -> bool:
    controls = getattr(_active(app.scene), "controls", None)
    dataset = getattr(controls, "dataset", None)
    if dataset is None or not hasattr(_active(app.scene), "network"):
        return False
    dataset.select(4)  # abab…
    return _run_until(
        app, lambda a: _snapshot(a).config.dataset == "abab" and _snapshot(a).epoch >= 2
    )


def _cell_step(stage: str) -> Callable[[App], bool]:
    def enter(app: App) -> bool:
        player = getattr(_active(app.scene), "player", None)
        if player is None or not hasattr(player, "sequence"):
            return False
        _run_until(app, lambda a: player.sequence is not None and _trained(a))
        player.pause()
        player.seek(player.sequence.index_of(stage, min(3, player.sequence.T - 1)))
        app.run(app.frames_drawn + 2)
        return True

    enter.__name__ = stage
    return enter


def _mlp(app: App) -> object | None:
    """The MLP explorer when it is the scene on screen (its own views are driven below)."""
    scene = _active(app.scene)
    return scene if getattr(scene, "name", None) == "mlp" else None


def _mlp_view(show: Callable[[object], None], card: str) -> Callable[[App], bool]:
    """A state that switches the MLP explorer to one of its views with ``show``, its
    ``card`` brought on screen (the compact layout shows some cards by turns)."""

    def enter(app: App) -> bool:
        scene = _mlp(app)
        if scene is None:
            return False
        scene.show_card(card)  # type: ignore[attr-defined]
        show(scene)
        app.run(app.frames_drawn + 2)
        return True

    return enter


_mlp_data = _mlp_view(lambda scene: setattr(scene.split, "show", True), "predictions")  # type: ignore[attr-defined]
"""The MLP explorer's data table with its split, in place of the predictions."""
_mlp_weights = _mlp_view(lambda scene: setattr(scene, "show_weights", True), "loss")
"""The MLP explorer's weights over the run, with the strongest paths on the graph."""


def _mlp_neuron(app: App) -> bool:
    """The MLP explorer's card for its output neuron (its most rows: a weight per hidden
    neuron, the bias and the layer buttons), where the predictions were."""
    scene = _mlp(app)
    if scene is None or scene.shown() is None:  # type: ignore[attr-defined]
        return False
    sizes = scene.shown().layer_sizes  # type: ignore[attr-defined]
    scene.select_neuron((len(sizes) - 1, 0))  # type: ignore[attr-defined]
    app.run(app.frames_drawn + 2)
    return True


def _mlp_unselect(app: App) -> None:
    scene = _mlp(app)
    if scene is not None:
        scene.select_neuron(None)  # type: ignore[attr-defined]
        app.run(app.frames_drawn + 2)


def _mlp_compare(app: App) -> bool:
    """Compare mode, once both networks have trained a few epochs."""
    scene = _mlp(app)
    if scene is None:
        return False
    scene.enter_compare()
    return _run_until(app, lambda a: all(s.epoch >= 3 for s in scene.compare.comparison.snapshots),
                      600)  # fmt: skip


def _mlp_leave(app: App) -> None:
    """Back to the explorer's default view after one of its other views."""
    scene = _mlp(app)
    if scene is None:
        return
    scene.leave_compare()
    scene.split.show = False
    scene.show_weights = False
    scene.show_card("loss")
    app.run(app.frames_drawn + 2)


def _slot(app: App) -> object | None:
    """The shared slot of the scene on screen (compact layouts), else None."""
    return getattr(_active(app.scene), "slot", None)


def _slot_card(key: str) -> Callable[[App], bool]:
    """A state with card ``key`` of the cell's compact layout in front of its shared slot,
    in the gates step (the widest arithmetic): only the layouts where that card takes its
    turn in the slot are audited (see :data:`IN_SLOT`), the others show it anyway."""
    gates = _cell_step("gates")

    def enter(app: App) -> bool:
        slot = _slot(app)
        if slot is None or key not in slot.titles or not gates(app):  # type: ignore[attr-defined]
            return False
        slot.show(key)  # type: ignore[attr-defined]
        return True

    enter.__name__ = f"slot_{key}"
    return enter


def _in_slot(key: str) -> Callable[[Scene], bool]:
    """Whether card ``key`` is in front of the scene's shared slot in the layout just made
    (bringing it there first: the slot forgets its card in a layout without it)."""

    def shown(scene: Scene) -> bool:
        scene = _active(scene)
        scene.show_card(key)  # type: ignore[attr-defined]
        layout = scene.layout  # type: ignore[attr-defined]
        return key in layout.shared and layout.shown(key)

    return shown


def _slot_back(app: App) -> None:
    """The slot's first card in front again, as a scene starts."""
    slot = _slot(app)
    if slot is not None:
        slot.show(slot.cards[0])  # type: ignore[attr-defined]
        app.run(app.frames_drawn + 2)


def _panel_sections(app: App) -> list[PanelSections]:
    """The sectioned panels of the scene on screen (its own and its controls')."""
    scene = _active(app.scene)
    owners = [scene, getattr(scene, "controls", None)]
    found = [v for o in owners if o is not None for v in vars(o).values()]
    return [v for v in found if isinstance(v, PanelSections)]


def _section(index: int) -> Callable[[App], bool]:
    """A state with section ``index`` of every sectioned panel that has one in front (a
    compact layout shows one section at a time: the Replay tab's buttons, say, are only
    laid out when it is chosen)."""

    def enter(app: App) -> bool:
        panels = [p for p in _panel_sections(app) if index < len(p.names)]
        for panel in panels:
            panel.show(panel.names[index])
        app.run(app.frames_drawn + 2)
        return bool(panels)

    enter.__name__ = f"section_{index}"
    return enter


def _first_sections(app: App) -> None:
    for panel in _panel_sections(app):
        panel.show(panel.names[0])
    app.run(app.frames_drawn + 2)


SLOT_STATES = {f"slot: {CELL_SLOT_TITLES[key]}": key for key in CELL_SLOT}
"""A state per card of the cell's shared slot (compact layouts, the projector theme),
named by the card's title in the slot's menu."""
IN_SLOT = {name: _in_slot(key) for name, key in SLOT_STATES.items()}
"""States audited only in the layouts where their card is in front of a shared slot."""

STATES: tuple[tuple[str, Callable[[App], bool]], ...] = (
    ("default", lambda app: _run_until(app, _trained)),
    ("info", _open_info),
    ("dropdown", _open_dropdown),
    ("data table", _mlp_data),
    ("weights", _mlp_weights),
    ("neuron card", _mlp_neuron),
    ("compare", _mlp_compare),
    ("history", _history),
    ("text", _text_data),
    ("seven layers", _seven_layers),
    ("diverged", _diverged),
    *((f"step {s}", _cell_step(s)) for s in ("input", "gates", "cell", "output", "backward")),
    *((name, _slot_card(key)) for name, key in SLOT_STATES.items()),
    ("section 2", _section(1)),
    ("section 3", _section(2)),
)
"""Stress states in the order they are entered (each scene skips those that do not apply;
the overlays are closed after their state, the others build on each other)."""
OVERLAY_STATES = {"info", "dropdown"}
UNDONE_STATES = {"data table": _mlp_leave, "weights": _mlp_leave, "compare": _mlp_leave,
                 "neuron card": _mlp_unselect,
                 **dict.fromkeys(SLOT_STATES, _slot_back),
                 "section 2": _first_sections, "section 3": _first_sections}  # fmt: skip
"""States left again after their audit (the MLP explorer's other views, a card brought to
the front of the cell's slot), so that the states after them see the scene as before."""


def _audit_now(app: App, where: Callable[[Scene], bool] | None = None
               ) -> Iterator[tuple[str, tuple[int, int], list[Finding], float]]:  # fmt: skip
    """Lay the scene out for every theme and size and audit one frame of each (touch
    targets against the floor of the scene's mode); with ``where``, only the layouts
    for which it holds (it may change the layout just made)."""
    scene = app.scene
    original = scene.theme.name
    for theme_name, theme in THEMES.items():
        scene.set_theme(theme)
        for size in SIZES:
            scene.resize(*size)
            if where is not None and not where(scene):
                continue
            scene.update(FrameInfo(dt=0.0, anim_dt=0.0, anim_time=0.0, sim_steps=0, frame=0))
            layers = list(scene.layers())
            findings = audit_frame(layers, size, scene.theme,
                                   target_px=scene.services.mode.min_target_px)  # fmt: skip
            yield theme_name, size, findings, smallest_em(layers, size)
    scene.set_theme(THEMES[original])
    scene.resize(*app.window.size)


def audit_scene(
    name: str, seed: int = 1, mode: str = "desktop"
) -> dict[tuple[str, tuple[int, int]], Cell]:
    """Every theme × size of one registered scene, over the states that apply to it, as
    ``mode`` lays it out (in kiosk mode the explorer itself, without the kiosk's shell,
    with the kiosk's 64 px touch floor)."""
    options = parse_options(
        ["--headless", "--fixed-dt", "0.016667", "--scene", name, "--seed", str(seed),
         "--size", f"{DRIVE_SIZE[0]}x{DRIVE_SIZE[1]}", "--mode", mode]
    )  # fmt: skip
    options = replace(options, kiosk=None)
    window = HeadlessWindow(options.size)
    app = build_app(window, options, FrameTimer(fixed_dt=options.fixed_dt))
    app.idle_enabled = False
    cells: dict[tuple[str, tuple[int, int]], Cell] = {}
    try:
        app.run(1)
        for state, enter in STATES:
            if not enter(app):
                continue
            for theme_name, size, findings, smallest in _audit_now(app, IN_SLOT.get(state)):
                key = (theme_name, size)
                cell = cells.setdefault(key, Cell(name, theme_name, size))
                cell.add(state, findings, smallest)
            if state in OVERLAY_STATES:
                _close_overlays(app)
            if state in UNDONE_STATES:
                UNDONE_STATES[state](app)
    finally:
        app.scene.close()
        window.close()
    return cells


def audit_all(scenes: tuple[str, ...] = tuple(REGISTRY), mode: str = "desktop") -> list[Cell]:
    """The whole matrix, scene by scene, in ``mode``."""
    out: list[Cell] = []
    for name in scenes:
        out.extend(audit_scene(name, mode=mode).values())
    return out


def allowance(cells: list[Cell]) -> dict[str, dict[str, int]]:
    """The counts as an allow-list: ``{"scene theme WxH": {check: count}}`` (non-zero only)."""
    return {
        key(c.scene, c.theme, c.size): {k: n for k, n in c.counts.items() if n}
        for c in cells
        if any(c.counts.values())
    }


def key(scene: str, theme: str, size: tuple[int, int]) -> str:
    """How a cell of the matrix is named in the allow-list."""
    return f"{scene} {theme} {size[0]}x{size[1]}"


def table(cells: list[Cell]) -> str:
    """A plain-text table: one row per scene × theme × size, a column per check."""
    wide = max([10, *(len(c.scene) + 2 for c in cells)])
    head = f"{'scene':<{wide}}{'theme':<11}{'size':<11}" + "".join(f"{c:>9}" for c in CHECKS)
    rows = [head + f"{'min em':>9}", "-" * (len(head) + 9)]
    for c in cells:
        size = f"{c.size[0]}x{c.size[1]}"
        counts = "".join(f"{c.counts[k]:>9}" for k in CHECKS)
        rows.append(f"{c.scene:<{wide}}{c.theme:<11}{size:<11}{counts}{c.smallest:>9.1f}")
    return "\n".join(rows)
