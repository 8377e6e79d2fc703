"""The RNN sheet scene (``--scene sheet``): a vanilla RNN as a spreadsheet.

Top, the grid in a card you can pan (long sequences) and zoom: inputs, hidden states,
outputs and targets over time, and the weights below them. Tap an input or weight and
type (an on-screen keypad in touch mode), drag it up or down, or press ↑ ↓; everything
downstream recalculates and flashes. Tap a hidden state or output for coloured arrows from
its sources (tap again: all the way back) and its arithmetic, term by term. Below: the
arithmetic, the cell picture with the hidden state over time, the activation with every
pre-activation marked, and the loss while training. Right: the controls.

The numbers live in :class:`~nnviz.scenes.sheet.model.Sheet` (the core's RNN and trainer);
this module wires events to it and its parts to the screen.
"""

from __future__ import annotations

from pathlib import Path

from nnviz.anim.easing import ease_in_out_cubic
from nnviz.render.camera import Camera2D
from nnviz.render.drawlist import DrawList
from nnviz.render.renderer import LayerTransform
from nnviz.scenes.base import FrameInfo, Layers, Scene, SceneServices
from nnviz.scenes.kit.card import Card, card_inner, draw_card, title_button
from nnviz.scenes.kit.edge_fade import draw_edge_fades
from nnviz.scenes.kit.fit import lay_out_fitted
from nnviz.scenes.kit.header import draw_status_line, draw_title, status_room, title_end
from nnviz.scenes.kit.keys import KeyMap, draw_key_help, help_binding
from nnviz.scenes.kit.switcher import (
    add_switcher,
    explorer_link,
    switcher_bindings,
    switcher_left,
)
from nnviz.scenes.sheet import cards, export, sequences
from nnviz.scenes.sheet.cells import WEIGHT_KINDS, Cell
from nnviz.scenes.sheet.controls import (
    ACTIVATION,
    LSTM_LINK,
    LSTM_NOTE,
    SheetActions,
    SheetSettings,
    build_panel,
)
from nnviz.scenes.sheet.draw_grid import GridState, draw_grid
from nnviz.scenes.sheet.framing import Framing, frame_sheet, least_shift
from nnviz.scenes.sheet.grid import Box, GridLayout
from nnviz.scenes.sheet.info import GRID_INFO
from nnviz.scenes.sheet.keypad import ARRANGEMENTS, build_keypad
from nnviz.scenes.sheet.layout import CARDS, SheetLayout
from nnviz.scenes.sheet.model import Sheet
from nnviz.ui import events as ev
from nnviz.ui.manager import UIManager
from nnviz.ui.mode import ControlSet
from nnviz.ui.widget import Rect, Widget
from nnviz.ui.widgets import IconButton, Popover

FLASH_SECONDS = 0.8
UPDATE_SECONDS = 0.5
"""How long a training step's numbers take to roll to their new values."""
DRAG_PER_PIXEL = 0.01
TRAIN_RATE = 8.0
"""Training steps per second of the simulation clock while *Train* is on."""
MAX_STEPS_PER_FRAME = 32
EDITABLE = ("x", *WEIGHT_KINDS, "target")
SHEET_KEYS = [
    ("↑ / ↓", "change the selected value (with Shift: by 0.01)"),
    ("← / →", "the same row, a time step earlier / later"),
    ("0–9 . −  Enter", "type a value into the selected cell"),
    ("Backspace", "delete the last typed character"),
    (".", "Step Forward: compute one more time step"),
    ("Space", "train on / off"),
    ("Home / End", "fit the sheet into its card / show the last time steps"),
    ("Esc", "deselect"),
]
"""The sheet's own keys, as the `?` list shows them (the switcher's follow)."""
SHEET_KEY_NAMES = ("up", "down", "left", "right", "backspace", "period", "space", "home", "end",
                   "escape", "return")  # fmt: skip
"""The keys the sheet handles itself: the presenter's list leaves them out (it had listed
"." as black screen, where "." steps forward)."""


class SheetScene(Scene):
    """An RNN worked by hand, editable, traceable and trainable."""

    name = "sheet"
    title = "RNN sheet"

    def __init__(self, services: SceneServices, sheet: Sheet | None = None) -> None:
        super().__init__(services)
        self.sheet = sheet or Sheet(seed=services.seed)
        self.grid = GridLayout.of(self.sheet.shape)
        """Replaced by :meth:`_frame` with the style that suits the type size."""
        self.state = GridState()
        self.losses: list[float] = []
        self._update: tuple[dict[Cell, float], dict[Cell, float], float] | None = None
        self._drag: tuple[Cell, float, float, bool] | None = None
        self.export_dir = Path.cwd()
        self.status = ""
        renderer = services.renderer
        self.lists = {n: renderer.new_draw_list() for n in
                      ("cards", "content", "world", "world_top", "ui", "ui_overlay")}  # fmt: skip
        self.card = Card(
            title="Sheet: tap a cell",
            short="Sheet",
            camera=Camera2D(viewport=services.size, home_bounds=self.grid.bounds()),
            on_tap=self._tap,
            wheel_scrolls=True,  # a spreadsheet's wheel scrolls; Ctrl+wheel zooms
        )
        sim = services.sim_clock
        sim.steps_per_second = TRAIN_RATE
        sim.paused = True
        self.settings = SheetSettings.of(self.sheet)
        self._bind_settings()
        self.ui = UIManager(renderer.text_layout, services.theme)
        self.layout = SheetLayout.compute(*services.size, services.theme)
        self.panel, self.sections = build_panel(self.settings, SheetActions(
            self.step_forward, self.show_all, self.train_step, self.toggle_lock, self.export))
        self.sections.on_switch = lambda: self.resize(*self.services.size)
        self.lstm_link = explorer_link(services.navigation, "overview", "cell")
        """Opens the LSTM cell from the hidden states' info (None when not offered)."""
        self.ui.add(self.panel, place=lambda w, h, ctx: self.layout.controls)
        self.keypads = [build_keypad(self.press_key, keys) for keys in ARRANGEMENTS]
        """The keys in four, three and two rows (see :meth:`_pick_keypad`)."""
        self.keypad = self.keypads[0]
        self.keypad_area = Rect(0, 0, 0, 0)
        for pad in self.keypads:
            pad.visible = False
            self.ui.add(pad, place=lambda w, h, ctx: self.keypad_area)
        self.pager = (
            IconButton("earlier", lambda: self.page(-1), label="Earlier time steps"),
            IconButton("later", lambda: self.page(1), label="Later time steps"),
        )
        """Shown when the card cannot frame every time step: a page of columns back or on
        (a drag does the same; these say that there is more, and reach it by touch)."""
        for slot, button in enumerate(reversed(self.pager)):
            button.visible = False
            button.tooltip_above = True  # a title row's: below it are the column heads
            self.ui.add(button, place=self._pager_place(slot))
        self.switcher = add_switcher(self.ui, services, self.title_bar)
        self.nav_keys = KeyMap([*switcher_bindings(services.navigation),
                                help_binding(self.toggle_key_help)])  # fmt: skip
        self.showing_keys = False
        self.resize(*services.size)

    # -- settings --------------------------------------------------------------------------
    def _bind_settings(self) -> None:
        s = self.settings
        s.sequence.on_set(self._set_sequence)
        s.activation.on_set(lambda name: self._changed(self.sheet.set_activation(name)))
        s.steps.on_set(lambda n: self._resized(self.sheet.resize(steps=n)))
        s.hidden.on_set(lambda n: self._resized(self.sheet.resize(hidden=n)))
        s.n_in.on_set(lambda n: self._resized(self.sheet.resize(n_in=n)))
        s.learning_rate.on_set(self.sheet.set_learning_rate)
        s.gradients.on_set(lambda on: setattr(self.state, "gradients", on))
        s.training.on_set(self._set_training)

    def _set_sequence(self, name: str) -> None:
        self._changed(self.sheet.set_sequence(name))
        if name == sequences.CUSTOM:
            self.select(None)
        self._show_keypad()

    def _set_training(self, on: bool) -> None:
        self.services.sim_clock.paused = not on
        self.state.shown.clear()
        self._update = None

    def _changed(self, cells: frozenset[Cell]) -> None:
        for c in cells:
            self.state.flash[c] = 1.0

    def _resized(self, cells: frozenset[Cell]) -> None:
        self._frame(animate=False)
        if self.state.selected is not None and self.state.selected not in self.grid.boxes:
            self.select(None)
        self.losses.clear()

    # -- actions ---------------------------------------------------------------------------
    def select(self, cell: Cell | None) -> None:
        """Select a cell (a second tap on a computed one traces it to the inputs)."""
        st = self.state
        st.trace_all = cell is not None and cell == st.selected and not st.trace_all
        st.selected = cell
        st.typing = None
        self._show_keypad()
        if cell is not None:
            self._bring_into_view(cell)

    def _bring_into_view(self, cell: Cell) -> None:
        """Move the grid card the least that shows ``cell`` whole (a tap on a column cut
        by the card's edge, or the arrow keys walking past it)."""
        box, camera = self.grid.boxes.get(cell), self.card.camera
        if box is None or camera is None:
            return
        (cx, cy), zoom = camera.target
        pad = self.theme.px(6) / zoom
        half_w, half_h = 0.5 * self.card.view.w / zoom - pad, 0.5 * self.card.view.h / zoom - pad
        x = cx + least_shift(cx - half_w, cx + half_w, box.x, box.w)
        y = cy + least_shift(cy - half_h, cy + half_h, box.y, box.h)
        if (x, y) != (cx, cy):
            camera.fly_to_view((x, y), zoom)
            self._enable_pager(x)

    def _show_keypad(self) -> None:
        """The keypad appears in touch mode while something can be typed."""
        cell = self.state.selected
        touch = self.services.mode.controls is ControlSet.TOUCH
        editing = (cell is not None and cell.kind in EDITABLE) or self.typing_sequence()
        if self.keypad.visible != (touch and editing):
            self.keypad.visible = touch and editing
            self.ui.layout(*self.services.size)

    def set_value(self, cell: Cell, value: float) -> None:
        self._changed(self.sheet.set_value(cell, value))

    def step_forward(self) -> None:
        self._changed(self.sheet.step_forward())

    def show_all(self) -> None:
        self.sheet.show_all()

    def toggle_lock(self) -> None:
        cell = self.state.selected
        if cell is not None and cell.kind in WEIGHT_KINDS:
            self.sheet.set_locked(cell, not self.sheet.locked(cell))

    def train_step(self, animate: bool = True, flash: bool = True) -> None:
        """One BPTT step; the numbers roll from their old to their new values (and the
        cells flash, unless training runs on: then every cell would, all the time)."""
        old = self.sheet.values()
        result = self.sheet.train_step()
        self.losses.append(result.loss)
        self.status = "" if result.ok else "diverged: the step was not applied"
        if flash:
            self._changed(self.sheet.changed)
        if animate:
            self._update = (old, self.sheet.values(), 0.0)

    def export(self) -> None:
        """Write sheet.csv and sheet_formulas.csv into :attr:`export_dir`."""
        try:
            paths = export.write(self.sheet, self.export_dir)
        except OSError as exc:
            self.status = f"export failed: {exc.strerror or exc}"
        else:
            self.status = "wrote " + ", ".join(p.name for p in paths)

    def typing_sequence(self) -> bool:
        """Whether typed numbers go to *your own* sequence (it is chosen, no cell is)."""
        return self.state.selected is None and self.sheet.sequence == sequences.CUSTOM

    def press_key(self, key: str) -> None:
        """A key of the keypad (or its keyboard equivalent): digits, '.', ',', '−', ⌫, ↵.
        Into the selected cell, or into your own sequence when no cell is selected."""
        cell = self.state.selected
        if not self.typing_sequence() and (cell is None or cell.kind not in EDITABLE):
            return
        text = self.state.typing or ""
        if key == "⌫":
            self.state.typing = text[:-1]
        elif key == "↵":
            self._commit()
        elif key == "−" and cell is not None:
            self.state.typing = text[1:] if text.startswith("−") else "−" + text
        else:
            self.state.typing = text + key

    def _commit(self) -> None:
        cell, text = self.state.selected, self.state.typing
        self.state.typing = None
        if not text:
            return
        try:
            numbers = sequences.parse_numbers(text)
        except ValueError:
            self.status = f"not a number: {text}"
            return
        if cell is None:
            if numbers:
                self._changed(self.sheet.set_sequence(sequences.CUSTOM, numbers))
        elif len(numbers) == 1:
            self.set_value(cell, numbers[0])

    # -- events ----------------------------------------------------------------------------
    def _tap(self, x: float, y: float) -> None:
        world = self.card.world_at(x, y)
        if world is None:
            return
        label = self.grid.label_at(*world)
        if label is not None:
            self.explain(*label)
            return
        self.select(self.grid.cell_at(*world))

    def explain(self, key: str, box: Box) -> None:
        """Open the ⓘ popover of a row, column or weight matrix beside its label."""
        title, text, formula = GRID_INFO[key]
        anchor = Widget()
        x0, y0 = self.card.to_screen(box.x, box.y)
        x1, y1 = self.card.to_screen(box.x + box.w, box.y + box.h)
        anchor.rect = Rect(x0, y0, x1 - x0, y1 - y0)
        link = (LSTM_LINK, self.lstm_link) if key == "h" and self.lstm_link else None
        if link is not None:
            text += " " + LSTM_NOTE
        self.ui.open_overlay(Popover(title, text, formula=formula, owner=anchor, link=link))

    def handle(self, event: ev.Event) -> bool:
        if self.ui.handle(event):
            return True
        if isinstance(event, ev.KeyDown):
            return self.on_key(event)
        if isinstance(event, ev.TextInput):
            return self._type(event.text)
        if self._drag_event(event):
            return True
        return self.card.handle(event)

    def _drag_event(self, event: ev.Event) -> bool:
        """Dragging an editable cell up or down changes its value."""
        if isinstance(event, ev.PointerDown):
            world = self.card.world_at(event.x, event.y)
            cell = self.grid.cell_at(*world) if world is not None else None
            if cell is None or cell.kind not in EDITABLE:
                return False
            self._drag = (cell, event.y, self.sheet.value(cell), False)
            return True
        if self._drag is None:
            return False
        cell, y0, v0, moved = self._drag
        if isinstance(event, ev.PointerMove) and event.pressed:
            if moved or abs(event.y - y0) > 6:
                zoom = self.card.camera.zoom if self.card.camera else 1.0
                value = round(v0 + (y0 - event.y) / zoom * DRAG_PER_PIXEL, 2)
                if value != self.sheet.value(cell):
                    self.set_value(cell, value)
                self._drag = (cell, y0, v0, True)
            return True
        if isinstance(event, ev.PointerUp):
            self._drag = None
            if not moved or self.state.selected != cell:
                self.select(cell)
            return True
        return False

    def _type(self, text: str) -> bool:
        sequence = self.typing_sequence()
        allowed = "0123456789.-−" + (" ,;" if sequence else "")
        if not sequence and (self.state.selected is None
                             or self.state.selected.kind not in EDITABLE):  # fmt: skip
            return False
        for ch in text:
            if ch in allowed:
                self.press_key("−" if ch in "-−" and not sequence else ch)
        return True

    def toggle_key_help(self) -> None:
        self.showing_keys = not self.showing_keys

    def on_key(self, event: ev.KeyDown) -> bool:
        cell = self.state.selected
        key = event.key
        if key == "escape" and self.showing_keys:
            self.showing_keys = False
        elif key == "escape":
            self.select(None)
        elif key == "return" and self.typing_sequence():
            self._commit()
        elif key == "backspace" and self.state.typing is not None:
            self.press_key("⌫")
        elif key == "return" and self.state.typing is not None:
            self._commit()
        elif key in ("up", "down") and cell is not None and cell.kind in EDITABLE:
            step = (0.01 if event.shift else 0.1) * (1 if key == "up" else -1)
            self.set_value(cell, round(self.sheet.value(cell) + step, 4))
        elif key in ("left", "right") and cell is not None:
            moved = cell._replace(row=cell.row + (1 if key == "right" else -1))
            if cell.kind in ("x", "h", "y", "target") and moved in self.grid.boxes:
                self.select(moved)
        elif key == "space":
            self.settings.training.set(not self.settings.training.value)
        elif key == "period" and self.state.typing is None:
            self.step_forward()
        elif key == "home":
            self._frame(animate=True)
        elif key == "end" and self.pager[1].visible:
            self.page(len(self.grid.column_heads))
        else:
            return self.nav_keys.handle(event)
        return True

    # -- lessons (targets listed in the registry) ------------------------------------------
    def focus(self, target: str) -> None:
        """``step:N`` computes the first N time steps; ``h:N`` / ``trace:N`` select hidden
        state h_N of unit 1 (traced to the inputs); a card's name clears the selection.
        The grid stays framed."""
        kind, _, number = target.partition(":")
        self.select(None)
        if kind == "step":
            n = min(max(int(number), 1), self.sheet.shape.steps)
            for _ in range(self.sheet.shape.steps + 1):
                if self.sheet.revealed == n:
                    break
                self.step_forward()
        if kind in ("h", "trace"):
            t = min(max(int(number), 1), self.sheet.shape.steps) - 1
            cell = Cell("h", t, 0)
            self.select(cell)
            if kind == "trace":
                self.select(cell)  # the second tap: all the way back
        self._frame(animate=False)

    def target_rect(self, target: str) -> tuple[float, float, float, float] | None:
        kind, _, number = target.partition(":")
        if kind in ("h", "trace"):
            t = min(max(int(number), 1), self.sheet.shape.steps) - 1
            box = self.grid.boxes.get(Cell("h", t, 0))
            if box is None:
                return None
            x0, y0 = self.card.to_screen(box.x, box.y)
            x1, y1 = self.card.to_screen(box.x + box.w, box.y + box.h)
            return (x0, y0, x1 - x0, y1 - y0)
        r = getattr(self.layout, target, None)
        return (r.x, r.y, r.w, r.h) if isinstance(r, Rect) else None

    def lesson_train_step(self) -> bool:
        self.train_step(animate=False)
        return True

    # -- layout ----------------------------------------------------------------------------
    def title_bar(self) -> tuple[Rect, float, float]:
        """The title bar, the end of the title and its status's first part, and where the
        controls begin: the scene switcher fits between."""
        t = self.theme
        text = self.services.renderer.text_layout
        left = title_end(text, t, self.title) + status_room(text, t)
        return self.layout.header, left, self.layout.controls.x - t.spacing_px * 1.4

    def status_right(self) -> float:
        """Where the title bar's status line must end: before the scene switcher, and
        before the control column in any case (a lesson has no switcher)."""
        *_, controls_x = self.title_bar()
        left = switcher_left(self.switcher, self.theme)
        return controls_x if left is None else min(left, controls_x)

    def _keypad_places(self) -> list[Rect]:
        """Where the keypad may go, from the most to the least it hides: the arithmetic
        card below its title, the whole card, the whole row of cards below the sheet."""
        card = self.layout.arithmetic
        return [
            card_inner(card, self.theme),
            card,
            Rect(card.x, card.y, self.layout.activation.right - card.x, card.h),
        ]

    def _keypad_covers(self) -> tuple[str, ...]:
        """The cards below the sheet the keypad hides now (their places in
        :meth:`_keypad_places` order: none, the arithmetic card, the whole row)."""
        if not self.keypad.visible:
            return ()
        return (
            (),
            ("arithmetic",),
            ("arithmetic", "picture", "activation"),
        )[self.keypads.index(self.keypad)]

    def _pick_keypad(self) -> None:
        """The first arrangement of keys that fits its place (four rows in the arithmetic
        card, three over the whole card, two across the row of cards): keys keep their size."""
        ctx = self.ui.context()
        places = self._keypad_places()
        chosen, area = self.keypads[-1], places[-1]
        for keypad, place in zip(self.keypads, places, strict=True):
            if keypad.measure(ctx, place.w)[1] <= place.h:
                chosen, area = keypad, place
                break
        self.keypad_area = area
        if chosen is not self.keypad:
            chosen.visible, self.keypad.visible = self.keypad.visible, False
            self.keypad = chosen

    def lay_out(self) -> None:
        """The cards for the window and theme; the grid card grows when, at the zoom that
        keeps its type legible, the sheet would not fit its height."""
        w, h = self.services.size
        self.layout = SheetLayout.compute(w, h, self.theme)
        self.card.place(self.layout.grid, self.theme)
        framing = self._framing()
        _, y0, _, y1 = framing.grid.home_bounds()
        wanted = (y1 - y0) * framing.zoom + 2 * self.theme.px(6)
        if wanted > self.card.view.h + 0.5:
            self.layout = SheetLayout.compute(w, h, self.theme, grid_view_h=wanted)
            self.card.place(self.layout.grid, self.theme)
        self._pick_keypad()

    def _framing(self) -> Framing:
        view = self.card.view
        return frame_sheet(self.sheet.shape, (view.w, view.h), self.theme.px(6),
                           self.theme.small_px, self.state.selected)  # fmt: skip

    def resize(self, width: int, height: int) -> None:
        super().resize(width, height)
        lay_out_fitted(self.services, self.ui, self.lay_out,
                       lambda: ((self.panel, self.layout.controls),),
                       self.sections.set_compact)  # fmt: skip
        self._frame(animate=False)

    def set_theme(self, theme) -> None:
        super().set_theme(theme)
        self.ui.set_theme(theme)

    def _frame(self, animate: bool) -> None:
        """Lay the grid out in the style that suits the type size and show its top left
        at a zoom that keeps its type at the theme's smallest or larger; the whole sheet
        stays in reach of a drag."""
        framing = self._framing()
        self.grid = framing.grid
        self.card.frame(framing.window, self.theme.px(6), animate=animate)
        assert self.card.camera is not None
        self.card.camera.home_bounds = self.grid.bounds()
        paged = framing.window[2] < self.grid.bounds()[2] - 1.0
        if paged != self.pager[0].visible:
            for button in self.pager:
                button.visible = paged
            self.card.buttons = 2 if paged else 0
            self.ui.layout(*self.services.size)
        self._enable_pager()

    def _fade_edges(self, dl: DrawList, shown: tuple[float, float, float, float]) -> None:
        """Fade the grid card's left or right edge over the cells it cuts (a whole column
        at the edge, with more beyond it, needs none)."""
        camera = self.card.camera
        assert camera is not None
        x0, x1 = shown[0], shown[2]
        boxes = self.grid.boxes.values()
        cut_left = [b.x + b.w - x0 for b in boxes if b.x < x0 < b.x + b.w]
        cut_right = [x1 - b.x for b in boxes if b.x < x1 < b.x + b.w]
        zoom = camera.zoom
        draw_edge_fades(dl, self.theme, self.card.view, left=max(cut_left, default=0.0) * zoom,
                        right=max(cut_right, default=0.0) * zoom)  # fmt: skip

    # -- paging through the time steps -------------------------------------------------------
    def _pager_place(self, slot: int):
        """The pager's buttons in the grid card's title row, ``slot`` from the right."""
        return lambda width, height, ctx: title_button(self.layout.grid, ctx.theme, slot)

    def _columns_shown(self, centre: float | None = None) -> tuple[float, float]:
        """The left and right world edges the card shows with its camera at the centre
        it is flying to (or at ``centre``), the card's padding included."""
        camera = self.card.camera
        assert camera is not None
        (cx, _), zoom = camera.target
        cx = cx if centre is None else centre
        half = 0.5 * self.card.view.w / zoom
        return cx - half, cx + half

    def _grid_ends(self) -> tuple[float, float]:
        """The grid's left and right world edges with the card's padding around them."""
        camera = self.card.camera
        assert camera is not None
        pad = self.theme.px(6) / camera.target[1]
        x0, _, x1, _ = self.grid.bounds()
        return x0 - pad, x1 + pad

    def page(self, pages: int) -> None:
        """Move the grid card ``pages`` pages of time columns on (negative: back), a page
        being the whole columns the card shows less one, kept for context; the weights
        scroll away on the first page on and come back on the way home."""
        camera = self.card.camera
        assert camera is not None
        (cx, cy), zoom = camera.target
        left, right = self._columns_shown()
        half = 0.5 * (right - left)
        st = self.grid.style
        pitch = st.cell_w + st.gap
        step = max(1, int((right - left) // pitch) - 1) * pitch
        lo, hi = self._grid_ends()
        target = min(max(cx + pages * step, lo + half), max(lo + half, hi - half))
        camera.fly_to_view((target, cy), zoom)
        self._enable_pager(target)

    def _enable_pager(self, centre: float | None = None) -> None:
        """Each button is enabled while there is more in its direction."""
        if self.card.camera is None or not self.pager[0].visible:
            return
        left, right = self._columns_shown(centre)
        lo, hi = self._grid_ends()
        self.pager[0].enabled = left > lo + 1.0
        self.pager[1].enabled = right < hi - 1.0

    # -- frame -----------------------------------------------------------------------------
    def update(self, frame: FrameInfo) -> None:
        if self.settings.training.value and frame.sim_steps:
            for _ in range(min(frame.sim_steps, MAX_STEPS_PER_FRAME)):
                self.train_step(animate=False, flash=False)
        fade = frame.dt / FLASH_SECONDS
        self.state.flash = {c: v - fade for c, v in self.state.flash.items() if v > fade}
        self._advance_update(frame.dt)
        assert self.card.camera is not None
        self.card.camera.update(frame.dt)
        self._enable_pager()  # a drag moves the columns too
        self.ui.update(frame.dt)

    def _advance_update(self, dt: float) -> None:
        self.state.shown.clear()
        if self._update is None:
            return
        old, new, p = self._update
        p = min(1.0, p + dt / UPDATE_SECONDS)
        self._update = None if p >= 1.0 else (old, new, p)
        if self._update is not None:
            e = ease_in_out_cubic(p)
            self.state.shown.update({c: old[c] + (new[c] - old[c]) * e for c in new if c in old})

    def is_animating(self) -> bool:
        camera = self.card.camera
        return bool(self.state.flash or self._update or self.ui.is_animating()
                    or (camera is not None and camera.is_moving))  # fmt: skip

    def _covers(self) -> list[tuple[float, float, float, float]]:
        """The open popovers and lists in the grid's world units (what they hide of it)."""
        out = []
        for ov in self.ui.overlays:
            r = ov.rect
            x0, y0 = self.card.to_world(r.x, r.y)
            x1, y1 = self.card.to_world(r.x + r.w, r.y + r.h)
            out.append((x0, y0, x1, y1))
        return out

    def steps_total(self) -> int:
        return len(self.losses)

    def layers(self) -> Layers:
        w, h = self.services.size
        for dl in self.lists.values():
            dl.clear()
        t = self.theme
        cards_dl, content = self.lists["cards"], self.lists["content"]
        L = self.layout
        x = draw_title(content, t, L.header.cy, "RNN sheet", t.accent)
        parts = [f"T = {self.sheet.shape.steps}", f"{self.sheet.activation}",
                 f"L = {self.sheet.loss:.4g}", f"{len(self.losses)} training steps"]  # fmt: skip
        if self.status:
            parts.append(self.status)
        draw_status_line(content, t, x, L.header.cy, parts, self.status_right())
        self.card.draw(cards_dl, content, t)
        titles = dict(CARDS, activation=cards.lower_right_title(t, L.activation, self.losses))
        covered = self._keypad_covers()
        activation = ACTIVATION.labels[ACTIVATION.index(self.sheet.activation)]
        for key in titles:
            if key not in covered:
                draw_card(cards_dl, content, getattr(L, key), titles[key], t,
                          short=cards.short_title(titles[key], activation))  # fmt: skip
        selected = self.state.selected
        if not self.keypad.visible:
            typed = self.state.typing if self.typing_sequence() else None
            cards.draw_arithmetic(content, t, card_inner(L.arithmetic, t), self.sheet, selected,
                                  typed)  # fmt: skip
        if "picture" not in covered:
            cards.draw_picture(content, t, card_inner(L.picture, t), self.sheet)
            cards.draw_activation_and_loss(content, t, L.activation, self.sheet, self.losses)
        assert self.card.camera is not None
        shown = self.card.camera.visible_world_rect()
        draw_grid(self.lists["world"], self.lists["world_top"], self.grid, self.sheet, t,
                  self.state, shown, self._covers())  # fmt: skip
        self._fade_edges(content, shown)
        self.ui.draw(self.lists["ui"], self.lists["ui_overlay"])
        if self.showing_keys:
            lines = [*SHEET_KEYS, *self.nav_keys.lines()]
            groups = self.nav_keys.shared_groups(self.services.mode.input, also=SHEET_KEY_NAMES)
            draw_key_help(self.lists["ui_overlay"], t, (w, h), self.title, lines, groups)
        screen = LayerTransform.screen(w, h)
        world = self.card.transform((w, h), clip=True)
        return [
            (cards_dl, screen),
            (self.lists["world"], world),
            (self.lists["world_top"], world),
            (content, screen),
            (self.lists["ui"], screen),
            (self.lists["ui_overlay"], screen),
        ]

