"""Benchmark subject: the cluster part of the example app, written with this library.

A hybrid cluster (Fargate plus g5.xlarge GPU capacity) with a Spot web service on
Fargate and a GPU worker, placed with ``cluster.placement``. ``handwritten.py`` defines the
same resources with aws-cdk-lib alone.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from constructs import Construct

from cdk_platform_patterns import Ec2Capacity, HybridEc2FargateCluster


class PlatformStack(cdk.Stack):
    """A hybrid cluster (Fargate plus g5.xlarge GPU capacity) and two services on it."""

    def __init__(self, scope: Construct, id: str, **kwargs: object) -> None:
        super().__init__(scope, id, **kwargs)  # type: ignore[arg-type]

        self.platform = HybridEc2FargateCluster(
            self,
            "Cluster",
            ec2_capacity=[
                Ec2Capacity(
                    name="gpu",
                    instance_type=ec2.InstanceType("g5.xlarge"),
                    min_capacity=0,
                    max_capacity=2,
                ),
            ],
        )

        # A web service: 0.5 vCPU, 1 GiB, on Fargate with Spot.
        web = self.platform.placement(cpu=512, memory_mib=1024, spot=True)
        web_task = ecs.FargateTaskDefinition(
            self, "WebTask", cpu=web.cpu, memory_limit_mib=web.memory_mib
        )
        web_task.add_container(
            "web",
            image=ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:stable"),
            port_mappings=[ecs.PortMapping(container_port=80)],
            logging=ecs.LogDrivers.aws_logs(stream_prefix="web"),
        )
        ecs.FargateService(
            self,
            "Web",
            cluster=self.platform.cluster,
            task_definition=web_task,
            capacity_provider_strategies=web.capacity_provider_strategies,
            desired_count=2,
            circuit_breaker=ecs.DeploymentCircuitBreaker(rollback=True),
            min_healthy_percent=100,
            max_healthy_percent=200,
        )

        # A GPU worker: one GPU, placed on the GPU capacity by cluster.placement.
        worker = self.platform.placement(cpu=2048, memory_mib=8192, gpu_count=1)
        worker_task = ecs.Ec2TaskDefinition(
            self, "WorkerTask", network_mode=ecs.NetworkMode.AWS_VPC
        )
        worker_task.add_container(
            "worker",
            image=ecs.ContainerImage.from_registry("nvidia/cuda:12.6.3-base-ubuntu24.04"),
            command=["sh", "-c", "nvidia-smi && sleep infinity"],
            cpu=worker.cpu,
            memory_limit_mib=worker.memory_mib,
            gpu_count=worker.gpu_count,
            logging=ecs.LogDrivers.aws_logs(stream_prefix="worker"),
        )
        ecs.Ec2Service(
            self,
            "Worker",
            cluster=self.platform.cluster,
            task_definition=worker_task,
            capacity_provider_strategies=worker.capacity_provider_strategies,
            desired_count=1,
            circuit_breaker=ecs.DeploymentCircuitBreaker(rollback=True),
            min_healthy_percent=0,
            max_healthy_percent=100,
        )


def build_library_app(app: cdk.App) -> cdk.App:
    """Define the cluster stack in ``app`` and return it."""
    PlatformStack(app, "LibraryExample")
    return app
