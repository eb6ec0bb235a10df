"""Property: any cluster options define a cluster or raise ValidationError, never more.

Constructs are defined but not synthesized, so each example costs milliseconds.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdk_platform_patterns import Ec2Capacity, HybridEc2FargateCluster, ValidationError

capacities = st.lists(
    st.builds(
        Ec2Capacity,
        name=st.sampled_from(["gpu", "general", "fargate", "Bad Name", "g" * 40]),
        instance_type=st.sampled_from(
            ["g5.xlarge", "g5.12xlarge", "m7g.large", "c6i.2xlarge", "g5g.xlarge", "zz9.huge"]
        ).map(ec2.InstanceType),
        min_capacity=st.integers(-1, 3),
        max_capacity=st.integers(-1, 4),
        spot=st.booleans(),
        gpus_per_instance=st.one_of(st.none(), st.integers(-1, 8)),
        vcpus=st.one_of(st.none(), st.integers(-1, 96)),
        memory_mib=st.one_of(st.none(), st.integers(-1, 400_000)),
        root_volume_gib=st.one_of(st.none(), st.integers(0, 20_000)),
        managed_termination_protection=st.booleans(),
        target_capacity_percent=st.integers(-1, 101),
    ),
    max_size=3,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fargate=st.booleans(),
    ec2_capacity=capacities,
    namespace=st.sampled_from([None, "internal", "svc.local", "Bad_Name", ""]),
    execute_command=st.booleans(),
    cpu=st.sampled_from([256, 512, 4096, 8192, 70_000]),
    memory_mib=st.sampled_from([512, 1024, 8192, 30_000, 500_000]),
    gpu_count=st.integers(0, 5),
    spot=st.booleans(),
)
def test_any_options_define_a_cluster_or_raise_validation_error(
    fargate: bool,
    ec2_capacity: list[Ec2Capacity],
    namespace: str | None,
    execute_command: bool,
    cpu: int,
    memory_mib: int,
    gpu_count: int,
    spot: bool,
) -> None:
    stack = cdk.Stack(cdk.App(), "Stack")
    try:
        cluster = HybridEc2FargateCluster(
            stack,
            "Cluster",
            fargate=fargate,
            ec2_capacity=ec2_capacity,
            service_connect_namespace=namespace,
            enable_execute_command=execute_command,
        )
    except ValidationError:
        return
    assert set(cluster.capacity_providers) == {c.name for c in ec2_capacity}
    try:
        placement = cluster.placement(
            cpu=cpu, memory_mib=memory_mib, gpu_count=gpu_count, spot=spot
        )
    except ValidationError:
        return
    assert placement.capacity in cluster.capacity_names
    assert placement.capacity_provider_strategies
