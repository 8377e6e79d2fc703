"""Controls that several scenes offer, built one way so they look and behave alike."""

from __future__ import annotations

from collections.abc import Callable

from nnviz.ui.widget import Row
from nnviz.ui.widgets import InfoButton, Label, Slider

InfoEntry = tuple[str, str, str]
"""An ⓘ text: title, explanation, formula (may be empty)."""


def info_button(entry: InfoEntry) -> InfoButton:
    title, text, formula = entry
    return InfoButton(title, text, formula=formula)


def panel_heading(text: str, entry: InfoEntry) -> Row:
    """A panel's bold heading with its ⓘ at the right."""
    return Row(Label(text, role="heading", wrap=False, face="bold", flex=1), info_button(entry))


def animation_speed_slider(on_change: Callable[[float], None]) -> Slider:
    """0.25× to 8× on a log scale."""
    return Slider("Animation speed", 0.25, 8.0, 1.0, log=True,
                  formatter=lambda v: f"{v:.2g}×", on_change=on_change, flex=1)  # fmt: skip


def learning_rate_slider(on_change: Callable[[float], None], value: float = 0.01) -> Slider:
    """1e-4 to 1 on a log scale, in quarter decades."""
    return Slider("Learning rate", 1e-4, 1.0, value, log=True, step=0.25,
                  formatter=lambda v: f"{v:.2g}", on_change=on_change, flex=1)  # fmt: skip
