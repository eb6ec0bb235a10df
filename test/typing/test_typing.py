"""The public API type-checks from a user's point of view under mypy --strict and pyright."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from support import REPO

USAGE = REPO / "test" / "typing" / "usage.py"


def test_usage_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(USAGE)],
        capture_output=True,
        text=True,
        cwd=REPO / "test" / "typing",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="pyright runs on Node.js")
def test_usage_passes_pyright() -> None:
    pyright = REPO / "node_modules" / ".bin" / "pyright"
    result = subprocess.run(
        [str(pyright), "--pythonpath", sys.executable, str(USAGE)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
