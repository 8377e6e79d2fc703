"""The colour language: one colour per *meaning*, the same in every view of a theme.

A scene never picks a hue; it asks its theme's :class:`Roles` for what a thing *is*
(the input, the truth, a prediction, an error, the training or validation curve, a
positive or negative value, a chip of the arithmetic, the level the camera is on). So
a prediction is the same colour in the overview and in the cell, and the input too.

:data:`DISTINCT` lists the pairs that appear together and must be told apart. For each,
either the colours differ enough for every viewer (ΔE CIE76 ≥ :data:`MIN_DELTA_E` with
normal vision and ≥ :data:`MIN_DELTA_E_CVD` under simulated deuteranopia, protanopia and
tritanopia; see :mod:`nnviz.ui.vision`), or the pair names a second cue (the truth is
always dashed; the title bar names the level beside its colour mark) that the drawing
code uses and a test checks. docs/colour.md holds the
table; ``tests/ui/test_roles.py`` computes it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from nnviz.render.color import Color, OkabeIto, diverging_array, hex_color
from nnviz.ui.vision import VISIONS, delta_e

MIN_DELTA_E = 40.0
"""ΔE (CIE76) two roles shown together keep with normal vision."""
MIN_DELTA_E_CVD = 20.0
"""ΔE (CIE76) they keep under each simulated colour-vision deficiency."""


@dataclass(frozen=True)
class Roles:
    """What each colour means, for one theme (straight-alpha RGBA)."""

    input: Color
    """The data fed in: input curve and dots, in the overview and the cell."""
    truth: Color
    """The target the network should produce (always drawn dashed)."""
    prediction: Color
    """What the network produced; a correct character in text data."""
    error: Color
    """Prediction minus truth: error lines, a wrong character."""
    train: Color
    """Training loss."""
    validation: Color
    """Validation loss."""
    test: Color
    """The test split of the MLP explorer (its held-out points): a neutral grey, since the
    test set is the one training never touches. There every split is ink or this grey,
    told apart by shape and line (see ``nnviz.scenes.mlp.cards.SPLIT_STYLES``): blue and
    vermillion are that explorer's classes."""
    positive: Color
    """Positive weights, gradients and activations (heat strips, edges)."""
    negative: Color
    """Negative ones."""
    arith_input: Color
    """Chip of an input term in the cell's arithmetic (fill; text on it is :attr:`chip_text`)."""
    arith_weight: Color
    """Chip of a weight."""
    arith_state: Color
    """Chip of a previous state (h_{t−1}, c_{t−1})."""
    overview_level: Color
    """Title, progress and active row of the overview."""
    cell_level: Color
    """Title, time-step cursor and active row of the cell."""
    chip_text: Color = (0.08, 0.09, 0.1, 1.0)
    """Text on an arithmetic chip: near-black, legible on each chip colour."""

    def heat(self, values: np.ndarray, scale: float, neutral: Color) -> np.ndarray:
        """Signed ``values`` → RGBA rows: :attr:`negative` ↔ ``neutral`` ↔ :attr:`positive`."""
        return diverging_array(values, scale, neutral=neutral, negative=self.negative,
                               positive=self.positive)  # fmt: skip

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self))


@dataclass(frozen=True)
class Pair:
    """Two roles that are shown together; ``cue`` names what tells them apart besides
    colour (empty when colour alone must do)."""

    a: str
    b: str
    where: str
    cue: str = ""


DISTINCT: tuple[Pair, ...] = (
    Pair("input", "prediction", "data plots (overview signals, cell data)"),
    Pair("input", "error", "data plots"),
    Pair("prediction", "error", "data plots; right and wrong characters of text data"),
    Pair("input", "truth", "data plots", cue="truth dashed"),
    Pair("prediction", "truth", "data plots", cue="truth dashed"),
    Pair("error", "truth", "data plots", cue="truth dashed"),
    Pair("train", "validation", "loss plot"),
    Pair("positive", "negative", "weights, gradients, heat strips"),
    Pair("arith_input", "arith_weight", "arithmetic chips"),
    Pair("arith_input", "arith_state", "arithmetic chips"),
    Pair("arith_weight", "arith_state", "arithmetic chips"),
    Pair("overview_level", "cell_level", "the flight between the two levels",
         cue="title names the level"),
    Pair("cell_level", "error", "cell data plot (cursor and error lines)"),
)
"""Every pair of roles drawn side by side somewhere."""


def pair_table(roles: Roles) -> list[tuple[Pair, dict[str, float]]]:
    """ΔE of every :data:`DISTINCT` pair for every vision in :data:`VISIONS`."""
    return [
        (p, {v: delta_e(getattr(roles, p.a), getattr(roles, p.b), v) for v in VISIONS})
        for p in DISTINCT
    ]


def markdown_table(roles: Roles) -> str:
    """The ΔE table of one theme's roles as Markdown (docs/colour.md shows it)."""
    head = "| pair | where | " + " | ".join(VISIONS) + " | second cue |"
    rows = [head, "|" + "---|" * (len(VISIONS) + 3)]
    for pair, row in pair_table(roles):
        cells = " | ".join(f"{row[v]:.0f}" for v in VISIONS)
        rows.append(f"| {pair.a} / {pair.b} | {pair.where} | {cells} | {pair.cue or '—'} |")
    return "\n".join(rows)


def pair_ok(pair: Pair, table_row: dict[str, float]) -> bool:
    """Whether a pair passes: far enough apart for every vision, or carried by a cue."""
    if pair.cue:
        return True
    return table_row["normal"] >= MIN_DELTA_E and all(
        table_row[v] >= MIN_DELTA_E_CVD for v in VISIONS if v != "normal"
    )


PURPLE = OkabeIto.REDDISH_PURPLE
DEEP_PURPLE = hex_color("#A8507E")
"""Reddish purple darkened to 5:1 on white, for thin input lines (Okabe-Ito's is 3.1:1)."""
DEEP_ORANGE = hex_color("#A65E00")
"""Okabe-Ito orange darkened to 5:1 on white (the original is 2.3:1, too faint for a curve)."""
LIGHT_ROLES = Roles(
    input=DEEP_PURPLE,
    truth=hex_color("#1A1D21"),
    prediction=OkabeIto.BLUE,
    error=OkabeIto.VERMILLION,
    train=OkabeIto.BLUE,
    validation=DEEP_ORANGE,
    test=hex_color("#4D4D4D"),
    positive=OkabeIto.VERMILLION,
    negative=OkabeIto.BLUE,
    arith_input=PURPLE,
    arith_weight=OkabeIto.YELLOW,
    arith_state=OkabeIto.SKY_BLUE,
    overview_level=OkabeIto.BLUE,
    cell_level=OkabeIto.BLUISH_GREEN,
)
"""Okabe-Ito on white. Input is reddish purple everywhere (it was grey in the overview and
orange in the cell); orange left the data plots because beside vermillion errors it falls
to ΔE 18 under deuteranopia, and yellow weights beside orange inputs fell to 17. Curves
on white use darkened purple and orange (5:1); the chips keep the light tints, which
carry near-black text."""

DARK_ROLES = Roles(
    input=PURPLE,
    truth=hex_color("#E9ECEF"),
    prediction=OkabeIto.SKY_BLUE,
    error=OkabeIto.VERMILLION,
    train=OkabeIto.SKY_BLUE,
    validation=OkabeIto.ORANGE,
    test=hex_color("#E0E3E6"),
    positive=OkabeIto.VERMILLION,
    negative=OkabeIto.SKY_BLUE,
    arith_input=PURPLE,
    arith_weight=OkabeIto.YELLOW,
    arith_state=OkabeIto.SKY_BLUE,
    overview_level=OkabeIto.SKY_BLUE,
    cell_level=OkabeIto.BLUISH_GREEN,
)
"""Sky blue replaces Okabe-Ito blue, which is too dark on near-black (train and
validation were sky blue and blue: ΔE 26)."""

PROJECTOR_ROLES = Roles(
    input=DEEP_PURPLE,
    truth=hex_color("#000000"),
    prediction=OkabeIto.BLUE,
    error=OkabeIto.VERMILLION,
    train=hex_color("#005A8C"),
    validation=DEEP_ORANGE,
    test=hex_color("#1F1F1F"),
    positive=OkabeIto.VERMILLION,
    negative=OkabeIto.BLUE,
    arith_input=PURPLE,
    arith_weight=OkabeIto.YELLOW,
    arith_state=OkabeIto.SKY_BLUE,
    overview_level=hex_color("#005A8C"),
    cell_level=OkabeIto.BLUISH_GREEN,
)
"""As the light theme, with the projector accent's darker blue for training loss and the
level (it survives a washed-out projector); the prediction stays Okabe-Ito blue, which the
darker blue would bring within ΔE 15 of the input under protanopia."""
