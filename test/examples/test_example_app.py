"""The example app synthesizes offline, with and without feature flags, and is clean."""

from __future__ import annotations

import json

from support import REPO, Synthesized, cdk_init_flags, walk

EXAMPLES = REPO / "examples"


def test_example_defines_the_platform_stack(synthesized: Synthesized) -> None:
    assert "PlatformExample" in synthesized.templates


def test_example_has_no_placeholder_availability_zones(synthesized: Synthesized) -> None:
    for name, template in synthesized.templates.items():
        text = json.dumps(template)
        assert "dummy1a" not in text, name
        assert "dummy1b" not in text, name


def test_example_has_no_launch_configuration(synthesized: Synthesized) -> None:
    for name in synthesized.templates:
        assert synthesized.resources("AWS::AutoScaling::LaunchConfiguration", name) == {}


def test_example_services_wait_for_the_capacity_association(synthesized: Synthesized) -> None:
    associations = synthesized.resources(
        "AWS::ECS::ClusterCapacityProviderAssociations", "PlatformExample"
    )
    (association_id,) = associations
    services = synthesized.resources("AWS::ECS::Service", "PlatformExample")
    assert len(services) == 2
    for logical_id, service in services.items():
        assert association_id in service["DependsOn"], logical_id


def test_example_gpu_worker_runs_on_gpu_capacity(synthesized: Synthesized) -> None:
    (provider_id,) = synthesized.resources("AWS::ECS::CapacityProvider", "PlatformExample")
    services = synthesized.resources("AWS::ECS::Service", "PlatformExample")
    worker = next(s for k, s in services.items() if k.startswith("Worker"))
    assert {"Ref": provider_id} in list(walk(worker["Properties"]["CapacityProviderStrategy"]))


def test_example_cdk_json_carries_the_flags_cdk_init_writes() -> None:
    cdk_json = json.loads((EXAMPLES / "cdk.json").read_text())
    assert cdk_json["context"] == cdk_init_flags()


def test_example_defines_the_auth_api_stack(synthesized: Synthesized) -> None:
    assert "AuthApiExample" in synthesized.templates
    assert synthesized.resources("AWS::Cognito::UserPool", "AuthApiExample")
    assert synthesized.resources("AWS::AppSync::GraphQLApi", "AuthApiExample")


def test_example_web_service_gets_the_api_settings(synthesized: Synthesized) -> None:
    tasks = synthesized.resources("AWS::ECS::TaskDefinition", "PlatformExample")
    web = next(v for k, v in tasks.items() if k.startswith("WebTask"))
    container = next(c for c in web["Properties"]["ContainerDefinitions"] if c["Name"] == "app")
    names = {v["Name"] for v in container["Environment"] if not v["Name"].startswith("OTEL_")}
    assert names == {
        "GRAPHQL_URL",
        "API_REGION",
        "USER_POOL_ID",
        "USER_POOL_CLIENT_ID",
        "IDENTITY_POOL_ID",
    }


def test_example_services_are_observable(synthesized: Synthesized) -> None:
    alarms = synthesized.resources("AWS::CloudWatch::Alarm", "PlatformExample")
    assert len(alarms) >= 10
    assert len(synthesized.resources("AWS::CloudWatch::Dashboard", "PlatformExample")) == 2
    assert len(synthesized.resources("AWS::Synthetics::Canary", "PlatformExample")) == 1
    assert synthesized.resources("AWS::ElasticLoadBalancingV2::LoadBalancer", "PlatformExample")
