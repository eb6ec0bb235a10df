"""cdk-nag (four packs) and cfn-lint on the cluster configurations.

cfn-lint runs on every template any test synthesizes through ``support.build``; these
tests add cdk-nag's verdicts and check that every acknowledgement carries its reason.
"""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3

from clusters import CLUSTER_CONFIGS, synthesized_cluster
from support import FLAG_SETS, build, cfn_lint

PACKS = {"AwsSolutions", "NIST.800.53.R5", "HIPAA.Security", "Serverless"}


@pytest.mark.parametrize("flag_set", FLAG_SETS)
@pytest.mark.parametrize("config", sorted(CLUSTER_CONFIGS))
def test_cdk_nag_reports_no_unacknowledged_findings(config: str, flag_set: str) -> None:
    synthesized = synthesized_cluster(config, flag_set)
    assert synthesized.nag_report is not None
    assert {r["pluginName"] for r in synthesized.nag_report["pluginReports"]} <= PACKS
    assert synthesized.nag_violations() == []


@pytest.mark.parametrize("flag_set", FLAG_SETS)
@pytest.mark.parametrize("config", sorted(CLUSTER_CONFIGS))
def test_every_acknowledgement_carries_a_reason(config: str, flag_set: str) -> None:
    synthesized = synthesized_cluster(config, flag_set)
    acknowledgements = synthesized.nag_acknowledgements()
    assert acknowledgements, "the cluster acknowledges its inherent findings"
    for rule, reason in acknowledgements:
        assert len(reason) > 40, f"{rule} is acknowledged without a real reason: {reason!r}"


@pytest.mark.parametrize("flag_set", FLAG_SETS)
@pytest.mark.parametrize("config", sorted(CLUSTER_CONFIGS))
def test_cfn_lint_reports_nothing(config: str, flag_set: str) -> None:
    # support.build ran cfn-lint on the template when it synthesized it.
    synthesized = synthesized_cluster(config, flag_set)
    assert synthesized.lint_findings == {"Test": []}


def test_cfn_lint_check_is_live() -> None:
    # A deliberately broken template must produce findings, or the checks above prove
    # nothing.
    broken = {"Resources": {"Bad": {"Type": "AWS::ECS::Cluster", "Properties": {"Nope": 1}}}}
    assert any(finding.startswith("E3002") for finding in cfn_lint(broken))


def test_cdk_nag_check_is_live() -> None:
    # Resources every pack objects to must produce findings from all four packs, or a
    # clean report above could mean the packs never ran.
    def define(stack: cdk.Stack) -> None:
        s3.Bucket(stack, "Plain")
        lambda_.Function(
            stack,
            "Plain2",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=lambda_.Code.from_inline("def handler(event, context):\n    return None\n"),
        )

    synthesized = build(define, nag=True, lint=False)
    packs = {rule.split("-", 1)[0] for rule, _ in synthesized.nag_violations()}
    assert packs == PACKS
