"""ObservableService configurations for the tests, each synthesized once per session."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_sns as sns

from cdk_platform_patterns import HybridEc2FargateCluster
from cdk_platform_patterns.observable_service import (
    AlarmThresholds,
    CanaryOptions,
    Exposure,
    LogDriver,
    ObservableService,
    Tracing,
)
from clusters import define_gpu_cluster
from support import Synthesized, build

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

IMAGE = "public.ecr.aws/nginx/nginx:stable"
CERTIFICATE_ARN = (
    "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
)


def image() -> ecs.ContainerImage:
    return ecs.ContainerImage.from_registry(IMAGE)


gpu_cluster = define_gpu_cluster


def define_public_http(stack: cdk.Stack) -> None:
    """The defaults, as the issue's example writes them: public, HTTP, Fargate Spot."""
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    ObservableService(
        stack,
        "Web",
        cluster=cluster,
        image=image(),
        container_port=80,
        cpu=512,
        memory_mib=1024,
        spot=True,
        desired_count=2,
        canary=CanaryOptions(path="/", every=cdk.Duration.minutes(5)),
    )


def define_public_https(stack: cdk.Stack) -> None:
    """HTTPS with a certificate, Application Signals and tuned thresholds."""
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    ObservableService(
        stack,
        "Web",
        cluster=cluster,
        image=image(),
        certificate=acm.Certificate.from_certificate_arn(stack, "Certificate", CERTIFICATE_ARN),
        domain_name="web.example.com",
        tracing=Tracing.APPLICATION_SIGNALS,
        alarm_thresholds=AlarmThresholds(cpu_percent=70, latency_p99_ms=500),
        min_task_count=2,
        max_task_count=10,
        environment={"APP_MODE": "production"},
    )
    # The user's own environment is the user's to vouch for, as any app would.
    cdk.Validations.of(stack.node.find_child("Web")).acknowledge(
        cdk.Acknowledgment(
            id="AwsSolutions::AwsSolutions-ECS2",
            reason="APP_MODE names a configuration profile; it is not a secret.",
        )
    )


def define_gpu_worker(stack: cdk.Stack) -> None:
    """A GPU worker without a load balancer on EC2 GPU capacity, with a given topic."""
    cluster = gpu_cluster(stack)
    topic = sns.Topic(stack, "OpsTopic", enforce_ssl=True)
    ObservableService(
        stack,
        "Worker",
        cluster=cluster,
        image=image(),
        cpu=2048,
        memory_mib=8192,
        gpu_count=1,
        command=["sh", "-c", "nvidia-smi && sleep infinity"],
        exposure=Exposure.NONE,
        desired_count=1,
        alarm_topic=topic,
    )


def define_internal_awslogs(stack: cdk.Stack) -> None:
    """An internal service with awslogs, no tracing and its own canary settings."""
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    ObservableService(
        stack,
        "Api",
        cluster=cluster,
        image=image(),
        container_port=8080,
        exposure=Exposure.INTERNAL,
        health_check_path="/health",
        log_driver=LogDriver.AWSLOGS,
        tracing=Tracing.NONE,
        canary=CanaryOptions(path="/health", every=cdk.Duration.minutes(10)),
        service_connect_name="orders-api",
    )


def define_windows(stack: cdk.Stack) -> None:
    """A Windows service: awslogs and no tracing sidecar by default, no Service Connect."""
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    ObservableService(
        stack,
        "Win",
        cluster=cluster,
        image=ecs.ContainerImage.from_registry(
            "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"
        ),
        cpu=1024,
        memory_mib=2048,
        windows=True,
        canary=None,
    )


SERVICE_CONFIGS: dict[str, Callable[[cdk.Stack], None]] = {
    "public-http": define_public_http,
    "public-https": define_public_https,
    "gpu-worker": define_gpu_worker,
    "internal-awslogs": define_internal_awslogs,
    "windows": define_windows,
}


@functools.cache
def synthesized_service(config: str, flag_set: str = "cdk-init-flags") -> Synthesized:
    """Synthesize a named service configuration (with cdk-nag) once per session."""
    return build(SERVICE_CONFIGS[config], flag_set=flag_set, nag=True)


def one(resources: dict[str, Any]) -> dict[str, Any]:
    """The only resource of a filtered set."""
    assert len(resources) == 1, sorted(resources)
    (only,) = resources.values()
    return only


def containers(synth: Synthesized) -> dict[str, dict[str, Any]]:
    """Container definitions of the only task definition, by name."""
    task = one(synth.resources("AWS::ECS::TaskDefinition"))
    return {c["Name"]: c for c in task["Properties"]["ContainerDefinitions"]}


def environment(container: dict[str, Any]) -> dict[str, Any]:
    return {e["Name"]: e["Value"] for e in container.get("Environment", [])}
