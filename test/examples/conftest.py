"""Fixtures for the example app tests: each flag set is synthesized once per session."""

from __future__ import annotations

import functools
import importlib.util
import sys
from types import ModuleType

import pytest

from support import REPO, Synthesized, new_app, synthesize

EXAMPLES = REPO / "examples"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_app", EXAMPLES / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["example_app"] = module
    spec.loader.exec_module(module)
    return module


@functools.cache
def example(flag_set: str) -> Synthesized:
    app = new_app(flag_set)
    load_example().build_app(app)
    return synthesize(app)


@pytest.fixture(scope="session")
def synthesized(flag_set: str) -> Synthesized:
    return example(flag_set)


@pytest.fixture(scope="session")
def example_cdk_init() -> Synthesized:
    """The example app with the flags of its cdk.json (the ones cdk init writes)."""
    return example("cdk-init-flags")
