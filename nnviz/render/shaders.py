"""Shader source loading: one file per program, stage blocks, ``#include``, real line numbers.

Each program lives in ``shaders/NAME.glsl`` with ``#if defined VERTEX_SHADER``
and ``#if defined FRAGMENT_SHADER`` blocks. The loader prepends the version, the
stage define and the constants shared with Python (:mod:`nnviz.render.gpu_constants`,
as ``#define`` lines), splices ``#include "file.glsl"`` in place, and emits
``#line`` directives with a *source-string number per file*, so the driver's
error messages can be mapped back to ``file:line``. A shader that fails to
compile raises :class:`ShaderError` naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nnviz.render.gpu_constants import glsl_defines
from nnviz.resources import read_text

GLSL_VERSION = "#version 330 core"
STAGES = ("VERTEX_SHADER", "FRAGMENT_SHADER")
_INCLUDE = re.compile(r'^\s*#include\s+"([^"]+)"\s*$')
# Mesa: "0:12(5): error: ..."; NVIDIA: "0(12) : error ..."; others: "ERROR: 0:12: ...".
_ERROR_LOCATIONS = (
    re.compile(r"(?P<src>\d+):(?P<line>\d+)\(\d+\)"),
    re.compile(r"(?P<src>\d+)\((?P<line>\d+)\)"),
    re.compile(r"(?P<src>\d+):(?P<line>\d+)"),
)


class ShaderError(RuntimeError):
    """A shader failed to load or compile; the message names file and line."""


@dataclass
class ShaderSource:
    """A program's source for one stage, plus the file table its ``#line``s refer to."""

    text: str
    files: list[str] = field(default_factory=list)

    def locate(self, message: str) -> str:
        """Rewrite driver locations (``0:12(5)``) in ``message`` as ``file.glsl:12``."""

        def replace(match: re.Match[str]) -> str:
            src = int(match.group("src"))
            if src < len(self.files):
                return f"{self.files[src]}:{match.group('line')}"
            return match.group(0)

        for pattern in _ERROR_LOCATIONS:
            rewritten, n = pattern.subn(replace, message)
            if n:
                return rewritten
        return message


def _read_shader(name: str) -> str:
    try:
        return read_text("shaders", name)
    except FileNotFoundError as exc:
        raise ShaderError(f"shader file not found: {name}") from exc


def _expand(name: str, files: list[str], stack: tuple[str, ...]) -> list[str]:
    if name in stack:
        raise ShaderError(f"{stack[-1]}: #include cycle through {name}")
    files.append(name)
    index = len(files) - 1
    out = [f"#line 1 {index}"]
    for number, line in enumerate(_read_shader(name).splitlines(), start=1):
        match = _INCLUDE.match(line)
        if match:
            out.extend(_expand(match.group(1), files, (*stack, name)))
            out.append(f"#line {number + 1} {index}")
        else:
            out.append(line)
    return out


def load_stage(name: str, stage: str) -> ShaderSource:
    """Source of program file ``name`` for ``stage`` (vertex or fragment, see STAGES)."""
    if stage not in STAGES:
        raise ValueError(f"unknown shader stage {stage!r}")
    files: list[str] = []
    body = _expand(name, files, ())
    text = "\n".join([GLSL_VERSION, f"#define {stage}", *glsl_defines(), *body, ""])
    return ShaderSource(text=text, files=files)


def compile_program(ctx, name: str):
    """Compile and link ``shaders/name`` on ``ctx``; errors name the file and line."""
    vertex = load_stage(name, "VERTEX_SHADER")
    fragment = load_stage(name, "FRAGMENT_SHADER")
    try:
        return ctx.program(vertex_shader=vertex.text, fragment_shader=fragment.text)
    except Exception as exc:  # moderngl raises a bare Error with the driver log
        message = str(exc)
        located = vertex.locate(message)
        if located == message:
            located = fragment.locate(message)
        raise ShaderError(f"{name}: shader compile failed:\n{located}") from exc
