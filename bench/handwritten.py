"""The example app's platform stack written with aws-cdk-lib alone, as a baseline.

The same resources as ``examples/app.py`` (VPC with flow logs, cluster, GPU launch
template, Auto Scaling group and capacity provider, a Spot web service and a GPU worker)
without this library's validation, placement and acknowledgements.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_servicediscovery as servicediscovery


def build_handwritten_app(app: cdk.App) -> cdk.App:
    stack = cdk.Stack(app, "HandwrittenExample")
    key = kms.Key(stack, "LogKey", enable_key_rotation=True)
    key.grant_encrypt_decrypt(iam.ServicePrincipal(f"logs.{stack.region}.amazonaws.com"))
    vpc = ec2.Vpc(
        stack,
        "Vpc",
        max_azs=2,
        nat_gateways=1,
        restrict_default_security_group=True,
        subnet_configuration=[
            ec2.SubnetConfiguration(
                name="Public", subnet_type=ec2.SubnetType.PUBLIC, map_public_ip_on_launch=False
            ),
            ec2.SubnetConfiguration(
                name="Private", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS, cidr_mask=22
            ),
        ],
    )
    flow_logs = logs.LogGroup(stack, "FlowLogs", encryption_key=key)
    vpc.add_flow_log("FlowLog", destination=ec2.FlowLogDestination.to_cloud_watch_logs(flow_logs))
    cluster = ecs.Cluster(
        stack,
        "Cluster",
        vpc=vpc,
        enable_fargate_capacity_providers=True,
        container_insights_v2=ecs.ContainerInsights.ENHANCED,
    )
    cluster.add_default_cloud_map_namespace(
        name="internal", type=servicediscovery.NamespaceType.HTTP, use_for_service_connect=True
    )
    security_group = ec2.SecurityGroup(stack, "GpuSecurityGroup", vpc=vpc)
    role = iam.Role(stack, "GpuRole", assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"))
    template = ec2.LaunchTemplate(
        stack,
        "GpuTemplate",
        instance_type=ec2.InstanceType("g5.xlarge"),
        machine_image=ecs.EcsOptimizedImage.amazon_linux2023(ecs.AmiHardwareType.GPU),
        user_data=ec2.UserData.for_linux(),
        role=role,
        security_group=security_group,
        require_imdsv2=True,
        associate_public_ip_address=False,
        block_devices=[
            ec2.BlockDevice(
                device_name="/dev/xvda",
                volume=ec2.BlockDeviceVolume.ebs(100, encrypted=True),
            )
        ],
    )
    group = autoscaling.AutoScalingGroup(
        stack,
        "GpuGroup",
        vpc=vpc,
        launch_template=template,
        vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS),
        min_capacity=0,
        max_capacity=2,
    )
    provider = ecs.AsgCapacityProvider(
        stack, "GpuProvider", auto_scaling_group=group, enable_managed_termination_protection=False
    )
    cluster.add_asg_capacity_provider(provider)

    web_task = ecs.FargateTaskDefinition(stack, "WebTask", cpu=512, memory_limit_mib=1024)
    web_task.add_container(
        "web",
        image=ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:stable"),
        port_mappings=[ecs.PortMapping(container_port=80)],
        logging=ecs.LogDrivers.aws_logs(stream_prefix="web"),
    )
    web = ecs.FargateService(
        stack,
        "Web",
        cluster=cluster,
        task_definition=web_task,
        desired_count=2,
        circuit_breaker=ecs.DeploymentCircuitBreaker(rollback=True),
        capacity_provider_strategies=[
            ecs.CapacityProviderStrategy(capacity_provider="FARGATE", base=1, weight=1),
            ecs.CapacityProviderStrategy(capacity_provider="FARGATE_SPOT", weight=3),
        ],
    )
    worker_task = ecs.Ec2TaskDefinition(stack, "WorkerTask", network_mode=ecs.NetworkMode.AWS_VPC)
    worker_task.add_container(
        "worker",
        image=ecs.ContainerImage.from_registry("nvidia/cuda:12.6.3-base-ubuntu24.04"),
        cpu=2048,
        memory_limit_mib=8192,
        gpu_count=1,
        logging=ecs.LogDrivers.aws_logs(stream_prefix="worker"),
    )
    worker = ecs.Ec2Service(
        stack,
        "Worker",
        cluster=cluster,
        task_definition=worker_task,
        desired_count=1,
        circuit_breaker=ecs.DeploymentCircuitBreaker(rollback=True),
        capacity_provider_strategies=[
            ecs.CapacityProviderStrategy(
                capacity_provider=provider.capacity_provider_name, weight=1
            )
        ],
    )
    web.node.add_dependency(cluster)
    worker.node.add_dependency(cluster)
    return app
