"""Shared helpers for the tests: apps with and without feature flags, cdk-nag, cfn-lint."""

from __future__ import annotations

import functools
import json
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import yaml
from cdk_nag import AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, ServerlessChecks

REPO = Path(__file__).resolve().parent.parent
CFN_LINT_CONFIG = REPO / ".cfnlintrc.yaml"

FLAG_SETS = ("no-flags", "cdk-init-flags")
"""The two kinds of user app the library must be right for."""


@functools.cache
def cdk_init_flags() -> dict[str, Any]:
    """The feature flags ``cdk init`` writes into a new app's cdk.json today.

    They ship with aws-cdk-lib as ``recommended-feature-flags.json``; the Python package
    carries the npm tarball, so read them from there rather than copying them by hand.
    """
    jsii_dir = Path(cdk.__file__).parent / "_jsii"
    (tarball,) = jsii_dir.glob("aws-cdk-lib@*.jsii.tgz")
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/recommended-feature-flags.json")
        assert member is not None
        flags: dict[str, Any] = json.load(member)
    return flags


def new_app(flag_set: str = "cdk-init-flags", *, nag: bool = False) -> cdk.App:
    """A fresh app in a temporary directory, with no flags or with ``cdk init``'s flags."""
    assert flag_set in FLAG_SETS, flag_set
    context = dict(cdk_init_flags()) if flag_set == "cdk-init-flags" else {}
    app = cdk.App(outdir=tempfile.mkdtemp(prefix="cdk-out-"), context=context)
    if nag:
        cdk.Validations.of(app).add_plugins(
            AwsSolutionsChecks(app),
            NIST80053R5Checks(app),
            HIPAASecurityChecks(app),
            ServerlessChecks(app),
        )
    return app


@dataclass(frozen=True)
class Synthesized:
    """One synthesized app: its templates by stack name and its cdk-nag report."""

    outdir: Path
    templates: dict[str, dict[str, Any]]
    nag_report: dict[str, Any] | None
    lint_findings: dict[str, list[str]]
    """cfn-lint findings by stack name; empty unless synthesized with ``lint=False``."""

    def template(self, stack_name: str | None = None) -> dict[str, Any]:
        if stack_name is None:
            (only,) = self.templates.values()
            return only
        return self.templates[stack_name]

    def resources(self, type_name: str, stack_name: str | None = None) -> dict[str, Any]:
        """The resources of one CloudFormation type, by logical id."""
        return {
            logical_id: resource
            for logical_id, resource in self.template(stack_name)["Resources"].items()
            if resource["Type"] == type_name
        }

    def nag_violations(self) -> list[tuple[str, str]]:
        """Unacknowledged cdk-nag findings as (rule, construct path) pairs."""
        assert self.nag_report is not None, "synthesize with nag=True"
        return [
            (violation["ruleName"], construct["constructPath"])
            for report in self.nag_report["pluginReports"]
            for violation in report["violations"]
            for construct in violation["violatingConstructs"]
        ]

    def nag_acknowledgements(self) -> list[tuple[str, str]]:
        """Acknowledged cdk-nag findings as (rule, reason) pairs."""
        assert self.nag_report is not None, "synthesize with nag=True"
        found = []
        for report in self.nag_report["pluginReports"]:
            for violation in report.get("suppressedViolations", []):
                found.append((violation["ruleName"], violation.get("reason", "")))
        return found


def synthesize(app: cdk.App, *, lint: bool = True) -> Synthesized:
    """Synthesize ``app``; a cdk-nag failure is kept in the report, not raised.

    Every template is checked with cfn-lint on the way (``lint=False`` skips it for
    templates a test expects to be broken): the suite promises zero cfn-lint findings for
    every template it synthesizes, less those .cfnlintrc.yaml lists with a reason.
    """
    try:
        assembly = app.synth()
        outdir = Path(assembly.directory)
    except RuntimeError as error:
        if "ValidationFailed" not in str(error):
            raise
        outdir = Path(app.outdir)
    templates = {}
    for path in outdir.glob("*.template.json"):
        templates[path.name.removesuffix(".template.json")] = json.loads(path.read_text())
    findings: dict[str, list[str]] = {}
    if lint:
        for name, template in templates.items():
            found = cfn_lint(template)
            assert not found, f"cfn-lint findings in stack {name}:\n" + "\n".join(found)
            findings[name] = found
    report_path = outdir / "validation-report.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else None
    return Synthesized(
        outdir=outdir, templates=templates, nag_report=report, lint_findings=findings
    )


def build(
    define: Callable[[cdk.Stack], object],
    *,
    flag_set: str = "cdk-init-flags",
    nag: bool = False,
    stack_name: str = "Test",
    lint: bool = True,
) -> Synthesized:
    """Define resources in a new stack of a new app with ``define`` and synthesize it."""
    app = new_app(flag_set, nag=nag)
    define(cdk.Stack(app, stack_name))
    return synthesize(app, lint=lint)


@functools.cache
def _cfn_lint_ignored() -> tuple[str, ...]:
    config = yaml.safe_load(CFN_LINT_CONFIG.read_text())
    return tuple(config.get("ignore_checks", []))


def cfn_lint(template: dict[str, Any]) -> list[str]:
    """cfn-lint findings for a template, less those .cfnlintrc.yaml lists with a reason."""
    from cfnlint.api import ManualArgs, lint

    config = ManualArgs(regions=["us-east-1"], ignore_checks=list(_cfn_lint_ignored()))
    matches = lint(json.dumps(template), config=config)
    return [f"{m.rule.id} {m.message} ({'/'.join(map(str, m.path))})" for m in matches]


def walk(value: Any) -> Iterator[Any]:
    """Every value nested in a template fragment, depth first."""
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)
