"""The README's complete Python examples run as written, and their templates are clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support import REPO, cfn_lint

README = (REPO / "README.md").read_text()
BLOCKS = [
    block
    for block in re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    if block.startswith("import aws_cdk as cdk")
]


def test_readme_has_an_example_for_each_construct() -> None:
    for construct in ("HybridEc2FargateCluster", "ObservableService", "ServerlessAuthApi"):
        assert any(f"{construct}(" in block for block in BLOCKS), construct


@pytest.mark.parametrize("block", BLOCKS, ids=[f"example-{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(block: str, tmp_path: Path) -> None:
    # The jsii runtime reads CDK_OUTDIR when it starts, so point the app at tmp_path here.
    assert "app = cdk.App()" in block
    runnable = block.replace("app = cdk.App()", f"app = cdk.App(outdir={str(tmp_path)!r})", 1)

    exec(compile(runnable, "README.md", "exec"), {"__name__": "readme_example"})

    templates = sorted(tmp_path.glob("*.template.json"))
    assert templates, "the example synthesizes at least one stack"
    for path in templates:
        assert cfn_lint(json.loads(path.read_text())) == [], path.name
