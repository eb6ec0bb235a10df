"""Pure GraphQL planning for ServerlessAuthApi: schema checks, generated CRUD, resolver code.

Nothing here imports the CDK, so it is tested in milliseconds.
"""

from __future__ import annotations

from cdk_platform_patterns.graphql.code import function_code, model_settings, render
from cdk_platform_patterns.graphql.schema import (
    Model,
    ModelPlan,
    Operation,
    SchemaPlan,
    parse_sdl,
    plan_schema,
    pluralize,
)

__all__ = [
    "Model",
    "ModelPlan",
    "Operation",
    "SchemaPlan",
    "function_code",
    "model_settings",
    "parse_sdl",
    "plan_schema",
    "pluralize",
    "render",
]
