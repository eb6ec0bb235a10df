"""Rolling-deployment lower bound: ObservableService against aws_ecs_patterns' defaults.

Each rolling batch waits at least until its new tasks pass the load balancer's health
check (healthy threshold x interval) and until the old tasks have drained (the
deregistration delay). This script synthesizes both services, reads those settings from
the templates (CloudFormation's defaults where a property is left out) and prints the
lower bound per batch side by side. Run it by hand:

    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 .venv/bin/python bench/bench_deployment.py
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import aws_cdk as cdk
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_ecs_patterns as ecs_patterns

from cdk_platform_patterns import HybridEc2FargateCluster
from cdk_platform_patterns.observability.deployment import (
    RollingBatchTiming,
    rolling_batch_lower_bound_seconds,
)
from cdk_platform_patterns.observable_service import ObservableService

IMAGE = "public.ecr.aws/nginx/nginx:stable"

# What Elastic Load Balancing uses for an HTTP target group when the template is silent.
CFN_DEFAULT_INTERVAL_SECONDS = 30
CFN_DEFAULT_HEALTHY_THRESHOLD = 5
CFN_DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300


def synthesize(define: Callable[[cdk.Stack], None]) -> dict[str, Any]:
    app = cdk.App(outdir=tempfile.mkdtemp(prefix="bench-"))
    stack = cdk.Stack(app, "Bench")
    define(stack)
    template: dict[str, Any] = app.synth().get_stack_by_name("Bench").template
    return template


def timing(template: dict[str, Any]) -> RollingBatchTiming:
    (group,) = (
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::ElasticLoadBalancingV2::TargetGroup"
    )
    attributes = {a["Key"]: a["Value"] for a in group.get("TargetGroupAttributes", [])}
    return RollingBatchTiming(
        health_check_interval_seconds=int(
            group.get("HealthCheckIntervalSeconds", CFN_DEFAULT_INTERVAL_SECONDS)
        ),
        healthy_threshold=int(group.get("HealthyThresholdCount", CFN_DEFAULT_HEALTHY_THRESHOLD)),
        deregistration_delay_seconds=int(
            attributes.get(
                "deregistration_delay.timeout_seconds", CFN_DEFAULT_DEREGISTRATION_DELAY_SECONDS
            )
        ),
    )


def define_ours(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    ObservableService(stack, "Web", cluster=cluster, image=ecs.ContainerImage.from_registry(IMAGE))


def define_patterns(stack: cdk.Stack) -> None:
    ecs_patterns.ApplicationLoadBalancedFargateService(
        stack,
        "Web",
        task_image_options=ecs_patterns.ApplicationLoadBalancedTaskImageOptions(
            image=ecs.ContainerImage.from_registry(IMAGE)
        ),
    )


def main() -> None:
    rows = [
        ("ObservableService", timing(synthesize(define_ours))),
        ("ApplicationLoadBalancedFargateService", timing(synthesize(define_patterns))),
    ]
    header = (
        f"{'service':<40}{'interval s':>11}{'healthy n':>10}{'to healthy s':>13}"
        f"{'dereg s':>9}{'batch >= s':>11}"
    )
    lines = [header, "-" * len(header)]
    for name, t in rows:
        lines.append(
            f"{name:<40}{t.health_check_interval_seconds:>11}{t.healthy_threshold:>10}"
            f"{t.time_to_healthy_seconds:>13}{t.deregistration_delay_seconds:>9}"
            f"{rolling_batch_lower_bound_seconds(t):>11}"
        )
    ours, theirs = (rolling_batch_lower_bound_seconds(t) for _, t in rows)
    lines.append(f"ratio: aws_ecs_patterns batches take at least {theirs / ours:.1f}x as long")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
