"""Telemetry sidecar images, their configuration and the application's ``OTEL_*`` settings.

Pure Python with no CDK import. Images are pinned to a version, never ``latest``, so a
deployment never changes what runs without a change in the template.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

__all__ = [
    "ADOT_COLLECTOR_IMAGE",
    "APPLICATION_SIGNALS_LOG_GROUP",
    "CLOUDWATCH_AGENT_IMAGE",
    "FLUENT_BIT_IMAGE",
    "OTLP_GRPC_PORT",
    "OTLP_HTTP_PORT",
    "XRAY_WRITE_ACTIONS",
    "adot_collector_config",
    "application_signals_agent_config",
    "application_signals_environment",
    "opentelemetry_environment",
]

FLUENT_BIT_IMAGE = "public.ecr.aws/aws-observability/aws-for-fluent-bit:3.2.1"
"""AWS for Fluent Bit (3.x line, Amazon Linux 2023) that FireLens runs as the log router."""

ADOT_COLLECTOR_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0"
"""AWS Distro for OpenTelemetry collector run as the OpenTelemetry sidecar."""

CLOUDWATCH_AGENT_IMAGE = "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300062.0b1304"
"""CloudWatch agent run as the Application Signals sidecar."""

OTLP_GRPC_PORT = 4317
"""Port on which the collector receives OTLP over gRPC."""

OTLP_HTTP_PORT = 4318
"""Port on which the collector receives OTLP over HTTP."""

_APPLICATION_SIGNALS_PORT = 4316

APPLICATION_SIGNALS_LOG_GROUP = "/aws/application-signals/data"
"""Log group to which the CloudWatch agent writes Application Signals data."""

XRAY_WRITE_ACTIONS = (
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
)
"""X-Ray actions a collector needs to send traces and follow sampling rules.

X-Ray has no resource-level permissions for them, so they are granted on ``*``.
"""


def adot_collector_config() -> str:
    """Return the collector configuration: OTLP in on 4317/4318, traces out to X-Ray."""
    return "\n".join(
        [
            "extensions:",
            "  health_check:",
            "receivers:",
            "  otlp:",
            "    protocols:",
            "      grpc:",
            f"        endpoint: 0.0.0.0:{OTLP_GRPC_PORT}",
            "      http:",
            f"        endpoint: 0.0.0.0:{OTLP_HTTP_PORT}",
            "processors:",
            "  batch/traces:",
            "    timeout: 1s",
            "    send_batch_size: 50",
            "  resourcedetection:",
            "    detectors: [env, ecs]",
            "exporters:",
            "  awsxray:",
            "service:",
            "  extensions: [health_check]",
            "  pipelines:",
            "    traces:",
            "      receivers: [otlp]",
            "      processors: [resourcedetection, batch/traces]",
            "      exporters: [awsxray]",
            "",
        ]
    )


def application_signals_agent_config() -> str:
    """Return the CloudWatch agent configuration that turns on Application Signals."""
    return json.dumps(
        {
            "traces": {"traces_collected": {"application_signals": {}}},
            "logs": {"metrics_collected": {"application_signals": {}}},
        },
        separators=(",", ":"),
        sort_keys=True,
    )


def opentelemetry_environment(service_name: str) -> Mapping[str, str]:
    """Return the standard ``OTEL_*`` variables that point an SDK at the ADOT sidecar."""
    return {
        "OTEL_SERVICE_NAME": service_name,
        "OTEL_TRACES_EXPORTER": "otlp",
        "OTEL_METRICS_EXPORTER": "none",
        "OTEL_LOGS_EXPORTER": "none",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://localhost:{OTLP_GRPC_PORT}",
        "OTEL_PROPAGATORS": "tracecontext,baggage,xray",
        "OTEL_TRACES_SAMPLER": "parentbased_traceidratio",
        "OTEL_TRACES_SAMPLER_ARG": "0.05",
    }


def application_signals_environment(service_name: str) -> Mapping[str, str]:
    """Return the ``OTEL_*`` variables for an ADOT SDK sending to the CloudWatch agent."""
    base = f"http://localhost:{_APPLICATION_SIGNALS_PORT}"
    return {
        "OTEL_SERVICE_NAME": service_name,
        "OTEL_RESOURCE_ATTRIBUTES": f"service.name={service_name}",
        "OTEL_AWS_APPLICATION_SIGNALS_ENABLED": "true",
        "OTEL_AWS_APPLICATION_SIGNALS_EXPORTER_ENDPOINT": f"{base}/v1/metrics",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": f"{base}/v1/traces",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
        "OTEL_TRACES_EXPORTER": "otlp",
        "OTEL_METRICS_EXPORTER": "none",
        "OTEL_LOGS_EXPORTER": "none",
        "OTEL_PROPAGATORS": "tracecontext,baggage,b3,xray",
        "OTEL_TRACES_SAMPLER": "xray",
        "OTEL_TRACES_SAMPLER_ARG": f"endpoint={base}",
    }
