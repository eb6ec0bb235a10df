"""AWS CDK v2 patterns: a hybrid EC2/Fargate ECS cluster, observable services, an auth API."""

from __future__ import annotations

from cdk_platform_patterns.auth_api import (
    AnalyticsOptions,
    ApiKeyOptions,
    Model,
    ServerlessAuthApi,
    UserPoolOptions,
)
from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.hybrid_cluster import Ec2Capacity, HybridEc2FargateCluster, Placement

__all__ = [
    "AnalyticsOptions",
    "ApiKeyOptions",
    "Ec2Capacity",
    "HybridEc2FargateCluster",
    "Model",
    "Placement",
    "ServerlessAuthApi",
    "UserPoolOptions",
    "ValidationError",
]
