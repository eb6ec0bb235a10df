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
from cdk_platform_patterns.observable_service import (
    AlarmThresholds,
    CanaryOptions,
    Exposure,
    LogDriver,
    ObservableService,
    Tracing,
)

__all__ = [
    "AlarmThresholds",
    "AnalyticsOptions",
    "ApiKeyOptions",
    "CanaryOptions",
    "Ec2Capacity",
    "Exposure",
    "HybridEc2FargateCluster",
    "LogDriver",
    "Model",
    "ObservableService",
    "Placement",
    "ServerlessAuthApi",
    "Tracing",
    "UserPoolOptions",
    "ValidationError",
]
