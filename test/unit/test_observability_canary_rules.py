"""Canary runtime and schedule rules: pure logic, no synthesis."""

from __future__ import annotations

import pytest

from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.observability.canary_rules import (
    CANARY_RUNTIME_NAME,
    DEPRECATED_CANARY_RUNTIMES,
    check_artifacts_expiration_days,
    check_canary_path,
    check_canary_runtime_name,
    check_canary_schedule_minutes,
)


def test_library_runtime_is_supported() -> None:
    assert CANARY_RUNTIME_NAME not in DEPRECATED_CANARY_RUNTIMES
    check_canary_runtime_name(CANARY_RUNTIME_NAME)


def test_library_runtime_exists_in_aws_cdk_lib() -> None:
    from aws_cdk import aws_synthetics as synthetics

    assert synthetics.Runtime.SYNTHETICS_NODEJS_PUPPETEER_13_0.name == CANARY_RUNTIME_NAME


@pytest.mark.parametrize("name", sorted(DEPRECATED_CANARY_RUNTIMES))
def test_rejects_deprecated_runtimes(name: str) -> None:
    with pytest.raises(ValidationError, match=r"deprecated"):
        check_canary_runtime_name(name)


@pytest.mark.parametrize(
    "name", ["syn-python-selenium-7.0", "syn-nodejs-playwright-6.0", "nodejs22.x", ""]
)
def test_rejects_unknown_runtimes(name: str) -> None:
    with pytest.raises(ValidationError, match=r"not a Node.js Puppeteer runtime"):
        check_canary_runtime_name(name)


def test_accepts_newer_puppeteer_runtimes() -> None:
    check_canary_runtime_name("syn-nodejs-puppeteer-15.0")


@pytest.mark.parametrize("path", ["", "health", "/a b"])
def test_rejects_paths_that_are_not_url_paths(path: str) -> None:
    with pytest.raises(ValidationError, match=r"canary.path"):
        check_canary_path(path)


@pytest.mark.parametrize("minutes", [0, 0.5, 61, 1.5])
def test_rejects_schedules_synthetics_cannot_run(minutes: float) -> None:
    with pytest.raises(ValidationError, match=r"canary.every"):
        check_canary_schedule_minutes(minutes)


@pytest.mark.parametrize("days", [0, 456, 1.5])
def test_rejects_artifact_expirations_out_of_range(days: float) -> None:
    with pytest.raises(ValidationError, match=r"canary.artifacts_expiration"):
        check_artifacts_expiration_days(days)
