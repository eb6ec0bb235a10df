"""The CloudWatch dashboard of an ``ObservableService``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aws_cdk import aws_cloudwatch as cloudwatch
from constructs import Construct

__all__ = ["define_dashboard"]

_WIDTH = 8
_HEIGHT = 6


def define_dashboard(
    scope: Construct,
    *,
    graphs: Mapping[str, Sequence[cloudwatch.IMetric]],
    alarms: Sequence[cloudwatch.IAlarm],
) -> cloudwatch.Dashboard:
    """Define a dashboard with one graph per entry of ``graphs`` and the alarms' states.

    The dashboard gets no physical name, so two services (or two stacks) never collide.
    """
    dashboard = cloudwatch.Dashboard(scope, "Dashboard")
    widgets: list[cloudwatch.IWidget] = [
        cloudwatch.GraphWidget(title=title, left=list(metrics), width=_WIDTH, height=_HEIGHT)
        for title, metrics in graphs.items()
    ]
    if alarms:
        widgets.append(
            cloudwatch.AlarmStatusWidget(
                title="Alarms", alarms=list(alarms), width=_WIDTH, height=_HEIGHT
            )
        )
    for start in range(0, len(widgets), 3):
        dashboard.add_widgets(*widgets[start : start + 3])
    return dashboard
