"""The alarms of an ``ObservableService``, defined from ``ALARM_PLANS``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_sns as sns
from constructs import Construct

from cdk_platform_patterns.observability.thresholds import ALARM_PLANS

__all__ = ["AlarmInput", "define_alarms"]

_COMPARISON = {
    "greater": cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    "greaterOrEqual": cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    "less": cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
}
_MISSING_DATA = {
    "breaching": cloudwatch.TreatMissingData.BREACHING,
    "notBreaching": cloudwatch.TreatMissingData.NOT_BREACHING,
    "ignore": cloudwatch.TreatMissingData.IGNORE,
    "missing": cloudwatch.TreatMissingData.MISSING,
}


@dataclass(frozen=True, kw_only=True)
class AlarmInput:
    """What one planned alarm watches: the metric, the threshold, how many periods."""

    metric: cloudwatch.IMetric
    threshold: float
    evaluation_periods: int
    summary: str


def define_alarms(
    scope: Construct,
    *,
    inputs: Mapping[str, AlarmInput],
    topic: sns.ITopic,
    name_prefix: str,
) -> dict[str, cloudwatch.Alarm]:
    """Define one alarm per planned name in ``inputs``, each notifying ``topic``.

    Alarms get the physical name ``<name_prefix>-<name>``: ECS deployment alarms refer
    to alarms by name, and a name derived from the service would make CloudFormation see
    a dependency cycle between the service and its alarms.
    """
    action = cloudwatch_actions.SnsAction(topic)
    alarms: dict[str, cloudwatch.Alarm] = {}
    for plan in ALARM_PLANS:
        given = inputs.get(plan.name)
        if given is None:
            continue
        alarm = cloudwatch.Alarm(
            scope,
            plan.name,
            alarm_name=f"{name_prefix}-{plan.name}",
            alarm_description=(
                f"{given.summary} Missing data counts as {plan.missing_data}: "
                f"{plan.why_missing_data}."
            ),
            metric=given.metric,
            threshold=given.threshold,
            evaluation_periods=given.evaluation_periods,
            comparison_operator=_COMPARISON[plan.comparison],
            treat_missing_data=_MISSING_DATA[plan.missing_data],
        )
        alarm.add_alarm_action(action)
        alarm.add_ok_action(action)
        alarms[plan.name] = alarm
    return alarms
