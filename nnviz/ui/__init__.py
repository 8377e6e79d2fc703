"""nnviz.ui: widgets, layout, themes and event routing, drawn with render draw lists.

Pure logic plus draw calls: this package never imports pygame or moderngl, so the
whole UI is tested without a window. Platform events arrive already translated into
:mod:`nnviz.ui.events`.
"""

from nnviz.ui.icons import ICONS, draw_icon
from nnviz.ui.manager import UIManager
from nnviz.ui.theme import (
    DARK,
    LIGHT,
    PROJECTOR,
    THEMES,
    Theme,
    contrast_ratio,
    theme_by_name,
    ui_scale,
)
from nnviz.ui.widget import Column, Container, Overlay, Panel, Rect, Row, Smooth, UIContext, Widget
from nnviz.ui.widgets import (
    Button,
    Dropdown,
    DropdownList,
    Heading,
    IconButton,
    InfoButton,
    Label,
    Popover,
    SegmentedChoice,
    Slider,
    Toggle,
    Tooltip,
)

__all__ = [
    "DARK",
    "ICONS",
    "LIGHT",
    "PROJECTOR",
    "THEMES",
    "Button",
    "Column",
    "Container",
    "Dropdown",
    "DropdownList",
    "Heading",
    "IconButton",
    "InfoButton",
    "Label",
    "Overlay",
    "Panel",
    "Popover",
    "Rect",
    "Row",
    "SegmentedChoice",
    "Slider",
    "Smooth",
    "Theme",
    "Toggle",
    "Tooltip",
    "UIContext",
    "UIManager",
    "Widget",
    "contrast_ratio",
    "draw_icon",
    "theme_by_name",
    "ui_scale",
]
