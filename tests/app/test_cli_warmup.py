"""``nnviz --warmup [--cache-dir DIR]`` compiles every kernel ahead of time (installers)."""

from __future__ import annotations

import numba

from nnviz.app.cli import main as nnviz_main


def test_cli_warmup_into_a_cache_dir(capfd):
    assert nnviz_main(["--warmup", "--cache-dir", numba.config.CACHE_DIR]) == 0
    out = capfd.readouterr().out
    assert "[0/4] compiling recurrent/float32" in out and "[4/4] done" in out
    assert numba.config.CACHE_DIR in out


def test_cli_warmup_rejects_other_options(capfd):
    assert nnviz_main(["--warmup", "--scene", "demo"]) == 2
    assert "--warmup takes only --cache-dir" in capfd.readouterr().err
