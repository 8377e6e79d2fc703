"""Shader loading: every program compiles, includes splice, errors name file and line."""

from __future__ import annotations

import re

import moderngl
import pytest

from nnviz.render import shaders
from nnviz.render.gpu_constants import BEZIER_SEGMENTS, PANEL_AA_INSET_PX
from nnviz.render.programs import PROGRAMS
from nnviz.resources import resource_path


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_every_program_compiles_on_egl(gl_ctx, name):
    program = shaders.compile_program(gl_ctx, PROGRAMS[name].shader)
    assert "u_transform" in program
    program.release()


def test_every_shader_file_is_used_or_included():
    files = {p.name for p in resource_path("shaders").glob("*.glsl")}
    used = {p.shader for p in PROGRAMS.values()} | {"common.glsl", "panel_common.glsl"}
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


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_each_program_reads_exactly_its_layout(gl_ctx, name):
    """The shader's instance attributes have the names and sizes of the layout's fields."""
    spec = PROGRAMS[name]
    program = shaders.compile_program(gl_ctx, spec.shader)
    declared = {
        key: program[key].dimension
        for key in program
        if key.startswith("i_") and isinstance(program[key], moderngl.Attribute)
    }
    sizes = {f"i_{field}": len(components) for field, components in spec.layout.fields}
    assert declared == {attribute: sizes[attribute] for attribute in spec.attributes}
    program.release()


def test_shared_constants_are_injected_as_defines():
    text = shaders.load_stage("bezier.glsl", "VERTEX_SHADER").text
    assert f"#define BEZIER_SEGMENTS {BEZIER_SEGMENTS}" in text
    assert f"#define PANEL_AA_INSET_PX {PANEL_AA_INSET_PX!r}" in text
    assert PROGRAMS["bezier"].vertices == 2 * (BEZIER_SEGMENTS + 1)


@pytest.mark.parametrize("path", sorted(resource_path("shaders").glob("*.glsl")), ids=str)
def test_each_shader_file_opens_with_what_it_draws_inputs_and_references(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(line)
    text = "\n".join(header)
    assert header and header[0].startswith(f"// {path.name}: "), "first line: name and job"
    assert len(header) >= 6, "a header that says what it draws, its inputs, its references"
    for attribute in re.findall(r"^in \w+ (i_\w+);", "\n".join(lines), flags=re.MULTILINE):
        assert attribute in text, f"the header does not describe input {attribute}"
    if path.name not in ("panel_fill.glsl", "panel_common.glsl"):
        assert "nti-aliasing" in text, "the header names its anti-aliasing"
    if path.name not in ("panel_fill.glsl", "panel_common.glsl", "text.glsl"):
        assert "distance" in text.lower(), "the header names its distance function"
