"""ObservableService against cdk-nag's four packs and cfn-lint."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_iam as iam

from cdk_platform_patterns import HybridEc2FargateCluster, ObservableService
from service_fixtures import SERVICE_CONFIGS, synthesized_service
from support import FLAG_SETS, build

PACKS = ("AwsSolutions", "NIST.800.53.R5", "HIPAA.Security", "Serverless")


def rule_findings(config: str, flag_set: str = "cdk-init-flags") -> list[tuple[str, str]]:
    """Unacknowledged cdk-nag rule findings (annotations are not rules)."""
    return [
        (rule, path)
        for rule, path in synthesized_service(config, flag_set).nag_violations()
        if rule.startswith(PACKS)
    ]


def test_service_with_a_certificate_has_no_unacknowledged_findings() -> None:
    assert rule_findings("public-https") == []


@pytest.mark.parametrize("flag_set", FLAG_SETS)
def test_default_service_has_no_awssolutions_findings(flag_set: str) -> None:
    findings = rule_findings("public-http", flag_set)
    assert [f for f in findings if f[0].startswith("AwsSolutions")] == []


def test_default_service_findings_are_only_about_plain_http() -> None:
    rules = {rule for rule, _ in rule_findings("public-http")}
    assert rules <= {
        "NIST.800.53.R5-ALBHttpToHttpsRedirection",
        "NIST.800.53.R5-ELBv2ACMCertificateRequired",
        "HIPAA.Security-ALBHttpToHttpsRedirection",
        "HIPAA.Security-ELBv2ACMCertificateRequired",
    }


def test_gpu_worker_has_no_unacknowledged_findings() -> None:
    # The fixture's own OpsTopic (a user's topic) is not the library's to fix.
    findings = [f for f in rule_findings("gpu-worker") if not f[1].startswith("Test/OpsTopic")]
    assert findings == []


@pytest.mark.parametrize("config", sorted(SERVICE_CONFIGS))
def test_no_configuration_has_awssolutions_findings(config: str) -> None:
    assert [f for f in rule_findings(config) if f[0].startswith("AwsSolutions")] == []


@pytest.mark.parametrize("config", sorted(SERVICE_CONFIGS))
def test_every_acknowledgement_has_a_reason(config: str) -> None:
    acknowledgements = synthesized_service(config).nag_acknowledgements()
    assert acknowledgements
    for rule, reason in acknowledgements:
        assert len(reason) > 40, rule


def test_xray_wildcard_is_acknowledged_once_on_the_telemetry_policy() -> None:
    report = synthesized_service("public-http").nag_report
    assert report is not None
    paths = [
        construct["constructPath"]
        for plugin in report["pluginReports"]
        for violation in plugin.get("suppressedViolations", [])
        if violation["ruleName"] == "AwsSolutions-IAM5[Resource::*]"
        for construct in violation["violatingConstructs"]
        if "TaskDefinition" in construct["constructPath"]
    ]
    assert paths == ["Test/Web/TaskDefinition/TelemetryPolicy/Resource"]


def test_library_acknowledgements_do_not_hide_the_users_own_findings() -> None:
    # GIVEN a service with the user's own environment and a wildcard grant of the user's
    def define(stack: cdk.Stack) -> None:
        cluster = HybridEc2FargateCluster(stack, "Cluster")
        web = ObservableService(
            stack,
            "Web",
            cluster=cluster,
            image=ecs.ContainerImage.from_registry("nginx"),
            environment={"DATABASE_PASSWORD": "hunter2"},
        )
        web.task_definition.task_role.add_to_principal_policy(
            iam.PolicyStatement(actions=["s3:GetObject"], resources=["*"])
        )

    # WHEN it is synthesized with cdk-nag
    synthesized = build(define, nag=True)

    # THEN both are reported, not covered by the library's own acknowledgements
    violations = synthesized.nag_violations()
    assert ("AwsSolutions-ECS2", "Test/Web/TaskDefinition/Resource") in violations
    assert (
        "AwsSolutions-IAM5[Resource::*]",
        "Test/Web/TaskDefinition/TaskRole/DefaultPolicy/Resource",
    ) in violations


@pytest.mark.parametrize("config", sorted(SERVICE_CONFIGS))
def test_cfn_lint_is_clean(config: str) -> None:
    # support.build ran cfn-lint on the template when it synthesized it.
    assert synthesized_service(config).lint_findings == {"Test": []}


def test_cfn_lint_is_clean_without_feature_flags() -> None:
    assert synthesized_service("public-http", "no-flags").lint_findings == {"Test": []}
