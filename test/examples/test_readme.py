"""The README's complete Python examples run as written."""

from __future__ import annotations

import re

import pytest

from support import REPO

README = (REPO / "README.md").read_text()
BLOCKS = [
    block
    for block in re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    if block.startswith("import aws_cdk as cdk")
]


def test_readme_has_complete_examples() -> None:
    assert BLOCKS


@pytest.mark.parametrize("block", BLOCKS, ids=[f"example-{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(block: str, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CDK_OUTDIR", str(tmp_path))
    exec(compile(block, "README.md", "exec"), {"__name__": "readme_example"})
