"""The cluster configurations the tests share, each synthesized once per session."""

from __future__ import annotations

import functools
from collections.abc import Callable

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2

from cdk_platform_patterns import Ec2Capacity, HybridEc2FargateCluster
from support import Synthesized, build


def define_default_cluster(stack: cdk.Stack) -> None:
    HybridEc2FargateCluster(stack, "Cluster")


def define_gpu_cluster(stack: cdk.Stack, *, max_capacity: int = 2) -> HybridEc2FargateCluster:
    """A cluster with Fargate and a g5.xlarge GPU capacity named "gpu", scaling 0..2."""
    return HybridEc2FargateCluster(
        stack,
        "Cluster",
        ec2_capacity=[
            Ec2Capacity(
                name="gpu",
                instance_type=ec2.InstanceType("g5.xlarge"),
                min_capacity=0,
                max_capacity=max_capacity,
            ),
        ],
    )


CLUSTER_CONFIGS: dict[str, Callable[[cdk.Stack], object]] = {
    "default": define_default_cluster,
    "gpu": define_gpu_cluster,
}


@functools.cache
def synthesized_cluster(config: str, flag_set: str) -> Synthesized:
    """Synthesize a named cluster configuration (with cdk-nag) once per session."""
    return build(CLUSTER_CONFIGS[config], flag_set=flag_set, nag=True)
