"""Shader loading: every program compiles, includes splice, errors name file and line."""

from __future__ import annotations

import pytest

from nnviz.render import shaders
from nnviz.render.renderer import _PROGRAMS
from nnviz.resources import resource_path


@pytest.mark.parametrize("kind", sorted(_PROGRAMS))
def test_every_program_compiles_on_egl(gl_ctx, kind):
    program = shaders.compile_program(gl_ctx, _PROGRAMS[kind][0])
    assert "u_transform" in program
    program.release()


def test_every_shader_file_is_used_or_included():
    files = {p.name for p in resource_path("shaders").glob("*.glsl")}
    used = {spec[0] for spec in _PROGRAMS.values()} | {"common.glsl", "panel_common.glsl"}
    assert files == used


def test_stage_source_has_version_define_and_line_markers():
    src = shaders.load_stage("rect.glsl", "VERTEX_SHADER")
    lines = src.text.splitlines()
    assert lines[0] == "#version 330 core"
    assert lines[1] == "#define VERTEX_SHADER"
    assert src.files == ["rect.glsl", "common.glsl"]
    assert "#line 1 1" in lines  # start of the included file
    assert "uniform mat3 u_transform;" in src.text


def test_locate_maps_driver_locations_to_files():
    src = shaders.ShaderSource(text="", files=["rect.glsl", "common.glsl"])
    assert src.locate("0:12(5): error: bad") == "rect.glsl:12: error: bad"
    assert src.locate("1(7) : error C0000") == "common.glsl:7 : error C0000"
    assert src.locate("no location here") == "no location here"


def test_compile_error_reports_file_and_line(gl_ctx, monkeypatch):
    broken = {
        "broken.glsl": '#include "common.glsl"\n'
        "#if defined VERTEX_SHADER\nvoid main() { gl_Position = vec4(0.0); }\n#endif\n"
        "#if defined FRAGMENT_SHADER\nout vec4 f;\nvoid main() {\n  f = undefined_thing;\n}\n"
        "#endif\n",
    }
    real = shaders._read_shader
    monkeypatch.setattr(shaders, "_read_shader", lambda name: broken.get(name) or real(name))
    with pytest.raises(shaders.ShaderError) as info:
        shaders.compile_program(gl_ctx, "broken.glsl")
    assert "broken.glsl:8" in str(info.value)


def test_include_cycle_is_an_error(monkeypatch):
    files = {"a.glsl": '#include "b.glsl"\n', "b.glsl": '#include "a.glsl"\n'}
    monkeypatch.setattr(shaders, "_read_shader", files.__getitem__)
    with pytest.raises(shaders.ShaderError, match="cycle"):
        shaders.load_stage("a.glsl", "FRAGMENT_SHADER")


def test_unknown_stage_is_rejected():
    with pytest.raises(ValueError):
        shaders.load_stage("rect.glsl", "GEOMETRY_SHADER")
