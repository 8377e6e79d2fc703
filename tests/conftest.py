"""Shared fixtures: a real headless OpenGL context, fonts, golden-image comparison."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import moderngl
import numpy as np
import pytest
from PIL import Image

from nnviz.anim.clock import FrameTimer
from nnviz.app.bootstrap import build_app
from nnviz.app.cli import parse_options
from nnviz.app.window import HeadlessWindow
from tests.image_compare import MAX_BAD, TOLERANCE, difference

# Every session's first start would otherwise launch a background compiler process
# (inherited by the app subprocesses the tests start too); tests/core/test_warmup.py
# turns it back on where it is the subject.
os.environ.setdefault("NNVIZ_BACKGROUND_WARMUP", "0")

# The tests never read or write a person's configuration: nnviz's config folder is a
# temporary one in which every explorer's first-start tour counts as seen, so real-window
# runs start on the plain explorer (tests/app/test_tour.py starts tours explicitly).
_CONFIG_HOME = Path(tempfile.mkdtemp(prefix="nnviz-test-config-"))
os.environ["XDG_CONFIG_HOME"] = str(_CONFIG_HOME)
(_CONFIG_HOME / "nnviz").mkdir()
(_CONFIG_HOME / "nnviz" / "tour.json").write_text(
    json.dumps({name: "done" for name in ("overview", "cell", "mlp", "sheet", "demo")})
)

GOLDEN_DIR = Path(__file__).parent / "golden"
FAILURE_DIR = Path(__file__).parent / "_failures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden images from the current rendering instead of comparing",
    )


@pytest.fixture(scope="session")
def gl_ctx() -> moderngl.Context:
    """A standalone OpenGL 3.3 core context through EGL (Mesa llvmpipe on CI)."""
    ctx = moderngl.create_standalone_context(require=330, backend="egl")
    ctx.gc_mode = "context_gc"
    yield ctx
    ctx.release()


@pytest.fixture(autouse=True)
def _shared_context_is_current(request: pytest.FixtureRequest) -> None:
    """Make the shared context current for every test that uses it: tests that open their
    own windows (each an EGL context of its own) leave that one current, and GL calls
    meant for the shared context would otherwise reach another or none."""
    if "gl_ctx" in request.fixturenames:
        request.getfixturevalue("gl_ctx").__enter__()


@pytest.fixture(scope="session")
def atlas():
    from nnviz.render.font import GlyphAtlas

    return GlyphAtlas()


@pytest.fixture(scope="session")
def text_layout(atlas):
    from nnviz.render.text import TextLayout

    return TextLayout(atlas)


@pytest.fixture(scope="session")
def renderer(gl_ctx, atlas):
    from nnviz.render.renderer import Renderer

    # Session fixtures are set up before the autouse one below makes the shared context
    # current: after a test whose app closed its own context, none is, and the
    # renderer's programs and buffers would be made nowhere (every later draw fails).
    gl_ctx.__enter__()
    return Renderer(gl_ctx, atlas)


@pytest.fixture
def golden(request: pytest.FixtureRequest, gl_ctx: moderngl.Context):
    """``golden(name, pixels, tolerance)`` compares an RGBA/RGB image with tests/golden/NAME.png.

    Golden images are made on Mesa llvmpipe; on another renderer the comparison is
    skipped (GPUs rasterise edges differently). ``--update-golden`` rewrites them. On a
    mismatch the actual image and an amplified difference go to tests/_failures/.
    """
    update = request.config.getoption("--update-golden")
    renderer_name = gl_ctx.info.get("GL_RENDERER", "")

    def check(
        name: str, pixels: np.ndarray, tolerance: float = TOLERANCE, max_bad: float = MAX_BAD
    ):
        rgb = np.ascontiguousarray(pixels[:, :, :3])
        path = GOLDEN_DIR / f"{name}.png"
        if update or not path.exists():
            if not update:
                pytest.fail(f"no golden image {path.name}; run pytest --update-golden")
            GOLDEN_DIR.mkdir(exist_ok=True)
            Image.fromarray(rgb, "RGB").save(path)
            return
        if "llvmpipe" not in renderer_name:
            pytest.skip(f"golden images are compared on llvmpipe only, not {renderer_name}")
        expected = np.asarray(Image.open(path).convert("RGB"))
        assert expected.shape == rgb.shape, f"{name}: size {rgb.shape} != golden {expected.shape}"
        mean, bad, diff = difference(expected, rgb, tolerance)
        if mean > tolerance or bad > max_bad:
            FAILURE_DIR.mkdir(exist_ok=True)
            Image.fromarray(rgb, "RGB").save(FAILURE_DIR / f"{name}.actual.png")
            amplified = np.clip(diff * 8, 0, 255).astype(np.uint8)
            Image.fromarray(amplified, "L").save(FAILURE_DIR / f"{name}.diff.png")
            pytest.fail(
                f"{name}: differs from golden (mean {mean:.2f}, {bad:.2%} pixels off); "
                f"see {FAILURE_DIR}/{name}.diff.png"
            )

    return check


@pytest.fixture
def make_app():
    """``make_app(*cli_args)`` → an App on a headless window with a fixed 1/60 s dt."""
    made = []

    def make(*args: str, idle: bool = False):
        options = parse_options(["--headless", "--fixed-dt", "0.016667", *args])
        window = HeadlessWindow(options.size)
        app = build_app(window, options, FrameTimer(fixed_dt=options.fixed_dt))
        app.idle_enabled = idle
        app.scene.resize(*window.size)
        made.append(app)
        return app

    yield make
    for app in made:
        app.scene.close()
        app.window.close()
