"""Alarm thresholds and the plan of a service's alarms: pure Python, no CDK import.

``AlarmThresholds`` holds what a user may tune; ``check_alarm_thresholds`` holds it to
ranges that make sense; ``ALARM_PLANS`` says, for every alarm an ``ObservableService``
defines, what it compares and how it treats missing data, and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cdk_platform_patterns.errors import ValidationError

__all__ = [
    "ALARM_PLANS",
    "DEPLOYMENT_ALARMS_EXPOSED",
    "DEPLOYMENT_ALARMS_UNEXPOSED",
    "AlarmPlan",
    "AlarmThresholds",
    "MissingData",
    "check_alarm_thresholds",
]

MissingData = Literal["breaching", "notBreaching", "ignore", "missing"]
"""How an alarm treats periods without data (CloudWatch's ``TreatMissingData`` values)."""


@dataclass(frozen=True, kw_only=True)
class AlarmThresholds:
    """When the alarms of an ``ObservableService`` go off.

    Every metric alarm looks at one-minute periods and goes off when ``evaluation_periods``
    periods in a row breach; the canary alarm looks at the canary's own schedule.
    """

    cpu_percent: float = 80
    """Average service CPU utilisation, in percent, above which ``CpuHigh`` goes off.

    Default: 80. Between 1 and 100.
    """

    memory_percent: float = 80
    """Average service memory utilisation, in percent, above which ``MemoryHigh`` goes off.

    Default: 80. Between 1 and 100.
    """

    http_5xx_per_minute: int = 5
    """5xx responses per minute (from targets and the load balancer) at or above which
    ``Http5xx`` goes off. Default: 5. At least 1."""

    latency_p99_ms: int = 1000
    """p99 target response time in milliseconds above which ``LatencyP99High`` goes off.

    Default: 1000 (one second). Between 1 and 3,600,000 (one hour).
    """

    unhealthy_targets: int = 1
    """Unhealthy targets at or above which ``UnhealthyTargets`` goes off. Default: 1."""

    evaluation_periods: int = 3
    """One-minute periods in a row that must breach. Default: 3. Between 1 and 60."""


@dataclass(frozen=True, kw_only=True)
class AlarmPlan:
    """One alarm of an ``ObservableService``: its stable name and its behaviour."""

    name: str
    """Stable name: the key in ``ObservableService.alarms`` and the construct id."""

    comparison: Literal["greater", "greaterOrEqual", "less"]
    """How the metric is compared with the threshold."""

    missing_data: MissingData
    """How periods without data count."""

    needs_load_balancer: bool
    """Whether the alarm exists only for services with a load balancer."""

    why_missing_data: str
    """Why missing data is treated this way (shown in the alarm description)."""


ALARM_PLANS: tuple[AlarmPlan, ...] = (
    AlarmPlan(
        name="CpuHigh",
        comparison="greater",
        missing_data="notBreaching",
        needs_load_balancer=False,
        why_missing_data="no data means no task is running, which RunningTasksLow reports",
    ),
    AlarmPlan(
        name="MemoryHigh",
        comparison="greater",
        missing_data="notBreaching",
        needs_load_balancer=False,
        why_missing_data="no data means no task is running, which RunningTasksLow reports",
    ),
    AlarmPlan(
        name="RunningTasksLow",
        comparison="greaterOrEqual",
        missing_data="breaching",
        needs_load_balancer=False,
        why_missing_data="Container Insights reports every minute, so silence is a failure",
    ),
    AlarmPlan(
        name="Http5xx",
        comparison="greaterOrEqual",
        missing_data="notBreaching",
        needs_load_balancer=True,
        why_missing_data="the load balancer publishes no 5xx data point when there are none",
    ),
    AlarmPlan(
        name="LatencyP99High",
        comparison="greater",
        missing_data="notBreaching",
        needs_load_balancer=True,
        why_missing_data="no requests means no latency data, which is not slowness",
    ),
    AlarmPlan(
        name="UnhealthyTargets",
        comparison="greaterOrEqual",
        missing_data="missing",
        needs_load_balancer=True,
        why_missing_data="the count is published every minute; a gap keeps the last state",
    ),
    AlarmPlan(
        name="CanaryFailing",
        comparison="less",
        missing_data="breaching",
        needs_load_balancer=True,
        why_missing_data="a canary that does not run proves nothing, so silence alarms",
    ),
)
"""Every alarm an ``ObservableService`` can define, in the order it defines them."""

DEPLOYMENT_ALARMS_EXPOSED = ("Http5xx", "LatencyP99High", "UnhealthyTargets")
"""Alarms that roll a deployment back for a service behind a load balancer."""

DEPLOYMENT_ALARMS_UNEXPOSED = ("MemoryHigh",)
"""Alarms that roll a deployment back for a service without a load balancer."""


def check_alarm_thresholds(thresholds: AlarmThresholds) -> None:
    """Raise ``ValidationError`` if a threshold is outside the range that makes sense."""
    if not isinstance(thresholds, AlarmThresholds):
        raise ValidationError(
            f"alarm_thresholds={thresholds!r} is not an AlarmThresholds; give "
            "AlarmThresholds(...) or leave it out for the defaults."
        )
    checks: tuple[tuple[str, float, float, float], ...] = (
        ("cpu_percent", thresholds.cpu_percent, 1, 100),
        ("memory_percent", thresholds.memory_percent, 1, 100),
        ("http_5xx_per_minute", thresholds.http_5xx_per_minute, 1, 1_000_000),
        ("latency_p99_ms", thresholds.latency_p99_ms, 1, 3_600_000),
        ("unhealthy_targets", thresholds.unhealthy_targets, 1, 1_000),
        ("evaluation_periods", thresholds.evaluation_periods, 1, 60),
    )
    for field, value, low, high in checks:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise ValidationError(
                f"alarm_thresholds.{field}={value!r} is not a number: give a number from "
                f"{low:g} to {high:g}."
            )
        if not low <= value <= high:
            raise ValidationError(
                f"alarm_thresholds.{field}={value!r} is out of range: give a number from "
                f"{low:g} to {high:g}."
            )
    whole = ("http_5xx_per_minute", "latency_p99_ms", "unhealthy_targets", "evaluation_periods")
    for field in whole:
        value = getattr(thresholds, field)
        if value != int(value):
            raise ValidationError(
                f"alarm_thresholds.{field}={value!r} must be a whole number, such as "
                f"{int(value) or 1}."
            )
