"""cdk-nag (four packs) and cfn-lint on the ServerlessAuthApi configurations.

cfn-lint also runs on every template synthesized through ``support.build``; these tests
add cdk-nag's verdicts and check the acknowledgements the construct makes and their
reasons.
"""

from __future__ import annotations

import pytest

from auth_fixtures import AUTH_CONFIGS, auth_synthesized
from support import FLAG_SETS

PACKS = {"AwsSolutions", "NIST.800.53.R5", "HIPAA.Security", "Serverless"}
CONSTRUCT_PATH = "Test/Api/"

# Every acknowledgement the construct may make, for the README and security reviews.
# A new entry needs a reason a reviewer accepts, in the library, next to the resource.
KNOWN_ACKNOWLEDGEMENTS = {
    "AwsSolutions-ASC3",
    "AwsSolutions-COG2",
    "AwsSolutions-COG7",
    "AwsSolutions-COG8",
    "AwsSolutions-IAM5",
    "AwsSolutions-S1",
    "NIST.800.53.R5-DynamoDBInBackupPlan",
    "HIPAA.Security-DynamoDBInBackupPlan",
    "NIST.800.53.R5-IAMNoInlinePolicy",
    "HIPAA.Security-IAMNoInlinePolicy",
    "NIST.800.53.R5-S3BucketLoggingEnabled",
    "HIPAA.Security-S3BucketLoggingEnabled",
    "NIST.800.53.R5-S3BucketReplicationEnabled",
    "HIPAA.Security-S3BucketReplicationEnabled",
}


@pytest.mark.parametrize("flag_set", FLAG_SETS)
@pytest.mark.parametrize("config", sorted(AUTH_CONFIGS))
def test_cdk_nag_reports_no_unacknowledged_findings_in_the_construct(
    config: str, flag_set: str
) -> None:
    synthesized = auth_synthesized(config, flag_set)
    assert synthesized.nag_report is not None
    assert {r["pluginName"] for r in synthesized.nag_report["pluginReports"]} <= PACKS
    ours = [
        (rule, path)
        for rule, path in synthesized.nag_violations()
        if path.startswith(CONSTRUCT_PATH)
    ]
    assert ours == []


@pytest.mark.parametrize("flag_set", FLAG_SETS)
def test_only_the_test_backend_role_has_findings(flag_set: str) -> None:
    # The "full" fixture grants a role of the test's own, with an inline policy: the
    # check above must not be passing merely because nothing was checked.
    violations = auth_synthesized("full", flag_set).nag_violations()
    assert violations
    assert {path.split("/")[1] for _, path in violations} == {"Backend"}


@pytest.mark.parametrize("flag_set", FLAG_SETS)
@pytest.mark.parametrize("config", sorted(AUTH_CONFIGS))
def test_acknowledgements_are_known_and_carry_reasons(config: str, flag_set: str) -> None:
    acknowledgements = auth_synthesized(config, flag_set).nag_acknowledgements()
    assert acknowledgements
    for rule, reason in acknowledgements:
        assert rule.split("[")[0] in KNOWN_ACKNOWLEDGEMENTS, rule
        assert len(reason) > 60, f"{rule} is acknowledged without a real reason: {reason!r}"


def test_wildcard_acknowledgements_are_granular() -> None:
    # IAM5 is acknowledged per resource pattern (the owned table's index, bucket objects),
    # never for any wildcard the construct might grow later.
    rules = {rule for rule, _ in auth_synthesized("full").nag_acknowledgements()}
    iam5 = sorted(rule for rule in rules if rule.startswith("AwsSolutions-IAM5"))
    assert iam5 == [
        "AwsSolutions-IAM5[Resource::<ApiAnalyticsBucketC7B2C1E5.Arn>/*]",
        "AwsSolutions-IAM5[Resource::<ApiModelsNoteTableB1182210.Arn>/index/*]",
    ]


@pytest.mark.parametrize("flag_set", FLAG_SETS)
@pytest.mark.parametrize("config", sorted(AUTH_CONFIGS))
def test_cfn_lint_reports_nothing(config: str, flag_set: str) -> None:
    # support.build ran cfn-lint on the template when it synthesized it.
    assert auth_synthesized(config, flag_set).lint_findings == {"Test": []}
