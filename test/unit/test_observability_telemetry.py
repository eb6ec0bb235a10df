"""Telemetry images and settings, and the deployment lower bound: pure logic."""

from __future__ import annotations

import json

import pytest

from cdk_platform_patterns.observability.deployment import (
    RollingBatchTiming,
    rolling_batch_lower_bound_seconds,
)
from cdk_platform_patterns.observability.telemetry import (
    ADOT_COLLECTOR_IMAGE,
    CLOUDWATCH_AGENT_IMAGE,
    FLUENT_BIT_IMAGE,
    adot_collector_config,
    application_signals_agent_config,
    application_signals_environment,
    opentelemetry_environment,
)


@pytest.mark.parametrize("image", [FLUENT_BIT_IMAGE, ADOT_COLLECTOR_IMAGE, CLOUDWATCH_AGENT_IMAGE])
def test_images_are_pinned(image: str) -> None:
    repository, tag = image.rsplit(":", 1)
    assert repository.startswith("public.ecr.aws/")
    assert tag not in ("latest", "stable", "")
    assert any(c.isdigit() for c in tag)


def test_collector_receives_otlp_and_exports_traces_to_xray() -> None:
    config = adot_collector_config()
    assert "endpoint: 0.0.0.0:4317" in config
    assert "endpoint: 0.0.0.0:4318" in config
    assert "exporters: [awsxray]" in config
    assert "awsemf" not in config


def test_application_signals_agent_config_is_json() -> None:
    config = json.loads(application_signals_agent_config())
    assert "application_signals" in config["traces"]["traces_collected"]


def test_opentelemetry_environment_uses_standard_names() -> None:
    env = opentelemetry_environment("web")
    assert env["OTEL_SERVICE_NAME"] == "web"
    assert all(name.startswith("OTEL_") for name in env)


def test_application_signals_environment_turns_it_on() -> None:
    env = application_signals_environment("web")
    assert env["OTEL_AWS_APPLICATION_SIGNALS_ENABLED"] == "true"


def test_rolling_batch_lower_bound() -> None:
    ours = RollingBatchTiming(
        health_check_interval_seconds=10, healthy_threshold=2, deregistration_delay_seconds=30
    )
    patterns = RollingBatchTiming(
        health_check_interval_seconds=30, healthy_threshold=5, deregistration_delay_seconds=300
    )
    assert rolling_batch_lower_bound_seconds(ours) == 50
    assert rolling_batch_lower_bound_seconds(patterns) == 450
