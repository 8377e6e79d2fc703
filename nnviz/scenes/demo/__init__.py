"""The demo: every primitive and widget, and both clocks at work side by side."""

from nnviz.scenes.demo.scene import DemoScene

__all__ = ["DemoScene"]
