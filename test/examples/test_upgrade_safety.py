"""Upgrade safety: the example app's templates against the golden ones in test/golden/.

A change that would replace, delete or orphan a stateful resource (user pool, table,
bucket, log group, key) fails here. Refresh the golden files on purpose with
``python scripts/golden.py --update``, which shows the diff.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from support import REPO, Synthesized

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="the template diff runs on Node.js"
)


def load_golden_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_tool", REPO / "scripts" / "golden.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden_tool"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


golden = load_golden_tool()


def fresh_templates(synthesized: Synthesized) -> dict[str, Path]:
    return {name: synthesized.outdir / f"{name}.template.json" for name in synthesized.templates}


def test_golden_files_exist_for_every_example_stack(example_cdk_init: Synthesized) -> None:
    golden_stacks = {p.name.removesuffix(".template.json") for p in golden.GOLDEN.glob("*.json")}
    assert golden_stacks == set(example_cdk_init.templates)


def test_no_stateful_resource_would_be_replaced_or_deleted(
    example_cdk_init: Synthesized,
) -> None:
    changes, missing, text = golden.compare(fresh_templates(example_cdk_init))
    assert missing == []
    assert golden.dangerous(changes) == [], text


def test_detector_catches_a_stateful_resource_whose_logical_id_changed(tmp_path: Path) -> None:
    (original,) = sorted(golden.GOLDEN.glob("PlatformExample.template.json"))
    template = json.loads(original.read_text())
    log_group = next(
        k for k, v in template["Resources"].items() if v["Type"] == "AWS::Logs::LogGroup"
    )
    template["Resources"][f"{log_group}Renamed"] = template["Resources"].pop(log_group)
    changed = tmp_path / original.name
    changed.write_text(json.dumps(template))

    _, changes, _ = golden.diff_templates(original, changed)

    (bad,) = golden.dangerous(changes)
    assert bad.logical_id == log_group
    assert bad.impact in {"WILL_DESTROY", "WILL_ORPHAN"}
