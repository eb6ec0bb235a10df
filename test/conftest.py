"""Fixtures shared by all tests: each configuration is synthesized once per session."""

from __future__ import annotations

import os

# Before anything loads aws-cdk-lib: Node.js 20 works, and its end-of-life banner is noise.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import pytest

from clusters import synthesized_cluster
from support import FLAG_SETS, Synthesized


@pytest.fixture(scope="session", params=FLAG_SETS)
def flag_set(request: pytest.FixtureRequest) -> str:
    """Each test that takes it runs with no feature flags and with cdk init's flags."""
    value: str = request.param
    return value


@pytest.fixture(scope="session")
def default_cluster(flag_set: str) -> Synthesized:
    """A cluster with every default: new VPC, Fargate, Service Connect namespace."""
    return synthesized_cluster("default", flag_set)


@pytest.fixture(scope="session")
def gpu_cluster(flag_set: str) -> Synthesized:
    """A cluster with Fargate and a g5.xlarge GPU capacity scaling 0..2."""
    return synthesized_cluster("gpu", flag_set)
