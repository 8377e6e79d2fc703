"""The guided tour: on a first start, a few captions that point at an explorer's parts in
order, as exploRNN's onboarding does; skippable, resumable, not shown again unless asked.

A tour is a small TOML file per explorer, ``assets/tours/<explorer>.toml``: a title and
``[[step]]`` tables with a ``caption`` and the ``target`` it points at (a name the
explorer lists in the registry, the same names lessons use). Unlike a lesson, a tour
changes nothing: it dims the rest of the screen around one part and says what it is,
over the explorer exactly as the person left it, so they can try what it shows.

Where a person got to is remembered in ``tour.json`` in nnviz's configuration folder
(``$XDG_CONFIG_HOME/nnviz`` or ``~/.config/nnviz``): a tour closed half way resumes at
that step on the next start; one finished or skipped is not offered again until asked
for (Ctrl+F1, listed under **?**). A folder that cannot be written only means the tour
is offered again next time.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from nnviz.app.sessions import explorer
from nnviz.render.atomic_file import write_atomically
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import Renderer
from nnviz.resources import ResourceNotFoundError, resource_path
from nnviz.scenes.base import Scene
from nnviz.scenes.kit.header import fitted_parts
from nnviz.scenes.lesson.format import target_matches
from nnviz.scenes.lesson.overlay import draw_spotlight
from nnviz.scenes.registry import REGISTRY
from nnviz.ui import events as ev
from nnviz.ui.tap_targets import TapTargets
from nnviz.ui.theme import Theme
from nnviz.ui.widget import Rect

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, as a package before 3.11
    import tomli as tomllib

NEXT_KEYS = ("right", "pagedown", "return")
BACK_KEYS = ("left", "pageup")
DONE = "done"
"""What the memory holds for a tour finished or skipped (otherwise the step reached)."""
PANEL_WIDTH = 0.62
"""Share of the screen width the tour's panel takes at most."""


class TourError(ValueError):
    """A shipped tour file that cannot be used (a broken install or a bad edit)."""


@dataclass(frozen=True)
class TourStep:
    target: str
    caption: str


@dataclass(frozen=True)
class TourScript:
    explorer: str
    title: str
    steps: tuple[TourStep, ...]


def read_tour(path: Path, explorer_name: str) -> TourScript:
    """Parse and check a tour file: every step has a caption and a target the explorer
    declares; raises :class:`TourError` naming the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TourError(f"{path}: {exc}") from None
    declared = REGISTRY[explorer_name].targets
    steps = []
    for index, raw in enumerate(data.get("step", []), start=1):
        unknown = set(raw) - {"caption", "target"}
        caption, target = raw.get("caption"), raw.get("target")
        if unknown or not isinstance(caption, str) or not isinstance(target, str):
            raise TourError(f"{path}: step {index} needs a caption and a target, nothing else")
        if not target_matches(target, declared):
            raise TourError(f"{path}: step {index}: {explorer_name} has no target {target!r}")
        steps.append(TourStep(target, caption.strip()))
    if not steps:
        raise TourError(f"{path}: a tour needs at least one [[step]]")
    return TourScript(explorer_name, str(data.get("title", explorer_name)), tuple(steps))


def shipped_tour(explorer_name: str) -> TourScript | None:
    """The tour of ``explorer_name``, or None when it has none."""
    if explorer_name not in REGISTRY:
        return None
    try:
        path = resource_path("assets", "tours", f"{explorer_name}.toml")
    except ResourceNotFoundError:
        return None
    return read_tour(path, explorer_name)


def config_folder() -> Path:
    """nnviz's configuration folder (created when something is saved there)."""
    base = os.environ.get("XDG_CONFIG_HOME")
    return (Path(base) if base else Path.home() / ".config") / "nnviz"


class TourMemory:
    """Which tours a person finished, and where they left the others (``tour.json``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else config_folder() / "tour.json"
        self.state: dict[str, int | str] = {}
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.state = {k: v for k, v in loaded.items()
                              if v == DONE or (isinstance(v, int) and v >= 0)}  # fmt: skip

    def seen(self, explorer_name: str) -> bool:
        return self.state.get(explorer_name) == DONE

    def reached(self, explorer_name: str) -> int:
        value = self.state.get(explorer_name, 0)
        return value if isinstance(value, int) else 0

    def remember(self, explorer_name: str, value: int | str) -> None:
        """Keep ``value`` (a step index or :data:`DONE`); a write that fails is ignored."""
        self.state[explorer_name] = value
        text = json.dumps(self.state, indent=1, sort_keys=True)
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, lambda f: f.write(text.encode("utf-8")))


class Tour:
    """The tour on screen: its step, its keys and buttons, and its drawing."""

    def __init__(self, renderer: Renderer, memory: TourMemory) -> None:
        self.memory = memory
        self.draw_list = renderer.new_draw_list()
        """The caption panel (over :attr:`spot_list`)."""
        self.spot_list = renderer.new_draw_list()
        self.script: TourScript | None = None
        self.index = 0
        self._asked_again = False
        self.buttons = TapTargets()
        self.panel: Rect | None = None
        """Where the panel was last drawn: taps on it are the tour's, not the explorer's."""

    @property
    def active(self) -> bool:
        return self.script is not None

    # -- starting and ending -------------------------------------------------------------
    def offer(self, scene: Scene) -> bool:
        """First start: begin (or resume) the explorer's tour unless it was seen."""
        name = explorer(scene).name
        if self.memory.seen(name):
            return False
        return self.start(scene, resume=True)

    def start(self, scene: Scene, *, resume: bool = False) -> bool:
        """Begin the tour of the explorer on screen (Ctrl+F1); False when it has none."""
        script = shipped_tour(explorer(scene).name)
        if script is None:
            return False
        self.script = script
        self._asked_again = self.memory.seen(script.explorer)
        reached = self.memory.reached(script.explorer) if resume else 0
        self.index = min(reached, len(script.steps) - 1)
        self._remember_step()
        return True

    def _remember_step(self) -> None:
        """Keep the step reached, so a tour closed half way resumes there; a tour asked
        for again after it was seen stays seen (quitting during it brings nothing back)."""
        if self.script is not None and not self._asked_again:
            self.memory.remember(self.script.explorer, self.index)

    def end(self) -> None:
        """Close the tour, remembered as seen (finished or skipped)."""
        if self.script is not None:
            self.memory.remember(self.script.explorer, DONE)
        self.script = None
        self.buttons.clear()
        self.panel = None

    def step(self, delta: int) -> None:
        """Move ``delta`` steps; past the last one the tour ends."""
        if self.script is None:
            return
        index = self.index + delta
        if index >= len(self.script.steps):
            self.end()
            return
        self.index = max(index, 0)
        self._remember_step()

    # -- events ----------------------------------------------------------------------------
    def handle(self, event: ev.Event, scene: Scene) -> bool:
        """Take the tour's keys and taps on its panel; everything else goes on to the
        explorer, so a person can try what the tour points at."""
        if self.script is None:
            return False
        if explorer(scene).name != self.script.explorer:
            self.script = None  # the explorer changed under the tour: it stops quietly
            self.buttons.clear()
            self.panel = None
            return False
        if isinstance(event, ev.KeyDown) and not (event.ctrl or event.alt):
            if event.key in NEXT_KEYS:
                self.step(1)
            elif event.key in BACK_KEYS:
                self.step(-1)
            elif event.key == "escape":
                self.end()
            else:
                return False
            return True
        used, fired = self.buttons.handle(event)
        if fired == "next":
            self.step(1)
        elif fired == "back":
            self.step(-1)
        elif fired == "skip":
            self.end()
        panel = self.panel
        on_panel = (isinstance(event, ev.PointerDown | ev.PointerUp) and panel is not None
                    and panel.contains(event.x, event.y))  # fmt: skip
        return used or on_panel

    # -- drawing -------------------------------------------------------------------------
    def build(self, scene: Scene, theme: Theme, size: tuple[int, int]) -> list[DrawList] | None:
        """The spotlight and, over it, the panel of the current step (None when no tour
        runs): two lists, since one list draws its rectangles (the spotlight's ring) after
        its panels (the caption's box), and the ring crossed the caption."""
        if self.script is None:
            return None
        spot, dl = self.spot_list, self.draw_list
        spot.clear()
        dl.clear()
        step = self.script.steps[self.index]
        rect = explorer(scene).target_rect(step.target)
        if rect is not None:
            draw_spotlight(spot, size, rect, theme)
        self._draw_panel(dl, theme, size, step, rect)
        return [spot, dl]

    def _draw_panel(
        self,
        dl: DrawList,
        theme: Theme,
        size: tuple[int, int],
        step: TourStep,
        avoid: tuple[float, float, float, float] | None,
    ) -> None:
        """Caption, "Tour k of n", and touch-sized Back / Next / Skip buttons, along the
        bottom edge, or the top when the part pointed at is down there."""
        assert self.script is not None
        w, h = size
        pad = theme.padding_px * 1.5
        text_px = theme.heading_px * 1.1
        button_h = max(theme.control_px, 48.0 * h / 1080.0)
        width = min(w * PANEL_WIDTH, w - 2 * pad)
        layout = dl.text_layout
        lines = layout.wrap(step.caption, text_px, width - 2 * pad)
        line_h = layout.metrics.line_height
        box_h = pad * 3 + len(lines) * line_h * text_px + button_h
        x0, y0 = _place_panel(size, width, box_h, pad, avoid)
        dl.panel(x0, y0, x0 + width, y0 + box_h, theme.tooltip_bg, radius=theme.radius_px,
                 stroke=theme.panel_border, stroke_width=theme.px(1))  # fmt: skip
        y = y0 + pad
        for line in lines:
            dl.text(line, x0 + pad, y, text_px, theme.tooltip_text)
            y += line_h * text_px
        last = self.index == len(self.script.steps) - 1
        labels = {"skip": "Skip tour", "back": "Back", "next": "Done" if last else "Next"}
        if self.index == 0:
            del labels["back"]
        by = y0 + box_h - pad - button_h
        right = x0 + width - pad
        self.panel = Rect(x0, y0, width, box_h)
        rects = {}
        for name in ("next", "back", "skip"):
            if name not in labels:
                continue
            bw = max(button_h * 1.6, layout.width(labels[name], theme.body_px, "bold") + pad * 2)
            rects[name] = Rect(right - bw, by, bw, button_h)
            right -= bw + pad * 0.6
        self.buttons.rects = rects
        for name, label in labels.items():
            r = rects[name]
            primary = name == "next"
            fill = theme.accent if primary else theme.control
            if self.buttons.pressed(name):
                fill = theme.control_pressed
            dl.rect(r.x, r.y, r.right, r.bottom, fill, stroke=theme.panel_border,
                    stroke_width=theme.stroke_px, radius=theme.radius_px)  # fmt: skip
            ink = theme.accent_text if primary else theme.text
            dl.text(label, r.cx, r.cy, theme.body_px, ink, anchor="cm", face="bold")
        # The key hints go first where the buttons leave too little room (they say the same).
        parts = [f"Tour {self.index + 1} of {len(self.script.steps)}", "→ next", "Esc skips"]
        counter = fitted_parts(layout, parts, theme.label_px, right - x0 - pad)
        dl.text(counter, x0 + pad, by + button_h / 2, theme.label_px, theme.tooltip_text,
                anchor="lm")  # fmt: skip


def _place_panel(
    size: tuple[int, int],
    width: float,
    height: float,
    pad: float,
    avoid: tuple[float, float, float, float] | None,
) -> tuple[float, float]:
    """Top-left corner for the panel: along the bottom, centred, unless that covers the
    part pointed at; then along the top, then beside the part (left or right of it)."""
    w, h = size
    bottom, top = h - pad - height, pad
    candidates = [((w - width) / 2, bottom), ((w - width) / 2, top)]
    if avoid is not None:
        ax, _, aw, _ = avoid
        if ax - 2 * pad >= width:  # room on the left of the part
            candidates.append(((ax - width) / 2, bottom))
        if w - (ax + aw) - 2 * pad >= width:  # room on its right
            candidates.append((ax + aw + (w - ax - aw - width) / 2, bottom))
    for x, y in candidates:
        if avoid is None or not _overlaps((x, y, width, height), avoid):
            return x, y
    return candidates[0]


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]

