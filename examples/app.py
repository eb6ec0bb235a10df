"""Example app: a hybrid ECS cluster with two ObservableServices (a public Spot web service
on Fargate and a GPU worker), and a ServerlessAuthApi (sign-up, sign-in, GraphQL over
per-user notes) for its front end.

Synthesize it with ``bash scripts/synth-example.sh`` from the repository root. The stacks
are environment-agnostic (no account or region), so they synthesize offline, with no AWS
credentials and no context lookups.
"""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from constructs import Construct

from cdk_platform_patterns import (
    CanaryOptions,
    Ec2Capacity,
    Exposure,
    HybridEc2FargateCluster,
    Model,
    ObservableService,
    ServerlessAuthApi,
    Tracing,
    UserPoolOptions,
)

HERE = Path(__file__).resolve().parent


class ApiStack(cdk.Stack):
    """Sign-up, sign-in and a GraphQL API over notes that belong to their users."""

    def __init__(self, scope: Construct, id: str, **kwargs: object) -> None:
        super().__init__(scope, id, **kwargs)  # type: ignore[arg-type]

        self.auth_api = ServerlessAuthApi(
            self,
            "Api",
            schema=HERE / "schema.graphql",
            models=[Model("Note", owner=True, admin_groups=["admin"])],
            user_pool=UserPoolOptions(
                self_sign_up=True, mfa=cognito.Mfa.OPTIONAL, groups=["admin"]
            ),
        )


class PlatformStack(cdk.Stack):
    """A hybrid cluster (Fargate plus g5.xlarge GPU capacity) and two services on it.

    The web service gets the API's GraphQL URL and user pool ids as environment
    variables, so the front end it serves can sign users in and call the API.
    """

    def __init__(
        self, scope: Construct, id: str, *, auth_api: ServerlessAuthApi, **kwargs: object
    ) -> None:
        super().__init__(scope, id, **kwargs)  # type: ignore[arg-type]

        self.platform = HybridEc2FargateCluster(
            self,
            "Cluster",
            ec2_capacity=[
                Ec2Capacity(
                    name="gpu",
                    instance_type=ec2.InstanceType("g5.xlarge"),
                    min_capacity=0,
                    max_capacity=2,
                ),
            ],
        )

        # The public web service: 0.5 vCPU, 1 GiB, on Fargate with Spot, behind an
        # internet-facing load balancer, with logs, traces, alarms, a dashboard and a
        # canary. Without a certificate it serves plain HTTP, and says so in a warning.
        self.web = ObservableService(
            self,
            "Web",
            cluster=self.platform,
            image=ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:stable"),
            container_port=80,
            cpu=512,
            memory_mib=1024,
            spot=True,
            desired_count=2,
            exposure=Exposure.PUBLIC,
            health_check_path="/",
            tracing=Tracing.OPENTELEMETRY,
            canary=CanaryOptions(path="/", every=cdk.Duration.minutes(5)),
            # Public identifiers a browser needs anyway (Amplify.configure), not secrets.
            environment={
                "GRAPHQL_URL": auth_api.graphql_url,
                "API_REGION": self.region,
                "USER_POOL_ID": auth_api.user_pool.user_pool_id,
                "USER_POOL_CLIENT_ID": auth_api.user_pool_client.user_pool_client_id,
                "IDENTITY_POOL_ID": auth_api.identity_pool.identity_pool_id,
            },
        )

        # The GPU worker: one GPU, placed on the GPU capacity by cluster.placement, with no
        # load balancer (so no canary); its alarms go to the web service's topic.
        self.worker = ObservableService(
            self,
            "Worker",
            cluster=self.platform,
            image=ecs.ContainerImage.from_registry("nvidia/cuda:12.6.3-base-ubuntu24.04"),
            command=["sh", "-c", "nvidia-smi && sleep infinity"],
            cpu=2048,
            memory_mib=8192,
            gpu_count=1,
            desired_count=1,
            # Two g5.xlarge instances hold two one-GPU tasks: one running, one more while
            # a deployment replaces it.
            max_task_count=1,
            exposure=Exposure.NONE,
            alarm_topic=self.web.alarm_topic,
        )


def build_app(app: cdk.App | None = None) -> cdk.App:
    """Define the example's stacks in ``app`` (a new one by default) and return it."""
    app = app or cdk.App()
    api = ApiStack(app, "AuthApiExample")
    PlatformStack(app, "PlatformExample", auth_api=api.auth_api)
    return app


if __name__ == "__main__":
    build_app().synth()
