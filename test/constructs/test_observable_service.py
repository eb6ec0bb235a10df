"""ObservableService: template tests on a few configurations synthesized once each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_synthetics as synthetics

from cdk_platform_patterns import HybridEc2FargateCluster, ValidationError
from cdk_platform_patterns.observability.telemetry import (
    ADOT_COLLECTOR_IMAGE,
    CLOUDWATCH_AGENT_IMAGE,
    FLUENT_BIT_IMAGE,
)
from cdk_platform_patterns.observable_service import (
    AlarmThresholds,
    CanaryOptions,
    Exposure,
    LogDriver,
    ObservableService,
    Tracing,
)
from service_fixtures import (
    CERTIFICATE_ARN,
    containers,
    environment,
    gpu_cluster,
    image,
    one,
    synthesized_service,
)
from support import Synthesized, new_app


@pytest.fixture(scope="module")
def public_http() -> Synthesized:
    return synthesized_service("public-http")


@pytest.fixture(scope="module")
def public_https() -> Synthesized:
    return synthesized_service("public-https")


@pytest.fixture(scope="module")
def gpu_worker() -> Synthesized:
    return synthesized_service("gpu-worker")


@pytest.fixture(scope="module")
def internal() -> Synthesized:
    return synthesized_service("internal-awslogs")


@pytest.fixture(scope="module")
def windows() -> Synthesized:
    return synthesized_service("windows")


def service_props(synth: Synthesized) -> dict[str, Any]:
    props: dict[str, Any] = one(synth.resources("AWS::ECS::Service"))["Properties"]
    return props


def alarms_by_name(synth: Synthesized) -> dict[str, dict[str, Any]]:
    found = {}
    for alarm in synth.resources("AWS::CloudWatch::Alarm").values():
        name = alarm["Properties"]["AlarmName"].rsplit("-", 1)[-1]
        found[name] = alarm["Properties"]
    return found


def lb_attributes(synth: Synthesized) -> dict[str, Any]:
    lb = one(synth.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"))
    return {a["Key"]: a["Value"] for a in lb["Properties"]["LoadBalancerAttributes"]}


# Placement --------------------------------------------------------------------------


def test_fargate_spot_service_uses_the_cluster_strategy_and_no_launch_type(
    public_http: Synthesized,
) -> None:
    props = service_props(public_http)
    assert "LaunchType" not in props
    providers = [e["CapacityProvider"] for e in props["CapacityProviderStrategy"]]
    assert providers == ["FARGATE", "FARGATE_SPOT"]


def test_fargate_task_definition_registers_the_placed_size(public_http: Synthesized) -> None:
    task = one(public_http.resources("AWS::ECS::TaskDefinition"))["Properties"]
    assert task["RequiresCompatibilities"] == ["FARGATE"]
    assert (task["Cpu"], task["Memory"]) == ("512", "1024")
    assert task["NetworkMode"] == "awsvpc"


def test_service_is_created_after_the_capacity_provider_association(
    public_http: Synthesized,
) -> None:
    (association_id,) = public_http.resources("AWS::ECS::ClusterCapacityProviderAssociations")
    service = one(public_http.resources("AWS::ECS::Service"))
    assert association_id in service["DependsOn"]


def test_gpu_worker_runs_on_ec2_gpu_capacity_with_awsvpc(gpu_worker: Synthesized) -> None:
    props = service_props(gpu_worker)
    assert "LaunchType" not in props
    (entry,) = props["CapacityProviderStrategy"]
    assert "Ref" in entry["CapacityProvider"]
    task = one(gpu_worker.resources("AWS::ECS::TaskDefinition"))["Properties"]
    assert task["RequiresCompatibilities"] == ["EC2"]
    assert task["NetworkMode"] == "awsvpc"
    app = containers(gpu_worker)["app"]
    assert app["ResourceRequirements"] == [{"Type": "GPU", "Value": "1"}]
    assert app["Command"] == ["sh", "-c", "nvidia-smi && sleep infinity"]


# Deployments and scaling ------------------------------------------------------------


def test_deployments_roll_back_on_circuit_breaker_and_alarms(public_http: Synthesized) -> None:
    config = service_props(public_http)["DeploymentConfiguration"]
    assert config["DeploymentCircuitBreaker"] == {"Enable": True, "Rollback": True}
    assert config["Alarms"]["Enable"] is True
    assert config["Alarms"]["Rollback"] is True
    names = {n.rsplit("-", 1)[-1] for n in config["Alarms"]["AlarmNames"]}
    assert names == {"Http5xx", "LatencyP99High", "UnhealthyTargets"}
    assert (config["MinimumHealthyPercent"], config["MaximumPercent"]) == (100, 200)


def test_deployment_alarm_names_are_the_alarms_the_service_defines(
    public_http: Synthesized,
) -> None:
    defined = {
        a["Properties"]["AlarmName"]
        for a in public_http.resources("AWS::CloudWatch::Alarm").values()
    }
    named = service_props(public_http)["DeploymentConfiguration"]["Alarms"]["AlarmNames"]
    assert set(named) <= defined


def test_service_waits_for_its_load_balancer_deployment_alarms(public_http: Synthesized) -> None:
    depends_on = one(public_http.resources("AWS::ECS::Service"))["DependsOn"]
    for name in ("Http5xx", "LatencyP99High", "UnhealthyTargets"):
        assert any(d.startswith(f"WebAlarms{name}") for d in depends_on), name


def test_worker_rolls_back_on_memory_alarm(gpu_worker: Synthesized) -> None:
    names = service_props(gpu_worker)["DeploymentConfiguration"]["Alarms"]["AlarmNames"]
    assert [n.rsplit("-", 1)[-1] for n in names] == ["MemoryHigh"]


def test_target_group_drains_and_checks_fast(public_http: Synthesized) -> None:
    group = one(public_http.resources("AWS::ElasticLoadBalancingV2::TargetGroup"))["Properties"]
    attributes = {a["Key"]: a["Value"] for a in group["TargetGroupAttributes"]}
    assert attributes["deregistration_delay.timeout_seconds"] == "30"
    assert group["HealthCheckIntervalSeconds"] == 10
    assert group["HealthyThresholdCount"] == 2
    assert group["TargetType"] == "ip"


def test_target_tracking_on_cpu_and_requests(public_http: Synthesized) -> None:
    policies = [
        p["Properties"]["TargetTrackingScalingPolicyConfiguration"]
        for p in public_http.resources("AWS::ApplicationAutoScaling::ScalingPolicy").values()
    ]
    kinds = {p["PredefinedMetricSpecification"]["PredefinedMetricType"] for p in policies}
    assert kinds == {"ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget"}
    target = one(public_http.resources("AWS::ApplicationAutoScaling::ScalableTarget"))
    assert (target["Properties"]["MinCapacity"], target["Properties"]["MaxCapacity"]) == (2, 8)


def test_task_count_options_reach_the_scalable_target(public_https: Synthesized) -> None:
    target = one(public_https.resources("AWS::ApplicationAutoScaling::ScalableTarget"))
    assert (target["Properties"]["MinCapacity"], target["Properties"]["MaxCapacity"]) == (2, 10)


def test_worker_scales_on_cpu_only(gpu_worker: Synthesized) -> None:
    policies = gpu_worker.resources("AWS::ApplicationAutoScaling::ScalingPolicy")
    assert len(policies) == 1


# Load balancer ----------------------------------------------------------------------


def test_https_listener_uses_a_modern_tls_policy_and_the_certificate(
    public_https: Synthesized,
) -> None:
    listeners = [
        r["Properties"]
        for r in public_https.resources("AWS::ElasticLoadBalancingV2::Listener").values()
    ]
    https = next(p for p in listeners if p["Protocol"] == "HTTPS")
    assert https["Port"] == 443
    assert https["SslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert https["Certificates"] == [{"CertificateArn": CERTIFICATE_ARN}]


def test_https_service_redirects_80_to_443(public_https: Synthesized) -> None:
    listeners = [
        r["Properties"]
        for r in public_https.resources("AWS::ElasticLoadBalancingV2::Listener").values()
    ]
    http = next(p for p in listeners if p["Protocol"] == "HTTP")
    (action,) = http["DefaultActions"]
    assert action["Type"] == "redirect"
    assert action["RedirectConfig"]["Port"] == "443"
    assert action["RedirectConfig"]["Protocol"] == "HTTPS"


def test_plain_http_warns_with_an_acknowledgeable_id(public_http: Synthesized) -> None:
    assert (
        "Annotation::@cdk-platform-patterns/observable-service:plainHttp",
        "Test/Web",
    ) in public_http.nag_violations()


def test_https_service_does_not_warn_about_plain_http(public_https: Synthesized) -> None:
    rules = {rule for rule, _ in public_https.nag_violations()}
    assert not any("plainHttp" in rule for rule in rules)


def test_load_balancer_drops_invalid_headers_and_logs_access(public_http: Synthesized) -> None:
    attributes = lb_attributes(public_http)
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "true"
    assert attributes["access_logs.s3.enabled"] == "true"
    bucket_id = attributes["access_logs.s3.bucket"]["Ref"]
    bucket = public_http.template()["Resources"][bucket_id]["Properties"]
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"] == [
        {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
    ]
    assert bucket["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] == 90
    assert bucket["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"] is True


def test_access_log_bucket_is_ssl_only(public_http: Synthesized) -> None:
    bucket_id = lb_attributes(public_http)["access_logs.s3.bucket"]["Ref"]
    policy = next(
        p["Properties"]["PolicyDocument"]
        for p in public_http.resources("AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket_id}
    )
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for s in policy["Statement"]
    )


def test_tasks_accept_traffic_only_from_the_load_balancer(public_http: Synthesized) -> None:
    resources = public_http.template()["Resources"]
    group_id = service_props(public_http)["NetworkConfiguration"]["AwsvpcConfiguration"][
        "SecurityGroups"
    ][0]["Fn::GetAtt"][0]
    assert "SecurityGroupIngress" not in resources[group_id]["Properties"]
    ingress = [
        r["Properties"]
        for r in public_http.resources("AWS::EC2::SecurityGroupIngress").values()
        if r["Properties"]["GroupId"] == {"Fn::GetAtt": [group_id, "GroupId"]}
    ]
    (rule,) = ingress
    lb = one(public_http.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"))
    assert rule["SourceSecurityGroupId"] == lb["Properties"]["SecurityGroups"][0]
    assert (rule["FromPort"], rule["ToPort"]) == (80, 80)


def test_internal_load_balancer_admits_only_the_vpc(internal: Synthesized) -> None:
    lb = one(internal.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"))["Properties"]
    assert lb["Scheme"] == "internal"
    groups = internal.resources("AWS::EC2::SecurityGroup").values()
    lb_group = next(g for g in groups if "ELB" in g["Properties"]["GroupDescription"])
    (rule,) = lb_group["Properties"]["SecurityGroupIngress"]
    assert rule["CidrIp"] == {"Fn::GetAtt": ["ClusterVpcFAA3CEDF", "CidrBlock"]}


def test_worker_has_no_load_balancer(gpu_worker: Synthesized) -> None:
    assert not gpu_worker.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
    assert service_props(gpu_worker).get("LoadBalancers", []) == []


# Logs ------------------------------------------------------------------------------


def test_app_logs_go_through_a_pinned_fluent_bit(public_http: Synthesized) -> None:
    found = containers(public_http)
    router = found["log-router"]
    assert router["Image"] == FLUENT_BIT_IMAGE
    assert not router["Image"].endswith(":latest")
    assert router["FirelensConfiguration"]["Type"] == "fluentbit"
    app = found["app"]["LogConfiguration"]
    assert app["LogDriver"] == "awsfirelens"
    assert app["Options"]["Name"] == "cloudwatch_logs"


def test_router_logs_to_its_own_group(public_http: Synthesized) -> None:
    found = containers(public_http)
    router_group = found["log-router"]["LogConfiguration"]["Options"]["awslogs-group"]
    app_group = found["app"]["LogConfiguration"]["Options"]["log_group_name"]
    assert router_group != app_group


def test_log_groups_keep_a_month_without_physical_names(public_http: Synthesized) -> None:
    app_group = containers(public_http)["app"]["LogConfiguration"]["Options"]["log_group_name"]
    group = public_http.template()["Resources"][app_group["Ref"]]["Properties"]
    assert group["RetentionInDays"] == 30
    assert "LogGroupName" not in group
    assert "KmsKeyId" in group


def test_task_role_may_write_the_app_log_group(public_http: Synthesized) -> None:
    app_group = containers(public_http)["app"]["LogConfiguration"]["Options"]["log_group_name"]
    statements = [
        s
        for p in public_http.resources("AWS::IAM::Policy").values()
        if "TaskRole" in json.dumps(p["Properties"]["Roles"])
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    assert any(
        "logs:PutLogEvents" in s["Action"]
        and s["Resource"] == {"Fn::GetAtt": [app_group["Ref"], "Arn"]}
        for s in statements
    )


def test_windows_service_logs_with_awslogs_without_sidecars_or_service_connect(
    windows: Synthesized,
) -> None:
    found = containers(windows)
    assert set(found) == {"app"}
    assert found["app"]["LogConfiguration"]["LogDriver"] == "awslogs"
    task = one(windows.resources("AWS::ECS::TaskDefinition"))["Properties"]
    assert task["RuntimePlatform"]["OperatingSystemFamily"] == "WINDOWS_SERVER_2022_CORE"
    assert "ServiceConnectConfiguration" not in service_props(windows)
    providers = [e["CapacityProvider"] for e in service_props(windows)["CapacityProviderStrategy"]]
    assert providers == ["FARGATE"]


def test_awslogs_option_has_no_log_router(internal: Synthesized) -> None:
    found = containers(internal)
    assert "log-router" not in found
    assert found["app"]["LogConfiguration"]["LogDriver"] == "awslogs"


# Traces ----------------------------------------------------------------------------


def test_opentelemetry_sidecar_is_a_pinned_adot_collector(public_http: Synthesized) -> None:
    found = containers(public_http)
    collector = found["telemetry"]
    assert collector["Image"] == ADOT_COLLECTOR_IMAGE
    config = environment(collector)["AOT_CONFIG_CONTENT"]
    assert "0.0.0.0:4317" in config
    assert "0.0.0.0:4318" in config
    assert "awsxray" in config
    assert not any("xray-daemon" in c["Image"] for c in found.values())


def test_app_gets_the_standard_otel_variables(public_http: Synthesized) -> None:
    env = environment(containers(public_http)["app"])
    assert env["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://localhost:4317"
    assert env["OTEL_SERVICE_NAME"] == "web"
    assert env["OTEL_PROPAGATORS"].endswith("xray")


def test_app_waits_for_the_collector(public_http: Synthesized) -> None:
    assert containers(public_http)["app"]["DependsOn"] == [
        {"Condition": "START", "ContainerName": "telemetry"}
    ]


def test_telemetry_permissions_are_on_the_task_role_only(public_http: Synthesized) -> None:
    by_role: dict[str, list[Any]] = {}
    for policy in public_http.resources("AWS::IAM::Policy").values():
        for role in policy["Properties"]["Roles"]:
            by_role.setdefault(role["Ref"], []).extend(
                policy["Properties"]["PolicyDocument"]["Statement"]
            )
    task_role = next(r for r in by_role if "TaskRole" in r)
    execution_role = next(r for r in by_role if "ExecutionRole" in r)
    assert any("xray:PutTraceSegments" in s["Action"] for s in by_role[task_role])
    assert not any("xray" in json.dumps(s["Action"]) for s in by_role[execution_role])


def test_application_signals_uses_the_cloudwatch_agent(public_https: Synthesized) -> None:
    found = containers(public_https)
    assert found["telemetry"]["Image"] == CLOUDWATCH_AGENT_IMAGE
    assert "application_signals" in environment(found["telemetry"])["CW_CONFIG_CONTENT"]
    env = environment(found["app"])
    assert env["OTEL_AWS_APPLICATION_SIGNALS_ENABLED"] == "true"
    assert env["APP_MODE"] == "production"


def test_no_tracing_means_no_sidecar_and_no_otel_variables(internal: Synthesized) -> None:
    found = containers(internal)
    assert set(found) == {"app"}
    assert not any(name.startswith("OTEL_") for name in environment(found["app"]))


# Alarms ----------------------------------------------------------------------------

EXPECTED_MISSING_DATA = {
    "CpuHigh": "notBreaching",
    "MemoryHigh": "notBreaching",
    "RunningTasksLow": "breaching",
    "Http5xx": "notBreaching",
    "LatencyP99High": "notBreaching",
    "UnhealthyTargets": "missing",
    "CanaryFailing": "breaching",
}


def test_exposed_service_defines_every_alarm(public_http: Synthesized) -> None:
    assert set(alarms_by_name(public_http)) == set(EXPECTED_MISSING_DATA)


def test_every_alarm_treats_missing_data_deliberately(public_http: Synthesized) -> None:
    for name, alarm in alarms_by_name(public_http).items():
        assert alarm["TreatMissingData"] == EXPECTED_MISSING_DATA[name], name


def test_every_alarm_notifies_the_topic(public_http: Synthesized) -> None:
    (topic_id,) = public_http.resources("AWS::SNS::Topic")
    for name, alarm in alarms_by_name(public_http).items():
        assert alarm["AlarmActions"] == [{"Ref": topic_id}], name
        assert alarm["OKActions"] == [{"Ref": topic_id}], name


def test_default_thresholds(public_http: Synthesized) -> None:
    alarms = alarms_by_name(public_http)
    assert alarms["CpuHigh"]["Threshold"] == 80
    assert alarms["LatencyP99High"]["Threshold"] == 1
    assert '"p99"' in json.dumps(alarms["LatencyP99High"])
    assert alarms["CanaryFailing"]["Threshold"] == 100
    assert alarms["CanaryFailing"]["ComparisonOperator"] == "LessThanThreshold"


def test_threshold_options_reach_the_alarms(public_https: Synthesized) -> None:
    alarms = alarms_by_name(public_https)
    assert alarms["CpuHigh"]["Threshold"] == 70
    assert alarms["LatencyP99High"]["Threshold"] == 0.5


def test_default_topic_uses_a_key_cloudwatch_may_use(public_http: Synthesized) -> None:
    topic = one(public_http.resources("AWS::SNS::Topic"))["Properties"]
    key_id = topic["KmsMasterKeyId"]["Fn::GetAtt"][0]
    key = public_http.template()["Resources"][key_id]["Properties"]
    assert key["EnableKeyRotation"] is True
    assert any(
        s.get("Principal") == {"Service": "cloudwatch.amazonaws.com"}
        and {"kms:Decrypt", "kms:GenerateDataKey*"} <= set(s["Action"])
        for s in key["KeyPolicy"]["Statement"]
    )


def test_default_topic_is_ssl_only(public_http: Synthesized) -> None:
    policy = one(public_http.resources("AWS::SNS::TopicPolicy"))["Properties"]
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for s in policy["PolicyDocument"]["Statement"]
    )


def test_given_topic_is_used_and_none_is_defined(gpu_worker: Synthesized) -> None:
    (topic_id,) = gpu_worker.resources("AWS::SNS::Topic")
    assert topic_id.startswith("OpsTopic")
    for alarm in alarms_by_name(gpu_worker).values():
        assert alarm["AlarmActions"] == [{"Ref": topic_id}]


def test_worker_has_only_service_alarms(gpu_worker: Synthesized) -> None:
    assert set(alarms_by_name(gpu_worker)) == {"CpuHigh", "MemoryHigh", "RunningTasksLow"}


# Dashboard, canary, Service Connect, outputs ---------------------------------------


def test_one_dashboard_shows_every_signal(public_http: Synthesized) -> None:
    dashboard = one(public_http.resources("AWS::CloudWatch::Dashboard"))["Properties"]
    assert "DashboardName" not in dashboard
    body = json.dumps(dashboard["DashboardBody"])
    for title in ("Requests", "Latency", "Errors", "CPU", "Memory", "Tasks", "Canary"):
        assert title in body, title
    for metric in ("RequestCount", "TargetResponseTime", "RunningTaskCount", "SuccessPercent"):
        assert metric in body, metric


def test_canary_uses_the_library_runtime_and_keeps_failure_screenshots(
    public_http: Synthesized,
) -> None:
    canary = one(public_http.resources("AWS::Synthetics::Canary"))["Properties"]
    assert canary["RuntimeVersion"] == "syn-nodejs-puppeteer-13.0"
    assert canary["Schedule"]["Expression"] == "rate(5 minutes)"
    assert canary["ProvisionedResourceCleanup"] == "AUTOMATIC"
    assert "screenshotOnStepFailure: true" in canary["Code"]["Script"]
    assert "VPCConfig" not in canary


def test_canary_artifacts_are_encrypted_and_expire(public_http: Synthesized) -> None:
    canary = one(public_http.resources("AWS::Synthetics::Canary"))["Properties"]
    bucket_id = canary["ArtifactS3Location"]["Fn::Join"][1][1]["Ref"]
    bucket = public_http.template()["Resources"][bucket_id]["Properties"]
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert bucket["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] == 30
    assert canary["ArtifactConfig"]["S3Encryption"]["EncryptionMode"] == "SSE_S3"


def test_internal_canary_runs_in_the_vpc_on_its_path(internal: Synthesized) -> None:
    canary = one(internal.resources("AWS::Synthetics::Canary"))["Properties"]
    assert canary["VPCConfig"]["SubnetIds"]
    assert canary["Schedule"]["Expression"] == "rate(10 minutes)"
    url = canary["RunConfig"]["EnvironmentVariables"]["TARGET_URL"]["Fn::Join"][1]
    assert url[0] == "http://"
    assert url[-1] == "/health"


def test_https_canary_uses_the_domain_name(public_https: Synthesized) -> None:
    canary = one(public_https.resources("AWS::Synthetics::Canary"))["Properties"]
    assert canary["RunConfig"]["EnvironmentVariables"]["TARGET_URL"] == "https://web.example.com/"


def test_worker_has_no_canary(gpu_worker: Synthesized) -> None:
    assert not gpu_worker.resources("AWS::Synthetics::Canary")


def test_service_registers_with_service_connect(public_http: Synthesized) -> None:
    config = service_props(public_http)["ServiceConnectConfiguration"]
    assert config["Enabled"] is True
    (entry,) = config["Services"]
    assert (entry["DiscoveryName"], entry["PortName"]) == ("web", "http")
    (namespace_id,) = public_http.resources("AWS::ServiceDiscovery::HttpNamespace")
    assert config["Namespace"] == {"Fn::GetAtt": [namespace_id, "Arn"]}


def test_service_connect_name_option(internal: Synthesized) -> None:
    (entry,) = service_props(internal)["ServiceConnectConfiguration"]["Services"]
    assert entry["DiscoveryName"] == "orders-api"
    assert entry["ClientAliases"] == [{"Port": 8080}]


def test_url_is_an_output(public_http: Synthesized) -> None:
    outputs = public_http.template()["Outputs"]
    (url,) = (o for key, o in outputs.items() if key.startswith("WebUrl"))
    assert url["Value"]["Fn::Join"][1][0] == "http://"


def test_logical_ids_of_stateful_resources_are_stable(public_http: Synthesized) -> None:
    resources = public_http.template()["Resources"]
    for logical_id in (
        "WebLogsD9759FC4",
        "WebLogRouterLogsAAC0AAF0",
        "WebAccessLogs024BC47D",
        "WebCanaryArtifactsDCC3A5A7",
        "WebAlarmTopicKeyE323467E",
        "WebServiceD04B5F3E",
        "WebLoadBalancer8E8983B1",
    ):
        assert logical_id in resources, logical_id


# Attributes and metrics (no synthesis) ----------------------------------------------


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[ObservableService, ObservableService]]:
    app = new_app()
    stack = cdk.Stack(app, "Attributes")
    cluster = gpu_cluster(stack)
    web = ObservableService(stack, "Web", cluster=cluster, image=image())
    worker = ObservableService(
        stack, "Worker", cluster=cluster, image=image(), exposure=Exposure.NONE
    )
    return web, worker


def test_attributes_are_exposed(built: tuple[ObservableService, ObservableService]) -> None:
    web, worker = built
    assert web.load_balancer is not None
    assert web.listener is not None
    assert web.target_group is not None
    assert web.canary is not None
    assert web.url is not None
    assert web.dashboard is not None
    assert web.container.container_name == "app"
    assert isinstance(web.service, ecs.FargateService)
    assert set(web.alarms) == set(EXPECTED_MISSING_DATA)
    assert worker.load_balancer is None
    assert worker.canary is None
    assert worker.url is None


def test_metrics_are_cloudwatch_metrics(
    built: tuple[ObservableService, ObservableService],
) -> None:
    web, _ = built
    assert web.metric_cpu_utilization().metric_name == "CPUUtilization"
    assert web.metric_memory_utilization().metric_name == "MemoryUtilization"
    assert web.metric_request_count().metric_name == "RequestCount"
    assert web.metric_latency(90).statistic == "p90"
    assert web.metric_running_task_count().namespace == "ECS/ContainerInsights"
    assert web.metric_5xx_count() is not None


def test_rejects_load_balancer_metrics_without_a_load_balancer(
    built: tuple[ObservableService, ObservableService],
) -> None:
    _, worker = built
    with pytest.raises(ValidationError, match=r"exposure=Exposure.NONE"):
        worker.metric_request_count()


def test_rejects_a_percentile_out_of_range(
    built: tuple[ObservableService, ObservableService],
) -> None:
    web, _ = built
    with pytest.raises(ValidationError, match=r"percentile=100"):
        web.metric_latency(100)


# Invalid combinations (no synthesis) ------------------------------------------------


@pytest.fixture
def stack() -> cdk.Stack:
    return cdk.Stack(new_app(), "Invalid")


def test_rejects_gpu_on_fargate_capacity(stack: cdk.Stack) -> None:
    cluster = gpu_cluster(stack)
    with pytest.raises(ValidationError, match=r"GPU|gpu"):
        ObservableService(
            stack, "Web", cluster=cluster, image=image(), gpu_count=1, capacity="fargate"
        )


def test_rejects_firelens_on_windows(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match=r"log_driver=LogDriver.FIRELENS with windows"):
        ObservableService(
            stack,
            "Web",
            cluster=cluster,
            image=image(),
            cpu=1024,
            memory_mib=2048,
            windows=True,
            log_driver=LogDriver.FIRELENS,
        )


def test_windows_defaults_to_awslogs_and_no_sidecar(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    service = ObservableService(
        stack, "Web", cluster=cluster, image=image(), cpu=1024, memory_mib=2048, windows=True
    )
    assert service.router_log_group is None
    assert service.task_definition.find_container("log-router") is None
    assert service.task_definition.find_container("telemetry") is None


def test_rejects_a_canary_without_a_load_balancer(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match=r"canary= was given with exposure=Exposure.NONE"):
        ObservableService(
            stack,
            "Worker",
            cluster=cluster,
            image=image(),
            exposure=Exposure.NONE,
            canary=CanaryOptions(),
        )


@pytest.mark.parametrize(
    ("runtime", "message"),
    [
        (synthetics.Runtime.SYNTHETICS_PYTHON_SELENIUM_7_0, "not a Node.js Puppeteer"),
        (synthetics.Runtime.SYNTHETICS_NODEJS_PLAYWRIGHT_6_0, "not a Node.js Puppeteer"),
        (synthetics.Runtime.SYNTHETICS_NODEJS_PUPPETEER_9_1, "deprecated"),
        (synthetics.Runtime.SYNTHETICS_NODEJS_PUPPETEER_6_2, "deprecated"),
    ],
)
def test_rejects_unknown_or_deprecated_canary_runtimes(
    stack: cdk.Stack, runtime: synthetics.Runtime, message: str
) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match=message):
        ObservableService(
            stack, "Web", cluster=cluster, image=image(), canary=CanaryOptions(runtime=runtime)
        )


def test_rejects_thresholds_out_of_range(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match=r"alarm_thresholds\.cpu_percent=150"):
        ObservableService(
            stack,
            "Web",
            cluster=cluster,
            image=image(),
            alarm_thresholds=AlarmThresholds(cpu_percent=150),
        )


def test_rejects_a_certificate_without_a_load_balancer(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    certificate = acm.Certificate.from_certificate_arn(stack, "Certificate", CERTIFICATE_ARN)
    with pytest.raises(ValidationError, match=r"certificate="):
        ObservableService(
            stack,
            "Worker",
            cluster=cluster,
            image=image(),
            exposure=Exposure.NONE,
            certificate=certificate,
        )


def test_rejects_tracing_sidecar_on_windows(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match=r"tracing=Tracing.OPENTELEMETRY with windows"):
        ObservableService(
            stack,
            "Web",
            cluster=cluster,
            image=image(),
            cpu=1024,
            memory_mib=2048,
            windows=True,
            tracing=Tracing.OPENTELEMETRY,
        )


def test_rejects_a_bad_fargate_size_with_the_cluster_error(stack: cdk.Stack) -> None:
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match=r"memory_mib"):
        ObservableService(stack, "Web", cluster=cluster, image=image(), cpu=256, memory_mib=4096)


def test_rejects_a_plain_ecs_cluster() -> None:
    stack = cdk.Stack(new_app(), "Test")
    cluster = HybridEc2FargateCluster(stack, "Cluster")
    with pytest.raises(ValidationError, match=r"cluster=Cluster is not a HybridEc2FargateCluster"):
        ObservableService(
            stack,
            "Web",
            cluster=cluster.cluster,  # type: ignore[arg-type]
            image=ecs.ContainerImage.from_registry("nginx"),
        )


def gpu_service_stack(*, max_capacity: int, max_task_count: int | None) -> cdk.Stack:
    stack = cdk.Stack(new_app(), "Test")
    cluster = gpu_cluster(stack, max_capacity=max_capacity)
    service = ObservableService(
        stack,
        "Worker",
        cluster=cluster,
        image=ecs.ContainerImage.from_registry("nvidia/cuda:12.6.3-base-ubuntu24.04"),
        cpu=2048,
        memory_mib=8192,
        gpu_count=1,
        desired_count=1,
        max_task_count=max_task_count,
        exposure=Exposure.NONE,
    )
    assert service.service_connect_endpoint == "http://worker:80"
    assert service.task_role.node.path == "Test/Worker/TaskDefinition/TaskRole"
    assert isinstance(service.connections, ec2.Connections)
    return stack


def gpu_warnings(stack: cdk.Stack) -> list[Any]:
    return cdk.assertions.Annotations.from_stack(stack).find_warning(
        "*", cdk.assertions.Match.string_like_regexp("gpuCapacityShort")
    )


def test_warns_when_gpu_capacity_cannot_hold_scaling_and_deployments() -> None:
    (warning,) = gpu_warnings(gpu_service_stack(max_capacity=2, max_task_count=4))
    message = str(warning.entry.data)
    assert "holds at most 2 task(s)" in message
    assert "a deployment runs up to 8" in message
    assert "Raise max_capacity of the Ec2Capacity to 8" in message


def test_no_gpu_warning_when_capacity_suffices() -> None:
    assert gpu_warnings(gpu_service_stack(max_capacity=2, max_task_count=1)) == []
