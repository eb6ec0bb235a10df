"""Configurations of ServerlessAuthApi shared by its tests, each synthesized once a session."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from cdk_platform_patterns.auth_api import (
    AnalyticsOptions,
    ApiKeyOptions,
    Model,
    ServerlessAuthApi,
    UserPoolOptions,
)
from support import Synthesized, build

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

NOTES_SDL = """
type Note {
  id: ID!
  title: String!
  body: String
}

type Query {
  hello: String
}
"""

TAGS_SDL = (
    NOTES_SDL
    + """
type Tag {
  id: ID!
  label: String!
}
"""
)


def define_minimal(stack: cdk.Stack) -> ServerlessAuthApi:
    """No models, every option at its default."""
    return ServerlessAuthApi(stack, "Api", schema=NOTES_SDL)


def define_full(stack: cdk.Stack) -> ServerlessAuthApi:
    """An owned model with an admin group, a shared model, groups, hosted UI, analytics."""
    api = ServerlessAuthApi(
        stack,
        "Api",
        schema=TAGS_SDL,
        models=[Model("Note", owner=True, admin_groups=["admin"]), Model("Tag")],
        user_pool=UserPoolOptions(
            self_sign_up=True,
            mfa=cognito.Mfa.OPTIONAL,
            groups=["admin", "editors"],
            domain_prefix="notes-app",
            callback_urls=["https://app.example.com/"],
        ),
        analytics=AnalyticsOptions(),
        query_depth_limit=10,
        introspection=False,
    )
    backend = iam.Role(stack, "Backend", assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"))
    api.grant_query(backend, "getNote", "listNotes")
    return api


def define_api_key(stack: cdk.Stack) -> ServerlessAuthApi:
    return ServerlessAuthApi(
        stack,
        "Api",
        schema=NOTES_SDL,
        models=[Model("Note")],
        api_key=ApiKeyOptions(expires=cdk.Expiration.after(cdk.Duration.days(30))),
        allow_unauthenticated=True,
    )


AUTH_CONFIGS: dict[str, Callable[[cdk.Stack], ServerlessAuthApi]] = {
    "minimal": define_minimal,
    "full": define_full,
    "api-key": define_api_key,
}


@functools.cache
def auth_synthesized(
    config: str, flag_set: str = "cdk-init-flags", nag: bool = True
) -> Synthesized:
    """Synthesize a named ServerlessAuthApi configuration once per session and share it."""
    return build(AUTH_CONFIGS[config], flag_set=flag_set, nag=nag)
