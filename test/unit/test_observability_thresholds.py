"""Alarm thresholds and the alarm plan: pure logic, no synthesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.observability.thresholds import (
    ALARM_PLANS,
    DEPLOYMENT_ALARMS_EXPOSED,
    DEPLOYMENT_ALARMS_UNEXPOSED,
    AlarmThresholds,
    check_alarm_thresholds,
)


def test_defaults_are_valid() -> None:
    check_alarm_thresholds(AlarmThresholds())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cpu_percent", 0),
        ("cpu_percent", 101),
        ("memory_percent", 150.5),
        ("http_5xx_per_minute", 0),
        ("latency_p99_ms", 0),
        ("latency_p99_ms", 3_600_001),
        ("unhealthy_targets", 0),
        ("evaluation_periods", 0),
        ("evaluation_periods", 61),
    ],
)
def test_rejects_thresholds_out_of_range(field: str, value: float) -> None:
    with pytest.raises(ValidationError, match=rf"alarm_thresholds\.{field}={value!r} is out"):
        check_alarm_thresholds(AlarmThresholds(**{field: value}))


def test_rejects_fractional_counts() -> None:
    with pytest.raises(ValidationError, match=r"whole number"):
        check_alarm_thresholds(AlarmThresholds(evaluation_periods=2.5))  # type: ignore[arg-type]


def test_rejects_non_numbers() -> None:
    with pytest.raises(ValidationError, match=r"not a number"):
        check_alarm_thresholds(AlarmThresholds(cpu_percent=True))


def test_rejects_something_else_than_thresholds() -> None:
    with pytest.raises(ValidationError, match=r"not an AlarmThresholds"):
        check_alarm_thresholds({"cpu_percent": 80})  # type: ignore[arg-type]


@given(st.floats(min_value=1, max_value=100), st.floats(min_value=1, max_value=100))
def test_any_percentages_in_range_pass(cpu: float, memory: float) -> None:
    check_alarm_thresholds(AlarmThresholds(cpu_percent=cpu, memory_percent=memory))


def test_plan_names_are_unique_and_stable() -> None:
    assert [p.name for p in ALARM_PLANS] == [
        "CpuHigh",
        "MemoryHigh",
        "RunningTasksLow",
        "Http5xx",
        "LatencyP99High",
        "UnhealthyTargets",
        "CanaryFailing",
    ]


def test_every_plan_says_why_it_treats_missing_data_so() -> None:
    for plan in ALARM_PLANS:
        assert plan.why_missing_data, plan.name


def test_deployment_alarms_are_planned() -> None:
    planned = {p.name: p for p in ALARM_PLANS}
    for name in DEPLOYMENT_ALARMS_EXPOSED:
        assert planned[name].needs_load_balancer
    for name in DEPLOYMENT_ALARMS_UNEXPOSED:
        assert not planned[name].needs_load_balancer
