"""A user's typed app, type-checked by mypy --strict and pyright (test_typing.py).

It is never run: it shows the public API types the way users' editors and CI see them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_iam as iam

from cdk_platform_patterns import (
    Ec2Capacity,
    HybridEc2FargateCluster,
    Model,
    Placement,
    ServerlessAuthApi,
    UserPoolOptions,
    ValidationError,
)


def platform(stack: cdk.Stack) -> tuple[HybridEc2FargateCluster, Placement]:
    cluster = HybridEc2FargateCluster(
        stack,
        "Cluster",
        ec2_capacity=[Ec2Capacity(name="gpu", instance_type=ec2.InstanceType("g5.xlarge"))],
        service_connect_namespace="internal",
    )
    groups: Mapping[str, autoscaling.AutoScalingGroup] = cluster.auto_scaling_groups
    assert "gpu" in groups
    ecs_cluster: ecs.Cluster = cluster.cluster
    vpc_id: str = cluster.vpc.vpc_id
    assert ecs_cluster.cluster_name
    assert vpc_id
    try:
        placement = cluster.placement(cpu=512, memory_mib=1024, spot=True)
    except ValidationError as error:
        raise SystemExit(str(error)) from error
    strategies: list[ecs.CapacityProviderStrategy] = placement.capacity_provider_strategies
    assert strategies
    compatibility: ecs.Compatibility = placement.compatibility
    assert compatibility
    return cluster, placement


def auth(stack: cdk.Stack, backend: iam.IRole) -> str:
    api = ServerlessAuthApi(
        stack,
        "Api",
        schema=Path("schema.graphql"),
        models=[Model("Note", owner=True)],
        user_pool=UserPoolOptions(self_sign_up=True, mfa=cognito.Mfa.OPTIONAL),
    )
    grant: iam.Grant = api.grant_query(backend, "getNote")
    assert grant.success
    pool: cognito.UserPool = api.user_pool
    assert pool
    url: str = api.graphql_url
    return url
