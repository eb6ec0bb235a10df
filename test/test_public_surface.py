"""The public surface is pinned: names, constructor signatures and public members.

A change here is a change users feel. Removing or renaming anything, or changing a
default, is breaking: bump the major version and say so in the CHANGELOG. After a
deliberate change, refresh the pin with
``UPDATE_PUBLIC_SURFACE=1 bash scripts/test.sh test/test_public_surface.py``.
"""

from __future__ import annotations

import inspect
import json
import os
import re
from typing import Any

import cdk_platform_patterns
from support import REPO

PIN = REPO / "test" / "public_surface.json"


def stable_repr(value: object) -> str:
    """repr without memory addresses (jsii objects such as Duration have none of their own)."""
    return re.sub(r" object at 0x[0-9a-f]+", "", repr(value))


def describe_parameter(parameter: inspect.Parameter) -> dict[str, str]:
    described = {"name": parameter.name, "kind": parameter.kind.name}
    if parameter.default is not inspect.Parameter.empty:
        described["default"] = stable_repr(parameter.default)
    if parameter.annotation is not inspect.Parameter.empty:
        described["type"] = str(parameter.annotation)
    return described


def surface() -> dict[str, Any]:
    found: dict[str, Any] = {"__all__": sorted(cdk_platform_patterns.__all__)}
    for name in cdk_platform_patterns.__all__:
        obj = getattr(cdk_platform_patterns, name)
        if not inspect.isclass(obj) or issubclass(obj, Exception):
            continue
        entry: dict[str, Any] = {
            "members": sorted(
                member
                for member in dir(obj)
                if not member.startswith("_")
                and member not in dir(object)
                # jsii adds its own members to every construct; pin only ours.
                and member in {m for klass in obj.__mro__[:1] for m in vars(klass)}
            )
        }
        if "__init__" in vars(obj):
            parameters = inspect.signature(obj.__init__).parameters.values()
            entry["init"] = [describe_parameter(p) for p in parameters if p.name != "self"]
        found[name] = entry
    return found


def test_public_surface_matches_the_pin() -> None:
    current = surface()
    if os.environ.get("UPDATE_PUBLIC_SURFACE") == "1":
        PIN.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    pinned = json.loads(PIN.read_text())
    assert current == pinned, (
        "The public surface changed. If that is deliberate, refresh the pin (see this "
        "module's docstring) and record the change in CHANGELOG.md."
    )


def test_every_public_name_is_documented() -> None:
    for name in cdk_platform_patterns.__all__:
        doc = inspect.getdoc(getattr(cdk_platform_patterns, name))
        assert doc, f"{name} has no docstring"
