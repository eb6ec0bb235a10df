"""The parts of an ``ObservableService``: alarms, dashboard, canary, sidecars, log routing.

Modules without a CDK import hold the decisions (``options``, ``thresholds``,
``canary_rules``, ``telemetry``, ``deployment``); the others define resources from them.
"""

from __future__ import annotations

from cdk_platform_patterns.observability.canary_rules import (
    CANARY_RUNTIME_NAME,
    DEPRECATED_CANARY_RUNTIMES,
)
from cdk_platform_patterns.observability.deployment import (
    RollingBatchTiming,
    rolling_batch_lower_bound_seconds,
)
from cdk_platform_patterns.observability.options import Exposure, LogDriver, Tracing
from cdk_platform_patterns.observability.telemetry import (
    ADOT_COLLECTOR_IMAGE,
    CLOUDWATCH_AGENT_IMAGE,
    FLUENT_BIT_IMAGE,
)
from cdk_platform_patterns.observability.thresholds import ALARM_PLANS, AlarmThresholds

__all__ = [
    "ADOT_COLLECTOR_IMAGE",
    "ALARM_PLANS",
    "CANARY_RUNTIME_NAME",
    "CLOUDWATCH_AGENT_IMAGE",
    "DEPRECATED_CANARY_RUNTIMES",
    "FLUENT_BIT_IMAGE",
    "AlarmThresholds",
    "Exposure",
    "LogDriver",
    "RollingBatchTiming",
    "Tracing",
    "rolling_batch_lower_bound_seconds",
]
