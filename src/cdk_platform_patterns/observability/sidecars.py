"""The sidecars of an ``ObservableService`` task: the FireLens log router, telemetry agents."""

from __future__ import annotations

from aws_cdk import ArnFormat, Stack
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs

from cdk_platform_patterns.observability.options import Tracing
from cdk_platform_patterns.observability.telemetry import (
    ADOT_COLLECTOR_IMAGE,
    APPLICATION_SIGNALS_LOG_GROUP,
    CLOUDWATCH_AGENT_IMAGE,
    FLUENT_BIT_IMAGE,
    XRAY_WRITE_ACTIONS,
    adot_collector_config,
    application_signals_agent_config,
)

__all__ = [
    "LOG_ROUTER_CONTAINER",
    "TELEMETRY_CONTAINER",
    "TELEMETRY_POLICY_ID",
    "add_log_router",
    "add_telemetry_sidecar",
    "firelens_to_cloudwatch",
]

LOG_ROUTER_CONTAINER = "log-router"
"""Container name of the FireLens log router."""

TELEMETRY_CONTAINER = "telemetry"
"""Container name of the telemetry sidecar (ADOT collector or CloudWatch agent)."""

TELEMETRY_POLICY_ID = "TelemetryPolicy"
"""Construct id, under the task definition, of the telemetry sidecar's IAM policy."""


def add_log_router(
    task_definition: ecs.TaskDefinition, *, router_log_group: logs.ILogGroup
) -> ecs.FirelensLogRouter:
    """Add a Fluent Bit FireLens log router, logging to ``router_log_group`` with awslogs."""
    return task_definition.add_firelens_log_router(
        "LogRouter",
        container_name=LOG_ROUTER_CONTAINER,
        image=ecs.ContainerImage.from_registry(FLUENT_BIT_IMAGE),
        firelens_config=ecs.FirelensConfig(
            type=ecs.FirelensLogRouterType.FLUENTBIT,
            options=ecs.FirelensOptions(enable_ecs_log_metadata=True),
        ),
        essential=True,
        memory_reservation_mib=50,
        logging=ecs.LogDrivers.aws_logs(stream_prefix="router", log_group=router_log_group),
    )


def firelens_to_cloudwatch(log_group: logs.ILogGroup, *, stream_prefix: str) -> ecs.LogDriver:
    """Return a FireLens log driver that sends to ``log_group`` with Fluent Bit's
    ``cloudwatch_logs`` output (the task role must be allowed to write to the group)."""
    return ecs.LogDrivers.firelens(
        options={
            "Name": "cloudwatch_logs",
            "region": Stack.of(log_group).region,
            "log_group_name": log_group.log_group_name,
            "log_stream_prefix": f"{stream_prefix}/",
            "auto_create_group": "false",
        }
    )


def add_telemetry_sidecar(
    task_definition: ecs.TaskDefinition,
    *,
    tracing: Tracing,
    log_group: logs.ILogGroup,
) -> ecs.ContainerDefinition | None:
    """Add the telemetry sidecar for ``tracing`` and grant the task role what it needs.

    The sidecar logs to ``log_group`` with awslogs (stream prefix ``telemetry``), so it
    does not depend on the log router. Returns None for ``Tracing.NONE``.
    """
    if tracing is Tracing.NONE:
        return None
    # The sidecar's permissions live in their own policy, not the task role's default one,
    # so that the wildcard X-Ray needs can be acknowledged on this policy alone and
    # grants users add to the task role are still checked.
    policy = iam.Policy(task_definition, TELEMETRY_POLICY_ID)
    policy.attach_to_role(task_definition.task_role)
    policy.add_statements(
        iam.PolicyStatement(
            sid="SendTraces",
            actions=list(XRAY_WRITE_ACTIONS),
            resources=["*"],
        )
    )
    logging = ecs.LogDrivers.aws_logs(stream_prefix="telemetry", log_group=log_group)
    if tracing is Tracing.OPENTELEMETRY:
        return task_definition.add_container(
            "Telemetry",
            container_name=TELEMETRY_CONTAINER,
            image=ecs.ContainerImage.from_registry(ADOT_COLLECTOR_IMAGE),
            essential=True,
            memory_reservation_mib=64,
            environment={"AOT_CONFIG_CONTENT": adot_collector_config()},
            logging=logging,
        )
    stack = Stack.of(task_definition)
    policy.add_statements(
        iam.PolicyStatement(
            sid="WriteApplicationSignals",
            actions=[
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams",
            ],
            resources=[
                stack.format_arn(
                    service="logs",
                    resource="log-group",
                    resource_name=f"{APPLICATION_SIGNALS_LOG_GROUP}:*",
                    arn_format=ArnFormat.COLON_RESOURCE_NAME,
                )
            ],
        )
    )
    return task_definition.add_container(
        "Telemetry",
        container_name=TELEMETRY_CONTAINER,
        image=ecs.ContainerImage.from_registry(CLOUDWATCH_AGENT_IMAGE),
        essential=True,
        memory_reservation_mib=64,
        environment={"CW_CONFIG_CONTENT": application_signals_agent_config()},
        logging=logging,
    )
