"""Fixtures shared by all tests: each configuration is synthesized once per session."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from support import FLAG_SETS, Synthesized, build

from cdk_platform_patterns import Ec2Capacity, HybridEc2FargateCluster

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")


def define_default_cluster(stack: cdk.Stack) -> None:
    HybridEc2FargateCluster(stack, "Cluster")


def define_gpu_cluster(stack: cdk.Stack) -> None:
    HybridEc2FargateCluster(
        stack,
        "Cluster",
        ec2_capacity=[
            Ec2Capacity(
                name="gpu", instance_type=ec2.InstanceType("g5.xlarge"), min_capacity=0,
                max_capacity=2,
            ),
        ],
    )


CLUSTER_CONFIGS: dict[str, Callable[[cdk.Stack], None]] = {
    "default": define_default_cluster,
    "gpu": define_gpu_cluster,
}


@functools.cache
def synthesized(config: str, flag_set: str, nag: bool) -> Synthesized:
    """Synthesize a named cluster configuration once per session and share it."""
    return build(CLUSTER_CONFIGS[config], flag_set=flag_set, nag=nag)


@pytest.fixture(scope="session", params=FLAG_SETS)
def flag_set(request: pytest.FixtureRequest) -> str:
    """Each test that takes it runs with no feature flags and with cdk init's flags."""
    value: str = request.param
    return value


@pytest.fixture(scope="session")
def default_cluster(flag_set: str) -> Synthesized:
    return synthesized("default", flag_set, nag=True)


@pytest.fixture(scope="session")
def gpu_cluster(flag_set: str) -> Synthesized:
    return synthesized("gpu", flag_set, nag=True)
