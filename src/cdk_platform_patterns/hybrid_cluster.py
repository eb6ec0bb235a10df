"""HybridEc2FargateCluster: one ECS cluster with Fargate, Fargate Spot and EC2 capacity."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import jsii
from aws_cdk import Annotations, Aspects, IAspect, RemovalPolicy, Stack, Token
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_servicediscovery as servicediscovery
from constructs import Construct, IConstruct

from cdk_platform_patterns._nag import acknowledge
from cdk_platform_patterns._names import DNS_LABEL
from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.instances import InstanceSpec, describe_instance_type
from cdk_platform_patterns.placement import (
    FARGATE_CAPACITY_NAMES,
    FARGATE_PROVIDER,
    FARGATE_SPOT_PROVIDER,
    CapacitySpec,
    check_strategy,
    decide_placement,
)

__all__ = ["Ec2Capacity", "HybridEc2FargateCluster", "Placement"]

_CAPACITY_NAME = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
_NAMESPACE_NAME = re.compile(rf"^{DNS_LABEL}(?:\.{DNS_LABEL})*$")

DEFAULT_ROOT_VOLUME_GIB = 30
"""Root volume size for EC2 capacity without GPUs."""

DEFAULT_GPU_ROOT_VOLUME_GIB = 100
"""Root volume size for GPU capacity: the GPU image and CUDA container images are large."""

_WARN_TERMINATION_PROTECTION = "@cdk-platform-patterns/cluster:managedTerminationProtection"
_WARN_PLACEMENT = "@cdk-platform-patterns/cluster:placementPreference"
_WARN_LAUNCH_TYPE = "@cdk-platform-patterns/cluster:launchTypeIgnoresCapacity"


@dataclass(frozen=True, kw_only=True)
class Ec2Capacity:
    """A named EC2 Auto Scaling capacity of a ``HybridEc2FargateCluster``.

    The Auto Scaling group uses a launch template with IMDSv2 required, an encrypted
    root volume and no public IP address, in the VPC's private subnets, with the
    ECS-optimised Amazon Linux 2023 image for the instance type (GPU variant for NVIDIA GPU
    types, ARM variant for Graviton types). ECS scales it through managed scaling and
    drains instances before they stop.
    """

    name: str
    """Name that services use to ask for this capacity, such as ``"gpu"``.

    Lower-case letters, digits and hyphens, starting with a letter, at most 32
    characters, unique within the cluster and not ``fargate``, ``fargate-spot`` or
    ``fargate+spot``. The name is part of the construct path: renaming a capacity
    replaces its Auto Scaling group.
    """

    instance_type: ec2.InstanceType
    """EC2 instance type of the Auto Scaling group, such as ``ec2.InstanceType("g5.xlarge")``."""

    min_capacity: int = 0
    """Fewest instances. Default: 0, so idle capacity costs nothing."""

    max_capacity: int = 2
    """Most instances. Default: 2."""

    spot: bool = False
    """Whether to run Spot instances. Default: False (on-demand).

    Spot capacity drains its tasks when an instance is reclaimed.
    """

    gpus_per_instance: int | None = None
    """NVIDIA GPUs per instance.

    Default: taken from the built-in catalog of GPU families (g4dn, g5, g6, g6e, p3, p4d,
    p5); 0 for other known families. Give it for instance types the catalog lacks.
    """

    vcpus: int | None = None
    """vCPUs per instance. Default: taken from the built-in catalog."""

    memory_mib: int | None = None
    """Memory per instance in MiB. Default: taken from the built-in catalog."""

    root_volume_gib: int | None = None
    """Size of the encrypted gp3 root volume in GiB.

    Default: 100 GiB for GPU instance types, 30 GiB for others.
    """

    machine_image: ec2.IMachineImage | None = None
    """Image for the instances.

    Default: the ECS-optimised Amazon Linux 2023 image in the variant the instance type
    needs, resolved from its public SSM parameter at deploy time (no context lookup).
    """

    managed_termination_protection: bool = False
    """Whether ECS keeps instances that run tasks from being terminated on scale-in.

    Default: False, because with it on, deleting the stack has hung for many users.
    When True, new instances are protected from scale-in (which ECS requires) and a
    warning reminds you of the deletion behaviour.
    """

    target_capacity_percent: int = 100
    """Managed scaling target utilisation of the group, 1 to 100. Default: 100."""


@dataclass(frozen=True, kw_only=True)
class Placement:
    """Where a service runs on a ``HybridEc2FargateCluster``, ready to pass to CDK.

    Returned by ``HybridEc2FargateCluster.placement()``. Register the task definition
    with ``compatibility``, ``cpu`` and ``memory_mib``; give the service
    ``capacity_provider_strategies`` (never a launch type, which would make ECS ignore
    the strategy).
    """

    compatibility: ecs.Compatibility
    """``ecs.Compatibility.FARGATE`` or ``ecs.Compatibility.EC2``."""

    capacity_provider_strategies: list[ecs.CapacityProviderStrategy]
    """The strategy for the service; it never mixes Fargate and EC2 providers."""

    capacity: str
    """``"fargate"``, ``"fargate-spot"``, ``"fargate+spot"`` or the EC2 capacity's name."""

    cpu: int
    """Task CPU units to register (1024 = 1 vCPU)."""

    memory_mib: int
    """Task memory in MiB to register."""

    gpu_count: int
    """GPUs to give the task's main container (``gpu_count`` of the container definition)."""

    notes: tuple[str, ...] = ()
    """Preferences that could not be met, also emitted as warnings on the cluster."""

    @property
    def is_fargate(self) -> bool:
        """Whether the service runs on Fargate (or Fargate Spot)."""
        return self.compatibility == ecs.Compatibility.FARGATE


@jsii.implements(IAspect)
class _ServiceChecks:
    """For every service on the cluster in the cluster's stack: wait for the capacity, and
    flag strategies that ECS would ignore or reject."""

    def __init__(self, owner: HybridEc2FargateCluster) -> None:
        self._owner = owner

    def visit(self, node: IConstruct) -> None:
        if isinstance(node, ecs.BaseService) and node.cluster is self._owner.cluster:
            self._owner.wait_for_capacity(node)
            _check_service_strategy(node)


def _check_service_strategy(service: ecs.BaseService) -> None:
    cfn_service = service.node.default_child
    if not isinstance(cfn_service, ecs.CfnService):
        return
    strategy = Stack.of(service).resolve(cfn_service.capacity_provider_strategy) or []
    if not strategy:
        if cfn_service.launch_type:
            Annotations.of(service).add_warning_v2(
                _WARN_LAUNCH_TYPE,
                f"This service uses launch type {cfn_service.launch_type}, so ECS ignores the "
                "HybridEc2FargateCluster's capacity providers (no Spot, no EC2 capacity "
                "scaling). Give it capacity_provider_strategies="
                "cluster.placement(...).capacity_provider_strategies.",
            )
        return
    providers = [entry.get("capacityProvider") for entry in strategy if isinstance(entry, dict)]
    on_fargate = [p for p in providers if p in (FARGATE_PROVIDER, FARGATE_SPOT_PROVIDER)]
    on_ec2 = len(providers) - len(on_fargate)
    task = service.task_definition
    problem = None
    if on_fargate and on_ec2:
        problem = "its strategy mixes Fargate and EC2 capacity providers, which ECS rejects"
    elif on_fargate and not task.is_fargate_compatible:
        problem = "its strategy names Fargate providers but its task definition is not Fargate"
    elif on_ec2 and not task.is_ec2_compatible:
        problem = (
            "its strategy names an EC2 capacity provider but its task definition is Fargate-only"
        )
    if problem:
        Annotations.of(service).add_error(
            f"This service cannot deploy: {problem}. Use the strategy and compatibility of "
            "one cluster.placement(...): an ecs.FargateTaskDefinition with FargateService "
            "when placement.compatibility is FARGATE, an ecs.Ec2TaskDefinition with "
            "Ec2Service when it is EC2."
        )


class HybridEc2FargateCluster(Construct):
    """An ECS cluster whose services run on Fargate, Fargate Spot or named EC2 capacity.

    Each service chooses its capacity with ``placement()``: GPU work goes to EC2 GPU
    capacity, work that fits Fargate goes to Fargate (with Spot if asked), anything else
    to EC2 capacity that can hold it, and what cannot run anywhere is a
    ``ValidationError`` at synth time.

    Example::

        cluster = HybridEc2FargateCluster(stack, "Cluster",
            ec2_capacity=[Ec2Capacity(name="gpu", instance_type=ec2.InstanceType("g5.xlarge"))],
        )
        placement = cluster.placement(cpu=512, memory_mib=1024, spot=True)

    All capacity providers attach through one ``AWS::ECS::ClusterCapacityProviderAssociations``
    and every ECS service on the cluster in the same stack is created after it (use
    ``wait_for_capacity()`` for services in other stacks). Container Insights (enhanced)
    is on.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        vpc: ec2.IVpc | None = None,
        fargate: bool = True,
        ec2_capacity: Sequence[Ec2Capacity] = (),
        service_connect_namespace: str | None = "internal",
        enable_execute_command: bool = False,
        log_retention: logs.RetentionDays = logs.RetentionDays.ONE_YEAR,
        cluster_name: str | None = None,
    ) -> None:
        """Define the cluster, its VPC (unless given) and its capacity.

        Args:
            scope: the construct to define the cluster in.
            id: the construct id.
            vpc: VPC for the cluster; EC2 capacity and tasks go in its private subnets.
                Default: a new VPC over 2 Availability Zones with public and private
                subnets, 1 NAT gateway, no automatic public IPs, the default security
                group closed, and flow logs to an encrypted log group.
            fargate: whether to add the FARGATE and FARGATE_SPOT capacity providers.
                Default: True.
            ec2_capacity: named EC2 Auto Scaling capacities. Default: none.
            service_connect_namespace: name of a new Cloud Map HTTP namespace that
                services join with ECS Service Connect, or None for none. Default:
                ``"internal"``.
            enable_execute_command: whether to configure ECS Exec for the cluster:
                sessions encrypted with a customer-managed KMS key and logged to an
                encrypted log group. Services still opt in one by one. Default: False.
            log_retention: how long the cluster's log groups (VPC flow logs, ECS Exec)
                keep data. They are retained when the stack is deleted. Default: one
                year.
            cluster_name: physical name of the cluster. Default: CloudFormation
                generates one.

        Raises:
            ValidationError: for capacity names, sizes or a namespace name that cannot
                work, or a cluster with no capacity at all.
        """
        super().__init__(scope, id)

        specs = _check_options(
            vpc=vpc,
            fargate=fargate,
            ec2_capacity=ec2_capacity,
            service_connect_namespace=service_connect_namespace,
        )

        self._fargate = fargate
        self.capacities: Mapping[str, Ec2Capacity] = MappingProxyType(
            {options.name: options for options in ec2_capacity}
        )
        """The EC2 capacities as given, by name."""
        self._capacity_specs = {
            o.name: _capacity_spec(o.name, specs[o.name], o.spot) for o in ec2_capacity
        }
        needs_key = vpc is None or enable_execute_command

        self.log_key: kms.Key | None = None
        """Customer-managed key for the cluster's log groups and ECS Exec sessions.

        None when the cluster defines no log group (a VPC was given and ECS Exec is off).
        """
        if needs_key:
            self.log_key = kms.Key(
                self,
                "LogKey",
                description="Encrypts the ECS cluster's log groups and ECS Exec sessions",
                enable_key_rotation=True,
                removal_policy=RemovalPolicy.RETAIN,
            )
            self.log_key.grant_encrypt_decrypt(
                iam.ServicePrincipal(f"logs.{Stack.of(self).region}.amazonaws.com")
            )

        self.flow_log_group: logs.LogGroup | None = None
        """Log group of the new VPC's flow logs; None when a VPC was given."""
        self.vpc: ec2.IVpc
        """The cluster's VPC."""
        if vpc is None:
            assert self.log_key is not None
            self.vpc, self.flow_log_group = self._define_vpc(self.log_key, log_retention)
        else:
            self.vpc = vpc

        self.exec_log_group: logs.LogGroup | None = None
        """Encrypted log group of ECS Exec sessions; None unless ``enable_execute_command``."""
        exec_configuration = None
        if enable_execute_command:
            assert self.log_key is not None
            self.exec_log_group = logs.LogGroup(
                self,
                "ExecLogs",
                encryption_key=self.log_key,
                retention=log_retention,
                removal_policy=RemovalPolicy.RETAIN,
            )
            exec_configuration = ecs.ExecuteCommandConfiguration(
                kms_key=self.log_key,
                logging=ecs.ExecuteCommandLogging.OVERRIDE,
                log_configuration=ecs.ExecuteCommandLogConfiguration(
                    cloud_watch_log_group=self.exec_log_group,
                    cloud_watch_encryption_enabled=True,
                ),
            )

        # Not "Resource": aws-cdk-lib names the capacity provider association after the
        # cluster's id, and "Resource" is taken by the cluster's own CfnCluster.
        self.cluster = ecs.Cluster(
            self,
            "Cluster",
            vpc=self.vpc,
            cluster_name=cluster_name,
            enable_fargate_capacity_providers=fargate,
            container_insights_v2=ecs.ContainerInsights.ENHANCED,
            execute_command_configuration=exec_configuration,
        )
        """The ECS cluster."""

        self.namespace: servicediscovery.INamespace | None = None
        """Cloud Map namespace that ECS Service Connect uses; None when turned off.

        The cluster refers to it by ARN as its Service Connect default.
        """
        if service_connect_namespace is not None:
            self.namespace = self.cluster.add_default_cloud_map_namespace(
                name=service_connect_namespace,
                type=servicediscovery.NamespaceType.HTTP,
                use_for_service_connect=True,
            )

        providers: dict[str, ecs.AsgCapacityProvider] = {}
        groups: dict[str, autoscaling.AutoScalingGroup] = {}
        templates: dict[str, ec2.LaunchTemplate] = {}
        capacity_scope = Construct(self, "Capacity") if ec2_capacity else None
        for options in ec2_capacity:
            assert capacity_scope is not None
            spec = specs[options.name]
            template, group, provider = self._define_capacity(capacity_scope, options, spec)
            templates[options.name] = template
            groups[options.name] = group
            providers[options.name] = provider

        self.capacity_providers: Mapping[str, ecs.AsgCapacityProvider] = MappingProxyType(providers)
        """EC2 capacity providers by capacity name."""
        self.auto_scaling_groups: Mapping[str, autoscaling.AutoScalingGroup] = MappingProxyType(
            groups
        )
        """EC2 Auto Scaling groups by capacity name."""
        self.launch_templates: Mapping[str, ec2.LaunchTemplate] = MappingProxyType(templates)
        """Launch templates of the Auto Scaling groups by capacity name."""

        Aspects.of(Stack.of(self)).add(_ServiceChecks(self))
        self._acknowledge_inherent_findings(vpc_defined=vpc is None)

    @property
    def fargate(self) -> bool:
        """Whether the cluster has the FARGATE and FARGATE_SPOT capacity providers."""
        return self._fargate

    @property
    def capacity_names(self) -> list[str]:
        """Names a service can give as ``capacity``: the Fargate names and EC2 capacities."""
        fargate = list(FARGATE_CAPACITY_NAMES) if self._fargate else []
        return [*fargate, *self._capacity_specs]

    def gpus_per_instance(self, capacity: str) -> int:
        """NVIDIA GPUs one instance of EC2 capacity ``capacity`` offers (0 for none).

        Raises:
            ValidationError: if the cluster has no EC2 capacity of that name.
        """
        spec = self._capacity_specs.get(capacity)
        if spec is None:
            raise ValidationError(
                f"capacity={capacity!r} is not an EC2 capacity of this cluster: use one of "
                f"{sorted(self._capacity_specs)}."
            )
        return spec.gpus

    def placement(
        self,
        *,
        cpu: int,
        memory_mib: int,
        gpu_count: int = 0,
        spot: bool = False,
        capacity: str | None = None,
        windows: bool = False,
    ) -> Placement:
        """Choose the capacity for a service's tasks and the strategy that asks ECS for it.

        Args:
            cpu: task CPU units (1024 = 1 vCPU).
            memory_mib: task memory in MiB.
            gpu_count: NVIDIA GPUs for the task. Any above 0 places it on EC2 GPU capacity.
                Default: 0.
            spot: prefer Spot capacity. On Fargate: one on-demand task as a base and the
                rest three to one on Fargate Spot (``"fargate+spot"``); on EC2: a Spot
                capacity if one holds the task. Default: False.
            capacity: a capacity name to use instead of choosing (see
                ``capacity_names``). Default: chosen from the task's needs.
            windows: whether the task runs Windows containers (Fargate needs cpu 1024 or
                more, and no Fargate Spot). Default: False.

        Raises:
            ValidationError: if no capacity of this cluster can run the task, naming
                what would work.
        """
        for name, value in (("cpu", cpu), ("memory_mib", memory_mib), ("gpu_count", gpu_count)):
            if isinstance(value, (int, float)) and Token.is_unresolved(value):
                raise ValidationError(
                    f"{name} is an unresolved token; placement needs a number known at synth time."
                )
        decision = decide_placement(
            cpu=cpu,
            memory_mib=memory_mib,
            gpu_count=gpu_count,
            spot=spot,
            capacity=capacity,
            windows=windows,
            fargate_enabled=self._fargate,
            ec2_capacities=list(self._capacity_specs.values()),
        )
        check_strategy(decision.strategy, providers=self._provider_names())
        for note in decision.notes:
            Annotations.of(self).add_warning_v2(_WARN_PLACEMENT, note)

        strategies = [
            ecs.CapacityProviderStrategy(
                capacity_provider=self._provider_name(entry.provider),
                weight=entry.weight,
                base=entry.base or None,
            )
            for entry in decision.strategy
        ]
        return Placement(
            compatibility=(
                ecs.Compatibility.FARGATE
                if decision.launch_type == "FARGATE"
                else ecs.Compatibility.EC2
            ),
            capacity_provider_strategies=strategies,
            capacity=decision.capacity,
            cpu=decision.cpu,
            memory_mib=decision.memory_mib,
            gpu_count=decision.gpu_count,
            notes=decision.notes,
        )

    def wait_for_capacity(self, service: ecs.BaseService) -> None:
        """Make ``service`` be created after the cluster's capacity providers are attached.

        Without this, creating or updating a service that names a capacity provider can
        fail with "capacity provider is in use" or "not associated with the cluster".
        Services on this cluster in the cluster's own stack get it automatically; call it
        for services defined in other stacks.
        """
        # aws-cdk-lib defines the one AWS::ECS::ClusterCapacityProviderAssociations
        # inside the ecs.Cluster construct late in synthesis (from an aspect), so depend
        # on that construct: the dependency reaches the association once it exists.
        service.node.add_dependency(self.cluster)

    def _provider_names(self) -> list[str]:
        fargate = [FARGATE_PROVIDER, FARGATE_SPOT_PROVIDER] if self._fargate else []
        return [*fargate, *self._capacity_specs]

    def _provider_name(self, name: str) -> str:
        if name in (FARGATE_PROVIDER, FARGATE_SPOT_PROVIDER):
            return name
        return self.capacity_providers[name].capacity_provider_name

    def _define_vpc(
        self, key: kms.Key, retention: logs.RetentionDays
    ) -> tuple[ec2.Vpc, logs.LogGroup]:
        vpc = ec2.Vpc(
            self,
            "Vpc",
            max_azs=2,
            nat_gateways=1,
            restrict_default_security_group=True,
            subnet_configuration=[
                ec2.SubnetConfiguration(
                    name="Public",
                    subnet_type=ec2.SubnetType.PUBLIC,
                    cidr_mask=24,
                    map_public_ip_on_launch=False,
                ),
                ec2.SubnetConfiguration(
                    name="Private",
                    subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS,
                    cidr_mask=22,
                ),
            ],
        )
        flow_logs = logs.LogGroup(
            self,
            "FlowLogs",
            encryption_key=key,
            retention=retention,
            removal_policy=RemovalPolicy.RETAIN,
        )
        vpc.add_flow_log(
            "FlowLog",
            destination=ec2.FlowLogDestination.to_cloud_watch_logs(flow_logs),
            traffic_type=ec2.FlowLogTrafficType.ALL,
        )
        return vpc, flow_logs

    def _define_capacity(
        self, scope: Construct, options: Ec2Capacity, spec: InstanceSpec
    ) -> tuple[ec2.LaunchTemplate, autoscaling.AutoScalingGroup, ecs.AsgCapacityProvider]:
        capacity = Construct(scope, options.name)
        if options.machine_image is not None:
            image = options.machine_image
        elif spec.gpus > 0:
            image = ecs.EcsOptimizedImage.amazon_linux2023(ecs.AmiHardwareType.GPU)
        elif spec.arm:
            image = ecs.EcsOptimizedImage.amazon_linux2023(ecs.AmiHardwareType.ARM)
        else:
            image = ecs.EcsOptimizedImage.amazon_linux2023(ecs.AmiHardwareType.STANDARD)
        volume_gib = options.root_volume_gib or (
            DEFAULT_GPU_ROOT_VOLUME_GIB if spec.gpus > 0 else DEFAULT_ROOT_VOLUME_GIB
        )

        security_group = ec2.SecurityGroup(
            capacity,
            "SecurityGroup",
            vpc=self.vpc,
            description="ECS container instances; tasks use their own security groups",
            allow_all_outbound=True,
        )
        role = iam.Role(
            capacity,
            "InstanceRole",
            assumed_by=iam.ServicePrincipal("ec2.amazonaws.com"),
            description="ECS container instance role",
        )
        template = ec2.LaunchTemplate(
            capacity,
            "LaunchTemplate",
            instance_type=options.instance_type,
            machine_image=image,
            user_data=ec2.UserData.for_linux(),
            role=role,
            security_group=security_group,
            require_imdsv2=True,
            associate_public_ip_address=False,
            block_devices=[
                ec2.BlockDevice(
                    device_name="/dev/xvda",
                    volume=ec2.BlockDeviceVolume.ebs(
                        volume_gib,
                        encrypted=True,
                        volume_type=ec2.EbsDeviceVolumeType.GP3,
                        delete_on_termination=True,
                    ),
                )
            ],
            spot_options=ec2.LaunchTemplateSpotOptions() if options.spot else None,
        )
        group = autoscaling.AutoScalingGroup(
            capacity,
            "Group",
            vpc=self.vpc,
            vpc_subnets=ec2.SubnetSelection(subnets=self.vpc.private_subnets),
            launch_template=template,
            min_capacity=options.min_capacity,
            max_capacity=options.max_capacity,
            new_instances_protected_from_scale_in=options.managed_termination_protection,
        )
        provider = ecs.AsgCapacityProvider(
            capacity,
            "Provider",
            auto_scaling_group=group,
            enable_managed_scaling=True,
            enable_managed_draining=True,
            enable_managed_termination_protection=options.managed_termination_protection,
            target_capacity_percent=options.target_capacity_percent,
            spot_instance_draining=options.spot,
        )
        self.cluster.add_asg_capacity_provider(provider, spot_instance_draining=options.spot)

        if options.managed_termination_protection:
            # Deleting in reverse order of these dependencies (services, association,
            # provider, group) lets ECS release protected instances before the group goes.
            Annotations.of(capacity).add_warning_v2(
                _WARN_TERMINATION_PROTECTION,
                f"Ec2Capacity(name={options.name!r}) has managed_termination_protection=True: "
                "instances running tasks are protected from scale-in, and stack deletion "
                "waits until ECS has drained them. Leave it False unless you need it.",
            )
        return template, group, provider

    def _acknowledge_inherent_findings(self, *, vpc_defined: bool) -> None:
        acknowledge(
            self,
            "The roles here (VPC flow logs, container instances) get policies that "
            "aws-cdk-lib generates for this one cluster's resources; they are not shared, "
            "so an inline policy is the narrowest form.",
            "NIST.800.53.R5-IAMNoInlinePolicy",
            "HIPAA.Security-IAMNoInlinePolicy",
        )
        for name, group in self.auto_scaling_groups.items():
            acknowledge(
                group,
                f"Capacity '{name}' is scaled by ECS managed scaling, not by people: ECS "
                "records its scaling in the capacity provider and Auto Scaling activity "
                "history, and nobody needs an SNS message for each instance.",
                "AwsSolutions-AS3",
            )
            acknowledge(
                group.role,
                "The ECS agent on a container instance registers it and submits task and "
                "container state with ecs:Submit*, and ECS does not scope these actions (nor "
                "ecr:GetAuthorizationToken) to resources; aws-cdk-lib generates this policy.",
                "AwsSolutions-IAM5[Action::ecs:Submit*]",
                "AwsSolutions-IAM5[Resource::*]",
            )
        if vpc_defined:
            acknowledge(
                self.vpc,
                "Public subnets route to the internet gateway by design: they hold only the "
                "NAT gateway and internet-facing load balancers, and get no public IP "
                "addresses automatically; tasks and instances run in the private subnets.",
                "NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW",
                "HIPAA.Security-VPCNoUnrestrictedRouteToIGW",
            )


def _check_options(
    *,
    vpc: ec2.IVpc | None,
    fargate: bool,
    ec2_capacity: Sequence[Ec2Capacity],
    service_connect_namespace: str | None,
) -> dict[str, InstanceSpec]:
    if not fargate and not ec2_capacity:
        raise ValidationError(
            "fargate=False with no ec2_capacity leaves the cluster no capacity: keep "
            "fargate=True or give at least one Ec2Capacity."
        )
    if (
        service_connect_namespace is not None
        and not Token.is_unresolved(service_connect_namespace)
        and not _NAMESPACE_NAME.match(service_connect_namespace)
    ):
        raise ValidationError(
            f"service_connect_namespace={service_connect_namespace!r} is not a namespace "
            "name Service Connect can use: give lower-case DNS labels (letters, digits "
            "and inner hyphens) joined by dots, such as 'internal', or None for no "
            "namespace."
        )
    if vpc is not None and ec2_capacity and not vpc.private_subnets:
        raise ValidationError(
            "ec2_capacity needs private subnets, and the vpc given has none: give a VPC "
            "with private subnets (instances never get public IP addresses)."
        )

    specs: dict[str, InstanceSpec] = {}
    for index, options in enumerate(ec2_capacity):
        where = f"ec2_capacity[{index}]"
        if not isinstance(options, Ec2Capacity):
            raise ValidationError(f"{where} is {options!r}; give Ec2Capacity(...) objects.")
        name = options.name
        if not isinstance(name, str) or not _CAPACITY_NAME.match(name):
            raise ValidationError(
                f"{where}.name={name!r} is not a capacity name: use 1 to 32 lower-case "
                "letters, digits and hyphens, starting with a letter, such as 'gpu'."
            )
        if not isinstance(options.instance_type, ec2.InstanceType):
            raise ValidationError(
                f"{where}.instance_type={options.instance_type!r} is not an ec2.InstanceType: "
                f"give ec2.InstanceType({str(options.instance_type)!r})."
            )
        if name in FARGATE_CAPACITY_NAMES:
            raise ValidationError(
                f"{where}.name={name!r} is reserved for Fargate: choose another name, such "
                "as 'general' or 'gpu'."
            )
        if name in specs:
            raise ValidationError(
                f"{where}.name={name!r} is used by another capacity: names must be unique."
            )
        if not 0 <= options.min_capacity <= options.max_capacity or options.max_capacity < 1:
            raise ValidationError(
                f"{where} has min_capacity={options.min_capacity}, "
                f"max_capacity={options.max_capacity}: use 0 <= min_capacity <= "
                "max_capacity and max_capacity of 1 or more."
            )
        if not 1 <= options.target_capacity_percent <= 100:
            raise ValidationError(
                f"{where}.target_capacity_percent={options.target_capacity_percent} must be "
                "1 to 100."
            )
        if options.root_volume_gib is not None and not 8 <= options.root_volume_gib <= 16384:
            raise ValidationError(
                f"{where}.root_volume_gib={options.root_volume_gib} must be 8 to 16384 GiB."
            )
        specs[name] = _instance_spec(where, options)
    return specs


def _instance_spec(where: str, options: Ec2Capacity) -> InstanceSpec:
    type_name = options.instance_type.to_string()
    known = describe_instance_type(type_name)
    vcpus = options.vcpus if options.vcpus is not None else (known.vcpus if known else None)
    memory = (
        options.memory_mib
        if options.memory_mib is not None
        else (known.memory_mib if known else None)
    )
    gpus = (
        options.gpus_per_instance
        if options.gpus_per_instance is not None
        else (known.gpus if known else None)
    )
    if vcpus is None or memory is None or gpus is None:
        raise ValidationError(
            f"{where}.instance_type={type_name!r} is not in the built-in catalog, so "
            "placement cannot tell what it holds: give vcpus=, memory_mib= and "
            "gpus_per_instance= on the Ec2Capacity."
        )
    for field, value in (("vcpus", vcpus), ("memory_mib", memory)):
        if value < 1:
            raise ValidationError(f"{where}.{field}={value} must be 1 or more.")
    if gpus < 0:
        raise ValidationError(f"{where}.gpus_per_instance={gpus} must be 0 or more.")
    arm = known.arm if known else False
    if gpus > 0 and arm and options.machine_image is None:
        raise ValidationError(
            f"{where}.instance_type={type_name!r} is an Arm GPU instance, and the ECS "
            "GPU-optimised image is x86_64 only: use an x86_64 GPU type such as g5.xlarge, "
            "or give machine_image= yourself."
        )
    return InstanceSpec(vcpus=vcpus, memory_mib=memory, gpus=gpus, arm=arm)


def _capacity_spec(name: str, spec: InstanceSpec, spot: bool) -> CapacitySpec:
    return CapacitySpec(
        name=name,
        cpu_units=spec.cpu_units,
        task_memory_mib=spec.task_memory_mib,
        gpus=spec.gpus,
        spot=spot,
    )
