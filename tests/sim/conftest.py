"""Fixtures of the session tests: compiled kernels, and each task as a parameter."""

from __future__ import annotations

import pytest

from nnviz.core import warmup

from .helpers import CASES, Case


@pytest.fixture(scope="session", autouse=True)
def _compiled():
    warmup(dtypes=("float32", "float64"))  # from the disk cache after the first run


@pytest.fixture(params=list(CASES))
def case(request) -> Case:
    """Each task in turn: the generic session tests run against all of them."""
    return CASES[request.param]
