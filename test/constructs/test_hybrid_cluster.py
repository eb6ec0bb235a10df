"""HybridEc2FargateCluster: assertions on the synthesized templates.

Each configuration is synthesized once per session (see conftest.py) with no feature
flags and with the flags ``cdk init`` writes, and every template test runs on both.
"""

from __future__ import annotations

import functools
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs

from cdk_platform_patterns import (
    Ec2Capacity,
    HybridEc2FargateCluster,
    ValidationError,
)
from clusters import define_gpu_cluster
from support import Synthesized, build, walk


def only(resources: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    assert len(resources) == 1, list(resources)
    ((logical_id, resource),) = resources.items()
    return logical_id, resource


# WHEN a cluster is defined with defaults


def test_default_cluster_attaches_fargate_providers_through_one_association(
    default_cluster: Synthesized,
) -> None:
    _, association = only(
        default_cluster.resources("AWS::ECS::ClusterCapacityProviderAssociations")
    )
    assert association["Properties"]["CapacityProviders"] == ["FARGATE", "FARGATE_SPOT"]


def test_cluster_resource_has_no_capacity_provider_properties(gpu_cluster: Synthesized) -> None:
    _, cluster = only(gpu_cluster.resources("AWS::ECS::Cluster"))
    assert "CapacityProviders" not in cluster["Properties"]
    assert "DefaultCapacityProviderStrategy" not in cluster["Properties"]


def test_container_insights_is_enhanced(default_cluster: Synthesized) -> None:
    _, cluster = only(default_cluster.resources("AWS::ECS::Cluster"))
    assert {"Name": "containerInsights", "Value": "enhanced"} in cluster["Properties"][
        "ClusterSettings"
    ]


def test_service_connect_namespace_is_referenced_by_arn(default_cluster: Synthesized) -> None:
    namespace_id, namespace = only(
        default_cluster.resources("AWS::ServiceDiscovery::HttpNamespace")
    )
    assert namespace["Properties"]["Name"] == "internal"
    _, cluster = only(default_cluster.resources("AWS::ECS::Cluster"))
    assert cluster["Properties"]["ServiceConnectDefaults"] == {
        "Namespace": {"Fn::GetAtt": [namespace_id, "Arn"]}
    }


def test_default_vpc_has_two_azs_one_nat_and_no_automatic_public_ips(
    default_cluster: Synthesized,
) -> None:
    subnets = default_cluster.resources("AWS::EC2::Subnet")
    assert len(subnets) == 4
    assert all(s["Properties"].get("MapPublicIpOnLaunch") is not True for s in subnets.values())
    assert len(default_cluster.resources("AWS::EC2::NatGateway")) == 1


def test_default_vpc_has_flow_logs_to_an_encrypted_retained_log_group(
    default_cluster: Synthesized,
) -> None:
    _, flow_log = only(default_cluster.resources("AWS::EC2::FlowLog"))
    assert flow_log["Properties"]["TrafficType"] == "ALL"
    group_id, group = only(default_cluster.resources("AWS::Logs::LogGroup"))
    assert flow_log["Properties"]["LogGroupName"] == {"Ref": group_id}
    assert "KmsKeyId" in group["Properties"]
    assert group["Properties"]["RetentionInDays"] == 365
    assert group["DeletionPolicy"] == "Retain"
    key_id, key = only(default_cluster.resources("AWS::KMS::Key"))
    assert key["Properties"]["EnableKeyRotation"] is True
    assert group["Properties"]["KmsKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}


def test_default_security_group_is_closed(default_cluster: Synthesized) -> None:
    assert default_cluster.resources("Custom::VpcRestrictDefaultSG")


def test_no_physical_names_on_replaceable_resources(gpu_cluster: Synthesized) -> None:
    for type_name, name_property in [
        ("AWS::Logs::LogGroup", "LogGroupName"),
        ("AWS::EC2::SecurityGroup", "GroupName"),
        ("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName"),
        ("AWS::EC2::LaunchTemplate", "LaunchTemplateName"),
        ("AWS::ECS::CapacityProvider", "Name"),
    ]:
        for logical_id, resource in gpu_cluster.resources(type_name).items():
            assert name_property not in resource.get("Properties", {}), logical_id


# WHEN the cluster has GPU capacity


def test_gpu_capacity_uses_a_launch_template_and_no_launch_configuration(
    gpu_cluster: Synthesized,
) -> None:
    assert gpu_cluster.resources("AWS::AutoScaling::LaunchConfiguration") == {}
    template_id, _ = only(gpu_cluster.resources("AWS::EC2::LaunchTemplate"))
    _, group = only(gpu_cluster.resources("AWS::AutoScaling::AutoScalingGroup"))
    assert group["Properties"]["LaunchTemplate"]["LaunchTemplateId"] == {"Ref": template_id}
    assert group["Properties"]["MinSize"] == "0"
    assert group["Properties"]["MaxSize"] == "2"


def test_launch_template_requires_imdsv2_encrypts_root_and_has_no_public_ip(
    gpu_cluster: Synthesized,
) -> None:
    _, template = only(gpu_cluster.resources("AWS::EC2::LaunchTemplate"))
    data = template["Properties"]["LaunchTemplateData"]
    assert data["MetadataOptions"]["HttpTokens"] == "required"
    assert data["InstanceType"] == "g5.xlarge"
    (device,) = data["BlockDeviceMappings"]
    assert device["DeviceName"] == "/dev/xvda"
    assert device["Ebs"]["Encrypted"] is True
    assert device["Ebs"]["VolumeType"] == "gp3"
    assert device["Ebs"]["VolumeSize"] == 100
    (interface,) = data["NetworkInterfaces"]
    assert interface["AssociatePublicIpAddress"] is False


def test_gpu_capacity_uses_the_al2023_gpu_image(gpu_cluster: Synthesized) -> None:
    _, template = only(gpu_cluster.resources("AWS::EC2::LaunchTemplate"))
    image_parameter = template["Properties"]["LaunchTemplateData"]["ImageId"]["Ref"]
    default = gpu_cluster.template()["Parameters"][image_parameter]["Default"]
    assert default == "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id"


def test_capacity_runs_in_private_subnets(gpu_cluster: Synthesized) -> None:
    _, group = only(gpu_cluster.resources("AWS::AutoScaling::AutoScalingGroup"))
    private = {
        logical_id
        for logical_id in gpu_cluster.resources("AWS::EC2::Subnet")
        if "Private" in logical_id
    }
    assert {ref["Ref"] for ref in group["Properties"]["VPCZoneIdentifier"]} == private


def test_capacity_provider_has_managed_scaling_and_draining_without_termination_protection(
    gpu_cluster: Synthesized,
) -> None:
    provider_id, provider = only(gpu_cluster.resources("AWS::ECS::CapacityProvider"))
    settings = provider["Properties"]["AutoScalingGroupProvider"]
    assert settings["ManagedScaling"]["Status"] == "ENABLED"
    assert settings["ManagedDraining"] == "ENABLED"
    assert settings["ManagedTerminationProtection"] == "DISABLED"
    _, association = only(gpu_cluster.resources("AWS::ECS::ClusterCapacityProviderAssociations"))
    assert association["Properties"]["CapacityProviders"] == [
        "FARGATE",
        "FARGATE_SPOT",
        {"Ref": provider_id},
    ]


def test_instances_join_the_cluster(gpu_cluster: Synthesized) -> None:
    cluster_id, _ = only(gpu_cluster.resources("AWS::ECS::Cluster"))
    _, template = only(gpu_cluster.resources("AWS::EC2::LaunchTemplate"))
    user_data = template["Properties"]["LaunchTemplateData"]["UserData"]
    assert {"Ref": cluster_id} in list(walk(user_data))


# WHEN services are placed on the cluster


def define_services(stack: cdk.Stack) -> None:
    cluster = define_gpu_cluster(stack)
    web = cluster.placement(cpu=512, memory_mib=1024, spot=True)
    web_task = ecs.FargateTaskDefinition(
        stack, "WebTask", cpu=web.cpu, memory_limit_mib=web.memory_mib
    )
    web_task.add_container("web", image=ecs.ContainerImage.from_registry("nginx"))
    ecs.FargateService(
        stack,
        "Web",
        cluster=cluster.cluster,
        task_definition=web_task,
        capacity_provider_strategies=web.capacity_provider_strategies,
    )

    worker = cluster.placement(cpu=2048, memory_mib=8192, gpu_count=1)
    worker_task = ecs.Ec2TaskDefinition(stack, "WorkerTask", network_mode=ecs.NetworkMode.AWS_VPC)
    worker_task.add_container(
        "worker",
        image=ecs.ContainerImage.from_registry("nvidia/cuda:12.6.3-base-ubuntu24.04"),
        cpu=worker.cpu,
        memory_limit_mib=worker.memory_mib,
        gpu_count=worker.gpu_count,
    )
    ecs.Ec2Service(
        stack,
        "Worker",
        cluster=cluster.cluster,
        task_definition=worker_task,
        capacity_provider_strategies=worker.capacity_provider_strategies,
    )


@functools.cache
def services_synthesized(flag_set: str) -> Synthesized:
    return build(define_services, flag_set=flag_set)


@pytest.fixture(scope="session")
def services(flag_set: str) -> Synthesized:
    return services_synthesized(flag_set)


def test_every_service_is_created_after_the_capacity_association(services: Synthesized) -> None:
    association_id, _ = only(services.resources("AWS::ECS::ClusterCapacityProviderAssociations"))
    found = services.resources("AWS::ECS::Service")
    assert len(found) == 2
    for logical_id, service in found.items():
        assert association_id in service.get("DependsOn", []), logical_id


def test_services_use_strategies_and_never_a_launch_type(services: Synthesized) -> None:
    provider_id, _ = only(services.resources("AWS::ECS::CapacityProvider"))
    strategies = {
        logical_id: service["Properties"]["CapacityProviderStrategy"]
        for logical_id, service in services.resources("AWS::ECS::Service").items()
    }
    for service in services.resources("AWS::ECS::Service").values():
        assert "LaunchType" not in service["Properties"]
    web = next(v for k, v in strategies.items() if k.startswith("Web"))
    assert web == [
        {"CapacityProvider": "FARGATE", "Base": 1, "Weight": 1},
        {"CapacityProvider": "FARGATE_SPOT", "Weight": 3},
    ]
    worker = next(v for k, v in strategies.items() if k.startswith("Worker"))
    assert worker == [{"CapacityProvider": {"Ref": provider_id}, "Weight": 1}]


def test_gpu_worker_asks_for_its_gpu(services: Synthesized) -> None:
    tasks = services.resources("AWS::ECS::TaskDefinition")
    worker = next(v for k, v in tasks.items() if k.startswith("WorkerTask"))
    (container,) = worker["Properties"]["ContainerDefinitions"]
    assert container["ResourceRequirements"] == [{"Type": "GPU", "Value": "1"}]


def test_service_in_another_stack_waits_for_capacity_with_one_call() -> None:
    app = cdk.App()
    cluster_stack = cdk.Stack(app, "Platform")
    cluster = HybridEc2FargateCluster(cluster_stack, "Cluster")
    service_stack = cdk.Stack(app, "Service")
    placement = cluster.placement(cpu=256, memory_mib=512)
    task = ecs.FargateTaskDefinition(service_stack, "Task", cpu=256, memory_limit_mib=512)
    task.add_container("app", image=ecs.ContainerImage.from_registry("nginx"))
    service = ecs.FargateService(
        service_stack,
        "Service",
        cluster=cluster.cluster,
        task_definition=task,
        capacity_provider_strategies=placement.capacity_provider_strategies,
    )
    cluster.wait_for_capacity(service)
    app.synth()
    assert cluster_stack in service_stack.dependencies


# WHEN options change the defaults


def test_managed_termination_protection_is_valid_when_turned_on() -> None:
    def define(stack: cdk.Stack) -> None:
        HybridEc2FargateCluster(
            stack,
            "Cluster",
            ec2_capacity=[
                Ec2Capacity(
                    name="general",
                    instance_type=ec2.InstanceType("m7g.large"),
                    managed_termination_protection=True,
                )
            ],
        )

    synthesized = build(define)
    _, provider = only(synthesized.resources("AWS::ECS::CapacityProvider"))
    settings = provider["Properties"]["AutoScalingGroupProvider"]
    assert settings["ManagedTerminationProtection"] == "ENABLED"
    assert settings["ManagedScaling"]["Status"] == "ENABLED"
    _, group = only(synthesized.resources("AWS::AutoScaling::AutoScalingGroup"))
    assert group["Properties"]["NewInstancesProtectedFromScaleIn"] is True
    _, template = only(synthesized.resources("AWS::EC2::LaunchTemplate"))
    image_parameter = template["Properties"]["LaunchTemplateData"]["ImageId"]["Ref"]
    assert "/arm64/" in synthesized.template()["Parameters"][image_parameter]["Default"]


def test_termination_protection_warns_with_an_acknowledgeable_id() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    HybridEc2FargateCluster(
        stack,
        "Cluster",
        ec2_capacity=[
            Ec2Capacity(
                name="general",
                instance_type=ec2.InstanceType("m5.large"),
                managed_termination_protection=True,
            )
        ],
    )
    warnings = cdk.assertions.Annotations.from_stack(stack).find_warning(
        "*", cdk.assertions.Match.string_like_regexp("managedTerminationProtection")
    )
    assert warnings


def test_execute_command_logs_to_an_encrypted_log_group() -> None:
    def define(stack: cdk.Stack) -> None:
        HybridEc2FargateCluster(stack, "Cluster", enable_execute_command=True)

    synthesized = build(define)
    _, cluster = only(synthesized.resources("AWS::ECS::Cluster"))
    config = cluster["Properties"]["Configuration"]["ExecuteCommandConfiguration"]
    assert config["Logging"] == "OVERRIDE"
    assert config["LogConfiguration"]["CloudWatchEncryptionEnabled"] is True
    groups = synthesized.resources("AWS::Logs::LogGroup")
    exec_group = next(k for k in groups if k.startswith("ClusterExecLogs"))
    assert config["LogConfiguration"]["CloudWatchLogGroupName"] == {"Ref": exec_group}
    assert "KmsKeyId" in groups[exec_group]["Properties"]


def test_given_vpc_is_used_and_no_vpc_is_defined() -> None:
    def define(stack: cdk.Stack) -> None:
        vpc = ec2.Vpc(stack, "Mine", max_azs=2)
        cluster = HybridEc2FargateCluster(stack, "Cluster", vpc=vpc, service_connect_namespace=None)
        assert cluster.vpc is vpc
        assert cluster.namespace is None

    synthesized = build(define)
    assert len(synthesized.resources("AWS::EC2::VPC")) == 1
    assert synthesized.resources("AWS::ServiceDiscovery::HttpNamespace") == {}


# WHEN options cannot work


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"fargate": False}, "fargate=False with no ec2_capacity"),
        ({"service_connect_namespace": "Not Valid"}, "service_connect_namespace='Not Valid'"),
        (
            {
                "ec2_capacity": [
                    Ec2Capacity(name="GPU", instance_type=ec2.InstanceType("g5.xlarge"))
                ]
            },
            r"ec2_capacity\[0\].name='GPU' is not a capacity name",
        ),
        (
            {
                "ec2_capacity": [
                    Ec2Capacity(name="fargate", instance_type=ec2.InstanceType("m5.large"))
                ]
            },
            "reserved for Fargate",
        ),
        (
            {
                "ec2_capacity": [
                    Ec2Capacity(name="a", instance_type=ec2.InstanceType("m5.large")),
                    Ec2Capacity(name="a", instance_type=ec2.InstanceType("m5.xlarge")),
                ]
            },
            r"ec2_capacity\[1\].name='a' is used by another capacity",
        ),
        (
            {
                "ec2_capacity": [
                    Ec2Capacity(
                        name="a",
                        instance_type=ec2.InstanceType("m5.large"),
                        min_capacity=3,
                        max_capacity=2,
                    )
                ]
            },
            "min_capacity=3, max_capacity=2",
        ),
        (
            {
                "ec2_capacity": [
                    Ec2Capacity(name="a", instance_type=ec2.InstanceType("x2idn.16xlarge"))
                ]
            },
            "not in the built-in catalog.* vcpus=, memory_mib= and gpus_per_instance=",
        ),
        (
            {"ec2_capacity": [Ec2Capacity(name="a", instance_type=ec2.InstanceType("g5g.xlarge"))]},
            "ECS GPU-optimised image is x86_64 only",
        ),
        (
            {
                "ec2_capacity": [
                    Ec2Capacity(
                        name="a",
                        instance_type=ec2.InstanceType("m5.large"),
                        target_capacity_percent=0,
                    )
                ]
            },
            "target_capacity_percent=0 must be 1 to 100",
        ),
    ],
)
def test_rejects_options_that_cannot_work(options: dict[str, Any], match: str) -> None:
    stack = cdk.Stack(cdk.App(), "Stack")
    with pytest.raises(ValidationError, match=match):
        HybridEc2FargateCluster(stack, "Cluster", **options)


def test_unknown_instance_type_works_when_described() -> None:
    stack = cdk.Stack(cdk.App(), "Stack")
    cluster = HybridEc2FargateCluster(
        stack,
        "Cluster",
        ec2_capacity=[
            Ec2Capacity(
                name="big",
                instance_type=ec2.InstanceType("x2idn.16xlarge"),
                vcpus=64,
                memory_mib=1024 * 1024,
                gpus_per_instance=0,
            )
        ],
    )
    placement = cluster.placement(cpu=32_768, memory_mib=500_000)
    assert placement.capacity == "big"
    assert placement.compatibility == ecs.Compatibility.EC2


def test_placement_rejects_gpu_work_on_a_fargate_only_cluster() -> None:
    stack = cdk.Stack(cdk.App(), "Stack")
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match="Fargate has no GPUs"):
        cluster.placement(cpu=1024, memory_mib=2048, gpu_count=1)


def test_placement_warns_when_spot_preference_cannot_be_met() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    cluster = define_gpu_cluster(stack)
    placement = cluster.placement(cpu=1024, memory_mib=4096, gpu_count=1, spot=True)
    assert placement.capacity == "gpu"
    warnings = cdk.assertions.Annotations.from_stack(stack).find_warning(
        "*", cdk.assertions.Match.string_like_regexp("no Spot capacity can hold the task")
    )
    assert warnings


def test_rejects_instance_type_given_as_a_string() -> None:
    stack = cdk.Stack(cdk.App(), "Stack")
    with pytest.raises(ValidationError, match=r"give ec2.InstanceType\('g5.xlarge'\)"):
        HybridEc2FargateCluster(
            stack,
            "Cluster",
            ec2_capacity=[Ec2Capacity(name="gpu", instance_type="g5.xlarge")],  # type: ignore[arg-type]
        )


# WHEN a service on the cluster is given a strategy that cannot work


@functools.cache
def misplaced_services() -> cdk.Stack:
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    cluster = define_gpu_cluster(stack)
    task = ecs.FargateTaskDefinition(stack, "Task", cpu=1024, memory_limit_mib=2048)
    task.add_container("app", image=ecs.ContainerImage.from_registry("nginx"))
    gpu = cluster.placement(cpu=1024, memory_mib=2048, gpu_count=1)
    ecs.FargateService(
        stack,
        "FargateTaskOnGpuStrategy",
        cluster=cluster.cluster,
        task_definition=task,
        capacity_provider_strategies=gpu.capacity_provider_strategies,
    )
    ecs.FargateService(stack, "LaunchType", cluster=cluster.cluster, task_definition=task)
    return stack


def test_flags_a_fargate_task_given_an_ec2_strategy_as_an_error() -> None:
    annotations = cdk.assertions.Annotations.from_stack(misplaced_services())
    errors = annotations.find_error(
        "/Stack/FargateTaskOnGpuStrategy", cdk.assertions.Match.string_like_regexp("cannot deploy")
    )
    assert errors


def test_warns_when_a_launch_type_bypasses_the_capacity_providers() -> None:
    annotations = cdk.assertions.Annotations.from_stack(misplaced_services())
    warnings = annotations.find_warning(
        "/Stack/LaunchType", cdk.assertions.Match.string_like_regexp("launchTypeIgnoresCapacity")
    )
    assert warnings


def test_correctly_placed_services_get_no_annotation(services: Synthesized) -> None:
    assert services.resources("AWS::ECS::Service")
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    define_services(stack)
    annotations = cdk.assertions.Annotations.from_stack(stack)
    assert annotations.find_error("*", cdk.assertions.Match.any_value()) == []
    assert (
        annotations.find_warning(
            "*", cdk.assertions.Match.string_like_regexp("cdk-platform-patterns")
        )
        == []
    )
