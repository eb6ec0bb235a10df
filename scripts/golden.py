"""Upgrade safety: compare a fresh synthesis of the example app with its golden templates.

    python scripts/golden.py            # check: fail if a stateful resource would be
                                        # replaced, deleted or orphaned
    python scripts/golden.py --update   # show the diff and rewrite the golden files

The comparison is done by @aws-cdk/cloudformation-diff, the library behind `cdk diff`
(see scripts/template-diff.mjs), not by our own template parser.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "test" / "golden"
DIFF_SCRIPT = ROOT / "scripts" / "template-diff.mjs"

STATEFUL_TYPES = frozenset(
    {
        "AWS::Cognito::UserPool",
        "AWS::Cognito::IdentityPool",
        "AWS::DynamoDB::Table",
        "AWS::DynamoDB::GlobalTable",
        "AWS::S3::Bucket",
        "AWS::Logs::LogGroup",
        "AWS::KMS::Key",
        "AWS::KinesisFirehose::DeliveryStream",
    }
)
"""Resource types that hold data or identities users would lose if replaced."""

DANGEROUS_IMPACTS = frozenset({"WILL_REPLACE", "MAY_REPLACE", "WILL_DESTROY", "WILL_ORPHAN"})


@dataclass(frozen=True)
class Change:
    stack: str
    logical_id: str
    type: str
    impact: str


def diff_templates(old: Path, new: Path) -> tuple[bool, list[Change], str]:
    """Return (no difference, changed resources, readable diff) between two templates."""
    result = subprocess.run(
        ["node", str(DIFF_SCRIPT), str(old), str(new)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    summary = json.loads(result.stdout)
    changes = [
        Change(new.name.removesuffix(".template.json"), c["logicalId"], c["type"], c["impact"])
        for c in summary["changes"]
    ]
    return summary["empty"], changes, result.stderr


def dangerous(changes: list[Change]) -> list[Change]:
    """The changes that would replace, delete or orphan a stateful resource."""
    return [c for c in changes if c.type in STATEFUL_TYPES and c.impact in DANGEROUS_IMPACTS]


def synthesize_example(outdir: Path) -> dict[str, Path]:
    """Synthesize examples/app.py with the example's cdk.json context; templates by stack."""
    import aws_cdk as cdk

    context = json.loads((ROOT / "examples" / "cdk.json").read_text())["context"]
    spec = importlib.util.spec_from_file_location("example_app", ROOT / "examples" / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = module.build_app(cdk.App(outdir=str(outdir), context=context))
    app.synth()
    return {p.name.removesuffix(".template.json"): p for p in outdir.glob("*.template.json")}


def compare(fresh: dict[str, Path]) -> tuple[list[Change], list[str], str]:
    """Compare fresh templates with the golden ones: (changes, missing stacks, diff text)."""
    changes: list[Change] = []
    text = []
    missing = []
    for golden in sorted(GOLDEN.glob("*.template.json")):
        stack = golden.name.removesuffix(".template.json")
        if stack not in fresh:
            missing.append(stack)
            continue
        _, found, readable = diff_templates(golden, fresh[stack])
        changes += found
        if readable:
            text.append(f"Stack {stack}\n{readable}")
    return changes, missing, "\n".join(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    update = parser.parse_args().update

    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        fresh = synthesize_example(Path(tmp))
        changes, missing, text = compare(fresh)
        if text:
            print(text)
        bad = dangerous(changes)
        for change in bad:
            print(
                f"STATEFUL: {change.stack} {change.logical_id} ({change.type}): {change.impact}",
                file=sys.stderr,
            )
        for stack in missing:
            print(f"STATEFUL: stack {stack} is gone from the example app", file=sys.stderr)

        if update:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            for old in GOLDEN.glob("*.template.json"):
                old.unlink()
            for stack, path in fresh.items():
                shutil.copy(path, GOLDEN / f"{stack}.template.json")
            print(f"Updated {len(fresh)} golden template(s) in {GOLDEN.relative_to(ROOT)}.")
            return 0
        if bad or missing:
            print(
                "A stateful resource would be replaced, deleted or orphaned (see above). If "
                "that is really intended, run 'python scripts/golden.py --update' and say so "
                "in the CHANGELOG as a breaking change.",
                file=sys.stderr,
            )
            return 1
        if changes:
            print(
                "Templates changed without touching stateful resources; refresh the golden "
                "files with 'python scripts/golden.py --update'."
            )
        else:
            print("Golden templates match.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
