"""Choices of an ``ObservableService`` and the pure rules between them: no CDK import."""

from __future__ import annotations

import enum
import re

from cdk_platform_patterns._names import DNS_LABEL_NAME
from cdk_platform_patterns.errors import ValidationError

__all__ = [
    "Exposure",
    "LogDriver",
    "Tracing",
    "check_task_counts",
    "derive_discovery_name",
    "resolve_log_driver",
    "resolve_tracing",
]


class Exposure(enum.Enum):
    """Whether and how a service is reachable through an Application Load Balancer."""

    PUBLIC = "public"
    """An internet-facing load balancer in the public subnets."""

    INTERNAL = "internal"
    """A load balancer in the private subnets, reachable from inside the VPC."""

    NONE = "none"
    """No load balancer: a worker, reachable only through Service Connect."""


class Tracing(enum.Enum):
    """How a service's traces leave the task."""

    OPENTELEMETRY = "opentelemetry"
    """An AWS Distro for OpenTelemetry collector sidecar receives OTLP and exports to X-Ray."""

    APPLICATION_SIGNALS = "application-signals"
    """A CloudWatch agent sidecar receives OTLP for CloudWatch Application Signals."""

    NONE = "none"
    """No telemetry sidecar and no ``OTEL_*`` variables."""


class LogDriver(enum.Enum):
    """How the application container's logs reach CloudWatch Logs."""

    FIRELENS = "firelens"
    """Through a Fluent Bit log router (FireLens). Linux only."""

    AWSLOGS = "awslogs"
    """Directly with the ``awslogs`` Docker log driver."""


def resolve_log_driver(log_driver: LogDriver | None, *, windows: bool) -> LogDriver:
    """Return the log driver to use: FireLens on Linux and awslogs on Windows by default.

    Raises:
        ValidationError: for FireLens on Windows, which ECS does not support.
    """
    if log_driver is None:
        return LogDriver.AWSLOGS if windows else LogDriver.FIRELENS
    if not isinstance(log_driver, LogDriver):
        raise ValidationError(
            f"log_driver={log_driver!r} is not a LogDriver: give LogDriver.FIRELENS or "
            "LogDriver.AWSLOGS."
        )
    if windows and log_driver is LogDriver.FIRELENS:
        raise ValidationError(
            "log_driver=LogDriver.FIRELENS with windows=True cannot work: ECS does not run "
            "FireLens for Windows tasks. Give log_driver=LogDriver.AWSLOGS or leave it out."
        )
    return log_driver


def resolve_tracing(tracing: Tracing | None, *, windows: bool) -> Tracing:
    """Return the tracing to use: OpenTelemetry on Linux and none on Windows by default.

    Raises:
        ValidationError: for a telemetry sidecar on Windows (the images are Linux only).
    """
    if tracing is None:
        return Tracing.NONE if windows else Tracing.OPENTELEMETRY
    if not isinstance(tracing, Tracing):
        raise ValidationError(
            f"tracing={tracing!r} is not a Tracing: give Tracing.OPENTELEMETRY, "
            "Tracing.APPLICATION_SIGNALS or Tracing.NONE."
        )
    if windows and tracing is not Tracing.NONE:
        raise ValidationError(
            f"tracing=Tracing.{tracing.name} with windows=True cannot work: the collector "
            "images are Linux only. Give tracing=Tracing.NONE or leave it out."
        )
    return tracing


def check_task_counts(
    *, desired_count: int, min_task_count: int | None, max_task_count: int | None
) -> tuple[int, int]:
    """Return the (minimum, maximum) task counts for auto scaling, checked.

    Default minimum: ``desired_count``; default maximum: four times the minimum (at
    least 2), so that a scale-out has room.

    Raises:
        ValidationError: for negative counts or a minimum above the maximum.
    """
    for name, value in (
        ("desired_count", desired_count),
        ("min_task_count", min_task_count),
        ("max_task_count", max_task_count),
    ):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(f"{name}={value!r} must be a whole number.")
    if desired_count < 0:
        raise ValidationError(f"desired_count={desired_count} must be 0 or more.")
    low = desired_count if min_task_count is None else min_task_count
    high = max(low * 4, 2) if max_task_count is None else max_task_count
    if low < 0 or high < 1 or low > high:
        raise ValidationError(
            f"min_task_count={low}, max_task_count={high} cannot work: give "
            "0 <= min_task_count <= max_task_count and max_task_count of 1 or more."
        )
    if not low <= desired_count <= high:
        raise ValidationError(
            f"desired_count={desired_count} is outside min_task_count={low} to "
            f"max_task_count={high}: give a desired_count in that range."
        )
    return low, high


def derive_discovery_name(construct_id: str, given: str | None) -> str:
    """Return the Service Connect name: ``given``, or the construct id in lower case.

    Raises:
        ValidationError: if the name is not a DNS label.
    """
    if given is not None:
        if not DNS_LABEL_NAME.match(given):
            raise ValidationError(
                f"service_connect_name={given!r} is not a DNS label: use 1 to 63 lower-case "
                "letters, digits and inner hyphens, such as 'web'."
            )
        return given
    derived = re.sub(r"[^a-z0-9-]+", "-", construct_id.lower()).strip("-")[:63].strip("-")
    if not DNS_LABEL_NAME.match(derived):
        raise ValidationError(
            f"the construct id {construct_id!r} gives no usable Service Connect name: give "
            "service_connect_name= with lower-case letters, digits and inner hyphens."
        )
    return derived
