"""The scene kit: what every explorer builds its screen from.

Cards (a rectangle of the screen, optionally with a camera and the one pan / zoom / tap
gesture), the title bar, plots, legends, text that fits its box, the layout-then-fit
sequence, controls declared as specs, and the observable settings model they bind to. An
explorer composes these; it never writes its own gesture, fitting loop or slider factory.
"""
