"""APPSYNC_JS resolver code shipped with the package, and its per-model settings (no CDK)."""

from __future__ import annotations

import json
from importlib import resources

from cdk_platform_patterns.graphql.schema import ModelPlan

__all__ = ["ACTIONS", "MODEL_SETTINGS_LINE", "function_code", "model_settings", "render"]

ACTIONS = ("get", "list", "create", "update", "delete")
"""Actions served by a pipeline resolver: ``pipeline.js`` around ``<action>.js``."""

MODEL_SETTINGS_LINE = "const MODEL = "
"""Start of the one line of ``pipeline.js`` and ``subscribe.js`` that holds the settings."""


def _read(name: str) -> str:
    return (resources.files("cdk_platform_patterns.graphql") / "resolvers" / name).read_text(
        encoding="utf-8"
    )


def function_code(action: str) -> str:
    """The code of the AppSync function for one action, such as ``"get"``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {ACTIONS}")
    return _read(f"{action}.js")


def model_settings(plan: ModelPlan) -> dict[str, object]:
    """The settings a model's resolvers read: owner attribute, owner index, admin groups."""
    return {
        "ownerField": plan.owner_field,
        "ownerIndex": plan.owner_index,
        "adminGroups": list(plan.model.admin_groups),
    }


def render(name: str, settings: dict[str, object]) -> str:
    """``pipeline.js`` or ``subscribe.js`` with the settings line set for one model.

    The settings are written as JSON, which is a JavaScript object literal.
    """
    lines = _read(f"{name}.js").splitlines(keepends=True)
    (index,) = (i for i, line in enumerate(lines) if line.startswith(MODEL_SETTINGS_LINE))
    lines[index] = f"{MODEL_SETTINGS_LINE}{json.dumps(settings, sort_keys=True)};\n"
    return "".join(lines)
