"""ObservableService: a service on a HybridEc2FargateCluster, observable from its first deploy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import cast

from aws_cdk import Annotations, CfnOutput, Duration, Names, RemovalPolicy, Stack, Token
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from aws_cdk import aws_synthetics as synthetics
from constructs import Construct

from cdk_platform_patterns._nag import acknowledge
from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.hybrid_cluster import HybridEc2FargateCluster, Placement
from cdk_platform_patterns.observability.alarms import AlarmInput, define_alarms
from cdk_platform_patterns.observability.canary import define_canary
from cdk_platform_patterns.observability.canary_rules import (
    CANARY_RUNTIME_NAME,
    check_artifacts_expiration_days,
    check_canary_path,
    check_canary_runtime_name,
    check_canary_schedule_minutes,
)
from cdk_platform_patterns.observability.dashboard import define_dashboard
from cdk_platform_patterns.observability.options import (
    Exposure,
    LogDriver,
    Tracing,
    check_task_counts,
    derive_discovery_name,
    resolve_log_driver,
    resolve_tracing,
)
from cdk_platform_patterns.observability.sidecars import (
    TELEMETRY_POLICY_ID,
    add_log_router,
    add_telemetry_sidecar,
    firelens_to_cloudwatch,
)
from cdk_platform_patterns.observability.telemetry import (
    application_signals_environment,
    opentelemetry_environment,
)
from cdk_platform_patterns.observability.thresholds import (
    DEPLOYMENT_ALARMS_EXPOSED,
    DEPLOYMENT_ALARMS_UNEXPOSED,
    AlarmThresholds,
    check_alarm_thresholds,
)

__all__ = [
    "DEFAULT_CANARY",
    "AlarmThresholds",
    "CanaryOptions",
    "Exposure",
    "LogDriver",
    "ObservableService",
    "Tracing",
]

APP_CONTAINER = "app"
"""Container name of the application container."""

PORT_MAPPING_NAME = "http"
"""Name of the application's port mapping, which Service Connect refers to."""

DEREGISTRATION_DELAY = Duration.seconds(30)
"""How long a deregistered task keeps draining connections."""

HEALTH_CHECK_INTERVAL = Duration.seconds(10)
"""Seconds between two load balancer health checks of one task."""

HEALTHY_THRESHOLD = 2
"""Passing health checks in a row before a task receives traffic."""

ACCESS_LOG_EXPIRATION = Duration.days(90)
"""How long load balancer access logs are kept."""

SCALE_ON_CPU_PERCENT = 60
"""Average CPU utilisation that target tracking keeps the service at."""

_WARN_PLAIN_HTTP = "@cdk-platform-patterns/observable-service:plainHttp"
_WARN_CERTIFICATE_HOST = "@cdk-platform-patterns/observable-service:certificateHost"
_PERIOD = Duration.minutes(1)
_ELB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com"


@dataclass(frozen=True, kw_only=True)
class CanaryOptions:
    """A CloudWatch Synthetics canary that loads a path of the service's URL on a schedule."""

    path: str = "/"
    """URL path the canary loads. Default: ``"/"``."""

    every: Duration = field(default_factory=lambda: Duration.minutes(5))
    """How often the canary runs, in whole minutes from 1 to 60. Default: 5 minutes."""

    runtime: synthetics.Runtime | None = None
    """Synthetics runtime, a Node.js Puppeteer one that is not deprecated.

    Default: ``syn-nodejs-puppeteer-13.0`` (``CANARY_RUNTIME_NAME``).
    """

    artifacts_expiration: Duration = field(default_factory=lambda: Duration.days(30))
    """How long run results and failure screenshots are kept. Default: 30 days."""


DEFAULT_CANARY = CanaryOptions()
"""The canary a service gets when ``canary`` is left out: none for ``Exposure.NONE``."""


class ObservableService(Construct):
    """A containerised service on a ``HybridEc2FargateCluster`` with observability built in.

    It defines the task definition (Fargate or EC2 by placement), the ECS service with
    safe, fast rolling deployments and auto scaling, an Application Load Balancer (unless
    ``exposure`` is ``Exposure.NONE``), logs through FireLens, an OpenTelemetry sidecar,
    alarms on an encrypted SNS topic, a dashboard and a Synthetics canary, and registers
    the service with ECS Service Connect in the cluster's namespace.

    Example::

        web = ObservableService(stack, "Web",
            cluster=cluster,
            image=ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:stable"),
            container_port=80, cpu=512, memory_mib=1024, spot=True,
        )

    Tasks accept traffic only from the load balancer; to let another service reach it
    through Service Connect, allow it with ``web.service.connections.allow_from(...)``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        cluster: HybridEc2FargateCluster,
        image: ecs.ContainerImage,
        container_port: int = 80,
        cpu: int = 256,
        memory_mib: int = 512,
        gpu_count: int = 0,
        spot: bool = False,
        capacity: str | None = None,
        windows: bool = False,
        desired_count: int = 2,
        min_task_count: int | None = None,
        max_task_count: int | None = None,
        requests_per_target: int = 500,
        exposure: Exposure = Exposure.PUBLIC,
        certificate: acm.ICertificate | None = None,
        domain_name: str | None = None,
        health_check_path: str = "/",
        environment: Mapping[str, str] | None = None,
        command: Sequence[str] | None = None,
        tracing: Tracing | None = None,
        log_driver: LogDriver | None = None,
        log_retention: logs.RetentionDays = logs.RetentionDays.ONE_MONTH,
        canary: CanaryOptions | None = DEFAULT_CANARY,
        alarm_topic: sns.ITopic | None = None,
        alarm_thresholds: AlarmThresholds = AlarmThresholds(),  # noqa: B008 (frozen)
        service_connect: bool = True,
        service_connect_name: str | None = None,
    ) -> None:
        """Define the service and everything that makes it observable.

        Args:
            scope: the construct to define the service in.
            id: the construct id.
            cluster: the ``HybridEc2FargateCluster`` the service runs on.
            image: the application's container image.
            container_port: port the application listens on. Default: 80.
            cpu: task CPU units (1024 = 1 vCPU). Default: 256.
            memory_mib: task memory in MiB. Default: 512.
            gpu_count: GPUs for the application container; more than 0 needs EC2 GPU
                capacity. Default: 0.
            spot: whether to prefer Spot capacity. Default: False.
            capacity: a capacity name of the cluster to use instead of choosing.
                Default: chosen by ``cluster.placement()``.
            windows: whether the image is a Windows image. Default: False.
            desired_count: tasks to run at first. Default: 2.
            min_task_count: fewest tasks auto scaling keeps. Default: ``desired_count``.
            max_task_count: most tasks auto scaling starts. Default: four times the
                minimum, at least 2.
            requests_per_target: requests per task per minute that target tracking aims
                for (services with a load balancer). Default: 500.
            exposure: ``Exposure.PUBLIC`` (internet-facing load balancer),
                ``Exposure.INTERNAL`` (load balancer reachable from the VPC) or
                ``Exposure.NONE``. Default: ``Exposure.PUBLIC``.
            certificate: ACM certificate; turns on HTTPS on 443 with TLS 1.3/1.2 and an
                80-to-443 redirect. Default: plain HTTP on 80, with a warning.
            domain_name: host name that ``url`` and the canary use, one the certificate
                covers. Default: the load balancer's DNS name.
            health_check_path: path the load balancer checks. Default: ``"/"``.
            environment: environment variables of the application container, added to
                the ``OTEL_*`` ones. Default: none.
            command: command of the application container. Default: the image's.
            tracing: ``Tracing.OPENTELEMETRY`` (ADOT collector to X-Ray),
                ``Tracing.APPLICATION_SIGNALS`` (CloudWatch agent) or ``Tracing.NONE``.
                Default: ``Tracing.OPENTELEMETRY`` on Linux, ``Tracing.NONE`` on Windows.
            log_driver: ``LogDriver.FIRELENS`` or ``LogDriver.AWSLOGS``. Default: FireLens
                on Linux, awslogs on Windows.
            log_retention: how long the log groups keep data. They are encrypted with the
                cluster's ``log_key`` (or a new key when the cluster has none) and kept
                when the stack is deleted. Default: one month.
            canary: the Synthetics canary, or None for none. Default: a canary on ``"/"``
                every 5 minutes for services with a load balancer, none otherwise.
            alarm_topic: SNS topic every alarm notifies. Default: a new topic encrypted
                with a new customer-managed KMS key that CloudWatch may use.
            alarm_thresholds: when the alarms go off. Default: ``AlarmThresholds()``.
            service_connect: whether to register in the cluster's Service Connect
                namespace (ignored when the cluster has none, and for Windows tasks, which
                Service Connect does not support). Default: True.
            service_connect_name: name other services use to reach this one. Default:
                the construct id in lower case.

        Raises:
            ValidationError: for options that cannot work together, naming the option,
                the value and what would work.
        """
        super().__init__(scope, id)

        if not isinstance(cluster, HybridEc2FargateCluster):
            raise ValidationError(
                f"cluster={type(cluster).__name__} is not a HybridEc2FargateCluster: give the "
                "HybridEc2FargateCluster itself (not its .cluster), so placement can choose "
                "the capacity."
            )
        _check_scalars(
            container_port=container_port,
            requests_per_target=requests_per_target,
            health_check_path=health_check_path,
        )
        if not isinstance(exposure, Exposure):
            raise ValidationError(
                f"exposure={exposure!r} is not an Exposure: give Exposure.PUBLIC, "
                "Exposure.INTERNAL or Exposure.NONE."
            )
        exposed = exposure is not Exposure.NONE
        if not exposed and certificate is not None:
            raise ValidationError(
                "certificate= was given with exposure=Exposure.NONE, which has no load "
                "balancer to use it: give exposure=Exposure.PUBLIC or Exposure.INTERNAL, "
                "or leave certificate out."
            )
        check_alarm_thresholds(alarm_thresholds)
        resolved_log_driver = resolve_log_driver(log_driver, windows=windows)
        resolved_tracing = resolve_tracing(tracing, windows=windows)
        self._tracing = resolved_tracing
        min_tasks, max_tasks = check_task_counts(
            desired_count=desired_count,
            min_task_count=min_task_count,
            max_task_count=max_task_count,
        )
        canary_options = _check_canary(canary, exposed=exposed)
        discovery_name = derive_discovery_name(id, service_connect_name)

        placement = cluster.placement(
            cpu=cpu,
            memory_mib=memory_mib,
            gpu_count=gpu_count,
            spot=spot,
            capacity=capacity,
            windows=windows,
        )
        self.placement: Placement = placement
        """Where the service runs, as ``cluster.placement()`` decided."""
        _warn_if_gpus_run_short(self, cluster, placement, max_tasks)

        alarm_prefix = f"{Stack.of(self).stack_name}-{Names.unique_id(self)}"
        deployment_alarm_names = [
            f"{alarm_prefix}-{name}"
            for name in (DEPLOYMENT_ALARMS_EXPOSED if exposed else DEPLOYMENT_ALARMS_UNEXPOSED)
        ]
        # ECS Service Connect runs a Linux proxy container, so Windows tasks go without.
        use_service_connect = service_connect and cluster.namespace is not None and not windows

        log_key = cluster.log_key or self._define_log_key()
        self.log_group = logs.LogGroup(
            self,
            "Logs",
            retention=log_retention,
            encryption_key=log_key,
            removal_policy=RemovalPolicy.RETAIN,
        )
        """Log group of the application container (and the telemetry sidecar)."""

        self.task_definition = ecs.TaskDefinition(
            self,
            "TaskDefinition",
            compatibility=placement.compatibility,
            cpu=str(placement.cpu),
            memory_mib=str(placement.memory_mib),
            network_mode=ecs.NetworkMode.AWS_VPC,
            runtime_platform=(
                ecs.RuntimePlatform(
                    operating_system_family=ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
                    cpu_architecture=ecs.CpuArchitecture.X86_64,
                )
                if windows
                else None
            ),
        )
        """Task definition: Fargate or EC2 (awsvpc network mode) as placement decided."""

        self.router_log_group: logs.LogGroup | None = None
        """Log group of the FireLens log router itself; None with ``LogDriver.AWSLOGS``."""
        if resolved_log_driver is LogDriver.FIRELENS:
            self.router_log_group = logs.LogGroup(
                self,
                "LogRouterLogs",
                retention=log_retention,
                encryption_key=log_key,
                removal_policy=RemovalPolicy.RETAIN,
            )
            add_log_router(self.task_definition, router_log_group=self.router_log_group)
            app_logging = firelens_to_cloudwatch(self.log_group, stream_prefix=APP_CONTAINER)
            self.log_group.grant_write(self.task_definition.task_role)
        else:
            app_logging = ecs.LogDrivers.aws_logs(
                stream_prefix=APP_CONTAINER, log_group=self.log_group
            )

        telemetry = add_telemetry_sidecar(
            self.task_definition, tracing=resolved_tracing, log_group=self.log_group
        )
        app_environment: dict[str, str] = {}
        if resolved_tracing is Tracing.OPENTELEMETRY:
            app_environment.update(opentelemetry_environment(discovery_name))
        elif resolved_tracing is Tracing.APPLICATION_SIGNALS:
            app_environment.update(application_signals_environment(discovery_name))
        app_environment.update(environment or {})
        self._user_environment = dict(environment or {})

        self.container = self.task_definition.add_container(
            "App",
            container_name=APP_CONTAINER,
            image=image,
            essential=True,
            port_mappings=[
                ecs.PortMapping(
                    container_port=container_port,
                    name=PORT_MAPPING_NAME,
                    app_protocol=cast(ecs.AppProtocol, ecs.AppProtocol.http),
                )
            ],
            logging=app_logging,
            environment=app_environment or None,
            command=list(command) if command is not None else None,
            gpu_count=placement.gpu_count or None,
        )
        """The application container."""
        if telemetry is not None:
            self.container.add_container_dependencies(
                ecs.ContainerDependency(
                    container=telemetry, condition=ecs.ContainerDependencyCondition.START
                )
            )

        self.security_group = ec2.SecurityGroup(
            self,
            "SecurityGroup",
            vpc=cluster.vpc,
            description="Tasks of the service; inbound only from its load balancer",
            allow_all_outbound=True,
        )
        """Security group of the tasks."""

        # The namespace by ARN, never by a bare name: aws-cdk-lib would otherwise write the
        # cluster default's name, which ECS resolves only within the account and region.
        service_connect_props = (
            ecs.ServiceConnectProps(
                namespace=cluster.namespace.namespace_arn if cluster.namespace else None,
                services=[
                    ecs.ServiceConnectService(
                        port_mapping_name=PORT_MAPPING_NAME,
                        discovery_name=discovery_name,
                        port=container_port,
                    )
                ],
            )
            if use_service_connect
            else None
        )
        circuit_breaker = ecs.DeploymentCircuitBreaker(enable=True, rollback=True)
        deployment_alarms = ecs.DeploymentAlarmConfig(
            alarm_names=deployment_alarm_names,
            behavior=ecs.AlarmBehavior.ROLLBACK_ON_ALARM,
        )
        subnets = ec2.SubnetSelection(subnets=cluster.vpc.private_subnets)
        grace_period = Duration.seconds(60) if exposed else None
        self.service: ecs.BaseService
        """The ECS service (``ecs.FargateService`` or ``ecs.Ec2Service``).

        It never has a launch type: it runs on ``placement.capacity_provider_strategies``.
        """
        # One call for both: the generic task definition fits either class, and Fargate
        # tasks get no public IP address by default.
        service_class = ecs.FargateService if placement.is_fargate else ecs.Ec2Service
        self.service = service_class(
            self,
            "Service",
            cluster=cluster.cluster,
            task_definition=self.task_definition,
            desired_count=desired_count,
            capacity_provider_strategies=placement.capacity_provider_strategies,
            circuit_breaker=circuit_breaker,
            deployment_alarms=deployment_alarms,
            min_healthy_percent=100,
            max_healthy_percent=200,
            security_groups=[self.security_group],
            vpc_subnets=subnets,
            enable_ecs_managed_tags=True,
            propagate_tags=ecs.PropagatedTagSource.SERVICE,
            service_connect_configuration=service_connect_props,
            health_check_grace_period=grace_period,
        )

        self.load_balancer: elbv2.ApplicationLoadBalancer | None = None
        """The Application Load Balancer; None for ``Exposure.NONE``."""
        self.listener: elbv2.ApplicationListener | None = None
        """The listener that forwards to the tasks (HTTPS 443 or HTTP 80); None without a
        load balancer."""
        self.target_group: elbv2.ApplicationTargetGroup | None = None
        """The target group of the tasks; None without a load balancer."""
        self.access_logs_bucket: s3.Bucket | None = None
        """Bucket of the load balancer's access logs (SSE-S3, SSL only, kept 90 days)."""
        self.url: str | None = None
        """``http(s)://`` URL of the service; None without a load balancer."""
        if exposed:
            self._define_load_balancer(
                cluster=cluster,
                public=exposure is Exposure.PUBLIC,
                certificate=certificate,
                container_port=container_port,
                health_check_path=health_check_path,
            )
            host = domain_name or self._lb().load_balancer_dns_name
            self.url = f"{'https' if certificate else 'http'}://{host}"
            if certificate is not None and domain_name is None:
                Annotations.of(self).add_warning_v2(
                    _WARN_CERTIFICATE_HOST,
                    "certificate= is given without domain_name=: url and the canary use the "
                    "load balancer's DNS name, which the certificate does not cover, so the "
                    "canary fails on the TLS name check. Give domain_name=.",
                )

        scaling = self.service.auto_scale_task_count(min_capacity=min_tasks, max_capacity=max_tasks)
        scaling.scale_on_cpu_utilization(
            "CpuScaling", target_utilization_percent=SCALE_ON_CPU_PERCENT
        )
        if self.target_group is not None:
            scaling.scale_on_request_count(
                "RequestScaling",
                requests_per_target=requests_per_target,
                target_group=self.target_group,
            )

        self.canary: synthetics.Canary | None = None
        """The Synthetics canary; None when there is none."""
        self.canary_artifacts_bucket: s3.Bucket | None = None
        """Bucket of the canary's run results and screenshots; None without a canary."""
        self._canary_every = _PERIOD
        if canary_options is not None:
            assert self.url is not None
            self._canary_every = canary_options.every
            canary_security_group = None
            if exposure is Exposure.INTERNAL:
                canary_security_group = ec2.SecurityGroup(
                    self,
                    "CanarySecurityGroup",
                    vpc=cluster.vpc,
                    description="Synthetics canary of the service",
                    allow_all_outbound=True,
                )
            self.canary, self.canary_artifacts_bucket = define_canary(
                self,
                url=self.url + canary_options.path,
                runtime=canary_options.runtime or _default_runtime(),
                every=canary_options.every,
                artifacts_expiration=canary_options.artifacts_expiration,
                vpc=cluster.vpc if canary_security_group is not None else None,
                security_groups=[canary_security_group] if canary_security_group else [],
            )

        self.alarm_topic: sns.ITopic = alarm_topic or self._define_alarm_topic()
        """SNS topic every alarm notifies."""
        self.alarms: Mapping[str, cloudwatch.Alarm] = MappingProxyType(
            define_alarms(
                Construct(self, "Alarms"),
                inputs=self._alarm_inputs(alarm_thresholds),
                topic=self.alarm_topic,
                name_prefix=alarm_prefix,
            )
        )
        """Alarms by stable name: ``CpuHigh``, ``MemoryHigh``, ``RunningTasksLow`` and,
        with a load balancer, ``Http5xx``, ``LatencyP99High``, ``UnhealthyTargets`` and
        (with a canary) ``CanaryFailing``."""
        if exposed:
            # The service names its deployment alarms as strings, so CloudFormation does not
            # see that it needs them. The load balancer alarms do not refer to the service,
            # so it can wait for them; alarms on service metrics cannot (that would be a
            # cycle), and ECS accepts names of alarms that are created just after it.
            for name in DEPLOYMENT_ALARMS_EXPOSED:
                self.service.node.add_dependency(self.alarms[name])
        self.dashboard = define_dashboard(
            self, graphs=self._dashboard_graphs(), alarms=list(self.alarms.values())
        )
        """CloudWatch dashboard of the service."""

        self._acknowledge_inherent_findings(exposure=exposure)
        self.service_connect_endpoint: str | None = (
            f"http://{discovery_name}:{container_port}" if use_service_connect else None
        )
        """Where other services on the cluster reach this one through Service Connect,
        such as ``http://orders:8080``; None when the service does not register."""

        if self.url is not None:
            CfnOutput(self, "Url", value=self.url, description="URL of the service")

    @property
    def connections(self) -> ec2.Connections:
        """Network connections of the service's tasks, to allow traffic from other peers."""
        return self.service.connections

    @property
    def task_role(self) -> iam.IRole:
        """Role the application's tasks run as: grant it what the application calls."""
        return self.task_definition.task_role

    def metric_cpu_utilization(self) -> cloudwatch.Metric:
        """Average CPU utilisation of the service's tasks, in percent, per minute."""
        return self.service.metric_cpu_utilization(period=_PERIOD)

    def metric_memory_utilization(self) -> cloudwatch.Metric:
        """Average memory utilisation of the service's tasks, in percent, per minute."""
        return self.service.metric_memory_utilization(period=_PERIOD)

    def metric_running_task_count(self) -> cloudwatch.Metric:
        """Running tasks of the service (Container Insights), per minute."""
        return self._container_insights("RunningTaskCount", "Running tasks")

    def metric_request_count(self) -> cloudwatch.Metric:
        """Requests the load balancer sent to the tasks, per minute.

        Raises:
            ValidationError: for a service without a load balancer.
        """
        return self._tg("metric_request_count").metrics.request_count(
            period=_PERIOD, label="Requests"
        )

    def metric_5xx_count(self) -> cloudwatch.IMetric:
        """5xx responses per minute, from the tasks and from the load balancer itself.

        Raises:
            ValidationError: for a service without a load balancer.
        """
        target_group = self._tg("metric_5xx_count")
        return cloudwatch.MathExpression(
            expression="FILL(targets, 0) + FILL(balancer, 0)",
            using_metrics={
                "targets": target_group.metrics.http_code_target(
                    elbv2.HttpCodeTarget.TARGET_5XX_COUNT, period=_PERIOD
                ),
                "balancer": self._lb().metrics.http_code_elb(
                    elbv2.HttpCodeElb.ELB_5XX_COUNT, period=_PERIOD
                ),
            },
            period=_PERIOD,
            label="5xx responses",
        )

    def metric_latency(self, percentile: float = 99) -> cloudwatch.Metric:
        """Target response time at ``percentile`` (0 to 100, exclusive), in seconds.

        Raises:
            ValidationError: for a service without a load balancer, or a percentile out
                of range.
        """
        if isinstance(percentile, bool) or not 0 < percentile < 100:
            raise ValidationError(
                f"percentile={percentile!r} is out of range: give a number between 0 and "
                "100, such as 99."
            )
        return self._tg("metric_latency").metrics.target_response_time(
            period=_PERIOD, statistic=f"p{percentile:g}", label=f"p{percentile:g}"
        )

    def _define_log_key(self) -> kms.Key:
        key = kms.Key(
            self,
            "LogKey",
            description="Encrypts the service's log groups",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        key.grant_encrypt_decrypt(
            iam.ServicePrincipal(f"logs.{Stack.of(self).region}.amazonaws.com")
        )
        return key

    def _define_alarm_topic(self) -> sns.Topic:
        # CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, so
        # the topic gets its own key whose policy lets CloudWatch use it.
        key = kms.Key(
            self,
            "AlarmTopicKey",
            description="Encrypts the service's alarm topic",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowCloudWatchAlarms",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey*"],
                resources=["*"],
                conditions={"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
            )
        )
        return sns.Topic(self, "AlarmTopic", master_key=key, enforce_ssl=True)

    def _define_load_balancer(
        self,
        *,
        cluster: HybridEc2FargateCluster,
        public: bool,
        certificate: acm.ICertificate | None,
        container_port: int,
        health_check_path: str,
    ) -> None:
        vpc = cluster.vpc
        load_balancer = elbv2.ApplicationLoadBalancer(
            self,
            "LoadBalancer",
            vpc=vpc,
            internet_facing=public,
            vpc_subnets=ec2.SubnetSelection(
                subnets=vpc.public_subnets if public else vpc.private_subnets
            ),
            drop_invalid_header_fields=True,
        )
        self.access_logs_bucket = s3.Bucket(
            self,
            "AccessLogs",
            # Load balancers can only write access logs to SSE-S3 buckets.
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="ExpireAccessLogs",
                    expiration=ACCESS_LOG_EXPIRATION,
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
        _log_access(load_balancer, self.access_logs_bucket)

        target_group = elbv2.ApplicationTargetGroup(
            self,
            "TargetGroup",
            vpc=vpc,
            port=container_port,
            protocol=elbv2.ApplicationProtocol.HTTP,
            target_type=elbv2.TargetType.IP,
            deregistration_delay=DEREGISTRATION_DELAY,
            health_check=elbv2.HealthCheck(
                path=health_check_path,
                interval=HEALTH_CHECK_INTERVAL,
                healthy_threshold_count=HEALTHY_THRESHOLD,
                unhealthy_threshold_count=3,
                timeout=Duration.seconds(5),
                healthy_http_codes="200-399",
            ),
            targets=[
                self.service.load_balancer_target(
                    container_name=APP_CONTAINER, container_port=container_port
                )
            ],
        )
        if certificate is not None:
            listener = load_balancer.add_listener(
                "Listener",
                port=443,
                protocol=elbv2.ApplicationProtocol.HTTPS,
                certificates=[elbv2.ListenerCertificate.from_certificate_manager(certificate)],
                ssl_policy=elbv2.SslPolicy.RECOMMENDED_TLS,
                default_target_groups=[target_group],
                open=public,
            )
            redirect = load_balancer.add_redirect(source_port=80, target_port=443, open=public)
            acknowledge(
                redirect,
                "This port-80 listener only redirects to the HTTPS listener, which uses the "
                "ACM certificate; it never serves content.",
                "NIST.800.53.R5-ELBv2ACMCertificateRequired",
                "HIPAA.Security-ELBv2ACMCertificateRequired",
            )
            ports: tuple[int, ...] = (443, 80)
        else:
            listener = load_balancer.add_listener(
                "Listener",
                port=80,
                protocol=elbv2.ApplicationProtocol.HTTP,
                default_target_groups=[target_group],
                open=public,
            )
            ports = (80,)
            Annotations.of(self).add_warning_v2(
                _WARN_PLAIN_HTTP,
                "No certificate= is given, so the load balancer serves plain HTTP on port 80. "
                "Give an ACM certificate for HTTPS, or acknowledge this warning.",
            )
        if not public:
            for port in ports:
                load_balancer.connections.allow_from(
                    ec2.Peer.ipv4(vpc.vpc_cidr_block),
                    ec2.Port.tcp(port),
                    "From inside the VPC",
                )
        self.load_balancer = load_balancer
        self.listener = listener
        self.target_group = target_group

    def _lb(self) -> elbv2.ApplicationLoadBalancer:
        if self.load_balancer is None:
            raise ValidationError(
                "this service has exposure=Exposure.NONE, so it has no load balancer."
            )
        return self.load_balancer

    def _tg(self, method: str) -> elbv2.ApplicationTargetGroup:
        if self.target_group is None:
            raise ValidationError(
                f"{method}() needs a load balancer, and this service has "
                "exposure=Exposure.NONE: use Exposure.PUBLIC or Exposure.INTERNAL."
            )
        return self.target_group

    def _container_insights(self, metric_name: str, label: str) -> cloudwatch.Metric:
        return cloudwatch.Metric(
            namespace="ECS/ContainerInsights",
            metric_name=metric_name,
            dimensions_map={
                "ClusterName": self.service.cluster.cluster_name,
                "ServiceName": self.service.service_name,
            },
            statistic=cloudwatch.Stats.AVERAGE,
            period=_PERIOD,
            label=label,
        )

    def _alarm_inputs(self, thresholds: AlarmThresholds) -> dict[str, AlarmInput]:
        periods = thresholds.evaluation_periods
        inputs = {
            "CpuHigh": AlarmInput(
                metric=self.metric_cpu_utilization(),
                threshold=thresholds.cpu_percent,
                evaluation_periods=periods,
                summary=f"CPU utilisation above {thresholds.cpu_percent:g}%.",
            ),
            "MemoryHigh": AlarmInput(
                metric=self.metric_memory_utilization(),
                threshold=thresholds.memory_percent,
                evaluation_periods=periods,
                summary=f"Memory utilisation above {thresholds.memory_percent:g}%.",
            ),
            "RunningTasksLow": AlarmInput(
                metric=cloudwatch.MathExpression(
                    expression="desired - running",
                    using_metrics={
                        "desired": self._container_insights("DesiredTaskCount", "Desired"),
                        "running": self.metric_running_task_count(),
                    },
                    period=_PERIOD,
                    label="Tasks missing",
                ),
                threshold=1,
                evaluation_periods=periods,
                summary="Fewer tasks running than desired.",
            ),
        }
        if self.target_group is None:
            return inputs
        inputs["Http5xx"] = AlarmInput(
            metric=self.metric_5xx_count(),
            threshold=thresholds.http_5xx_per_minute,
            evaluation_periods=periods,
            summary=f"{thresholds.http_5xx_per_minute} or more 5xx responses a minute.",
        )
        inputs["LatencyP99High"] = AlarmInput(
            metric=self.metric_latency(99),
            threshold=thresholds.latency_p99_ms / 1000,
            evaluation_periods=periods,
            summary=f"p99 response time above {thresholds.latency_p99_ms} ms.",
        )
        inputs["UnhealthyTargets"] = AlarmInput(
            metric=self.target_group.metrics.unhealthy_host_count(
                period=_PERIOD, statistic=cloudwatch.Stats.MAXIMUM
            ),
            threshold=thresholds.unhealthy_targets,
            evaluation_periods=periods,
            summary=f"{thresholds.unhealthy_targets} or more unhealthy targets.",
        )
        if self.canary is not None:
            inputs["CanaryFailing"] = AlarmInput(
                metric=self.canary.metric_success_percent(period=self._canary_every),
                threshold=100,
                evaluation_periods=1,
                summary="The canary failed a run.",
            )
        return inputs

    def _dashboard_graphs(self) -> dict[str, list[cloudwatch.IMetric]]:
        graphs: dict[str, list[cloudwatch.IMetric]] = {}
        if self.target_group is not None:
            graphs["Requests"] = [self.metric_request_count()]
            graphs["Latency (seconds)"] = [
                self.metric_latency(50),
                self.metric_latency(90),
                self.metric_latency(99),
            ]
            graphs["Errors"] = [self.metric_5xx_count()]
        graphs["CPU utilisation (%)"] = [self.metric_cpu_utilization()]
        graphs["Memory utilisation (%)"] = [self.metric_memory_utilization()]
        graphs["Tasks"] = [
            self.metric_running_task_count(),
            self._container_insights("DesiredTaskCount", "Desired tasks"),
        ]
        if self.canary is not None:
            graphs["Canary success (%)"] = [
                self.canary.metric_success_percent(period=self._canary_every)
            ]
        return graphs

    def _acknowledge_inherent_findings(self, *, exposure: Exposure) -> None:
        acknowledge(
            self.task_definition,
            "The task and execution roles get policies that aws-cdk-lib generates for this "
            "one service's log groups, image and telemetry; they are not shared, so an "
            "inline policy is the narrowest form.",
            "NIST.800.53.R5-IAMNoInlinePolicy",
            "HIPAA.Security-IAMNoInlinePolicy",
        )
        if not self._user_environment:
            # Only when every variable is ours: a user's own environment is theirs to judge.
            acknowledge(
                self.task_definition,
                "The container environment holds only non-secret settings: the standard "
                "OTEL_* variables and the telemetry sidecar's configuration. Secrets belong "
                "in ecs.Secret values, which this check does not flag.",
                "AwsSolutions-ECS2",
            )
        telemetry_policy = self.task_definition.node.try_find_child(TELEMETRY_POLICY_ID)
        if telemetry_policy is not None:
            acknowledge(
                telemetry_policy,
                "X-Ray's PutTraceSegments, PutTelemetryRecords and GetSampling* actions have "
                "no resource-level permissions, so the telemetry sidecar needs them on '*'. "
                "They sit in this policy alone, so grants added to the task role are still "
                "checked.",
                "AwsSolutions-IAM5[Resource::*]",
            )
        if self._tracing is Tracing.APPLICATION_SIGNALS and telemetry_policy is not None:
            acknowledge(
                telemetry_policy,
                "The CloudWatch agent writes Application Signals data to log streams it names "
                "itself in the fixed /aws/application-signals/data log group, so the grant "
                "covers that one group's streams.",
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:"
                "<AWS::AccountId>:log-group:/aws/application-signals/data:*]",
            )
        buckets = [
            (self.access_logs_bucket, "load balancer access logs"),
            (self.canary_artifacts_bucket, "canary run results"),
        ]
        for bucket, what in buckets:
            if bucket is None:
                continue
            acknowledge(
                bucket,
                f"This bucket holds {what}, which expire on a lifecycle rule: it is itself "
                "a log destination, so it is not replicated, versioned or access-logged, "
                "and it uses SSE-S3 because the writing service does not support SSE-KMS "
                "for it.",
                "AwsSolutions-S1",
                "NIST.800.53.R5-S3BucketLoggingEnabled",
                "NIST.800.53.R5-S3BucketReplicationEnabled",
                "NIST.800.53.R5-S3BucketVersioningEnabled",
                "NIST.800.53.R5-S3DefaultEncryptionKMS",
                "HIPAA.Security-S3BucketLoggingEnabled",
                "HIPAA.Security-S3BucketReplicationEnabled",
                "HIPAA.Security-S3BucketVersioningEnabled",
                "HIPAA.Security-S3DefaultEncryptionKMS",
            )
        if self.load_balancer is not None:
            acknowledge(
                self.load_balancer,
                "A web application firewall is a choice that depends on the application; "
                "associate a WAF web ACL with the load balancer to add one. Deletion "
                "protection is off so that the stack can be deleted.",
                "NIST.800.53.R5-ALBWAFEnabled",
                "NIST.800.53.R5-ELBDeletionProtectionEnabled",
                "HIPAA.Security-ELBDeletionProtectionEnabled",
            )
            if exposure is Exposure.PUBLIC:
                acknowledge(
                    self.load_balancer,
                    "The load balancer is internet-facing by design (Exposure.PUBLIC), so "
                    "its security group admits the listener ports from anywhere.",
                    "AwsSolutions-EC23",
                )
            if exposure is Exposure.INTERNAL:
                acknowledge(
                    self.load_balancer,
                    "The internal load balancer admits its listener ports from the VPC's own "
                    "CIDR block only; the block is a CloudFormation reference, which the "
                    "rule cannot read, so it assumes any address.",
                    "AwsSolutions-EC23",
                    "NIST.800.53.R5-EC2RestrictedCommonPorts",
                    "NIST.800.53.R5-EC2RestrictedSSH",
                    "HIPAA.Security-EC2RestrictedCommonPorts",
                    "HIPAA.Security-EC2RestrictedSSH",
                )
                if self.canary is not None:
                    acknowledge(
                        self.canary,
                        "A canary in a VPC needs to manage its network interfaces; AWS's "
                        "AWSLambdaVPCAccessExecutionRole is the policy Synthetics documents "
                        "for that, and aws-cdk-lib attaches it.",
                        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
                        "service-role/AWSLambdaVPCAccessExecutionRole]",
                    )
        if self.canary is not None:
            acknowledge(
                self.canary,
                "aws-cdk-lib generates the canary role's policy: Synthetics needs "
                "s3:ListAllMyBuckets, cloudwatch:PutMetricData (limited to the "
                "CloudWatchSynthetics namespace), the objects of this canary's own artifacts "
                "bucket and the cwsyn-* Lambda log groups that Synthetics names itself.",
                "AwsSolutions-IAM5[Resource::*]",
                f"AwsSolutions-IAM5[Resource::<{_logical_ref(self.canary_artifacts_bucket)}.Arn>/*]",
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:"
                "<AWS::AccountId>:log-group:/aws/lambda/cwsyn-*]",
                "Serverless-LambdaStarPermissions",
                "NIST.800.53.R5-IAMNoInlinePolicy",
                "HIPAA.Security-IAMNoInlinePolicy",
            )


def _log_access(load_balancer: elbv2.ApplicationLoadBalancer, bucket: s3.Bucket) -> None:
    stack = Stack.of(load_balancer)
    if not Token.is_unresolved(stack.region):
        load_balancer.log_access_logs(bucket)
        return
    # aws-cdk-lib needs a region to pick the regional ELB account for the bucket policy.
    # Without one (an environment-agnostic stack), grant the log delivery service
    # principal that Elastic Load Balancing uses instead of the regional account.
    load_balancer.set_attribute("access_logs.s3.enabled", "true")
    load_balancer.set_attribute("access_logs.s3.bucket", bucket.bucket_name)
    bucket.add_to_resource_policy(
        iam.PolicyStatement(
            sid="ElbLogDelivery",
            actions=["s3:PutObject"],
            principals=[iam.ServicePrincipal(_ELB_LOG_DELIVERY)],
            resources=[bucket.arn_for_objects(f"AWSLogs/{stack.account}/*")],
        )
    )
    assert bucket.policy is not None
    load_balancer.node.add_dependency(bucket.policy)


def _logical_ref(bucket: s3.Bucket | None) -> str:
    assert bucket is not None
    return Stack.of(bucket).resolve(bucket.bucket_arn)["Fn::GetAtt"][0]  # type: ignore[no-any-return]


def _default_runtime() -> synthetics.Runtime:
    return synthetics.Runtime(CANARY_RUNTIME_NAME, synthetics.RuntimeFamily.NODEJS)


def _check_canary(canary: CanaryOptions | None, *, exposed: bool) -> CanaryOptions | None:
    if canary is None:
        return None
    if canary is DEFAULT_CANARY and not exposed:
        return None
    if not isinstance(canary, CanaryOptions):
        raise ValidationError(
            f"canary={canary!r} is not a CanaryOptions: give CanaryOptions(...) or None."
        )
    if not exposed:
        raise ValidationError(
            "canary= was given with exposure=Exposure.NONE, and a canary needs a load "
            "balancer URL to load: give exposure=Exposure.PUBLIC or Exposure.INTERNAL, or "
            "canary=None."
        )
    check_canary_path(canary.path)
    if not Token.is_unresolved(canary.every.to_seconds()):
        check_canary_schedule_minutes(canary.every.to_seconds() / 60)
    check_artifacts_expiration_days(canary.artifacts_expiration.to_days(integral=False))
    if canary.runtime is not None:
        check_canary_runtime_name(canary.runtime.name)
    return canary


def _check_scalars(
    *, container_port: int, requests_per_target: int, health_check_path: str
) -> None:
    if (
        isinstance(container_port, bool)
        or not isinstance(container_port, int)
        or not (1 <= container_port <= 65535)
    ):
        raise ValidationError(
            f"container_port={container_port!r} is not a port: give 1 to 65535, such as 8080."
        )
    if (
        isinstance(requests_per_target, bool)
        or not isinstance(requests_per_target, int)
        or (requests_per_target < 1)
    ):
        raise ValidationError(
            f"requests_per_target={requests_per_target!r} must be a whole number of 1 or "
            "more, such as 500."
        )
    if not isinstance(health_check_path, str) or not health_check_path.startswith("/"):
        raise ValidationError(
            f"health_check_path={health_check_path!r} is not a URL path: give one that "
            "starts with '/', such as '/health'."
        )


_WARN_GPU_SHORT = "@cdk-platform-patterns/observable-service:gpuCapacityShort"


def _warn_if_gpus_run_short(
    scope: Construct, cluster: HybridEc2FargateCluster, placement: Placement, max_tasks: int
) -> None:
    """Warn when the GPU capacity cannot hold the most tasks scaling and deployments ask for."""
    if placement.gpu_count == 0 or placement.capacity not in cluster.capacities:
        return
    capacity = cluster.capacities[placement.capacity]
    gpus_per_instance = cluster.gpus_per_instance(placement.capacity)
    tasks_per_instance = gpus_per_instance // placement.gpu_count
    most_tasks = tasks_per_instance * capacity.max_capacity
    # A rolling deployment runs up to twice the tasks (maximum 200 %) for a while.
    wanted = max_tasks * 2
    if most_tasks < wanted:
        Annotations.of(scope).add_warning_v2(
            _WARN_GPU_SHORT,
            f"GPU capacity '{placement.capacity}' holds at most {most_tasks} task(s) of "
            f"gpu_count={placement.gpu_count} ({capacity.max_capacity} instance(s) with "
            f"{gpus_per_instance} GPU(s) each), but the service may scale to {max_tasks} "
            f"task(s) and a deployment runs up to {wanted}. Raise max_capacity of the "
            "Ec2Capacity to "
            f"{-(-wanted // tasks_per_instance) if tasks_per_instance else 'more'}, or lower "
            "max_task_count.",
        )
