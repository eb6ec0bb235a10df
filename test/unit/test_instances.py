"""The instance catalog placement uses to tell what an EC2 capacity holds."""

from __future__ import annotations

import pytest

from cdk_platform_patterns.instances import InstanceSpec, describe_instance_type


@pytest.mark.parametrize(
    ("name", "vcpus", "memory_gib", "gpus", "arm"),
    [
        ("g5.xlarge", 4, 16, 1, False),
        ("g5.12xlarge", 48, 192, 4, False),
        ("g5.48xlarge", 192, 768, 8, False),
        ("g4dn.metal", 96, 384, 8, False),
        ("g6e.xlarge", 4, 32, 1, False),
        ("p4d.24xlarge", 96, 1152, 8, False),
        ("g5g.xlarge", 4, 8, 1, True),
        ("m5.large", 2, 8, 0, False),
        ("m7g.2xlarge", 8, 32, 0, True),
        ("c6gn.xlarge", 4, 8, 0, True),
        ("r6i.4xlarge", 16, 128, 0, False),
        ("m7i-flex.xlarge", 4, 16, 0, False),
        ("t3.micro", 2, 1, 0, False),
        ("t4g.medium", 2, 4, 0, True),
    ],
)
def test_describes_known_types(
    name: str, vcpus: int, memory_gib: int, gpus: int, arm: bool
) -> None:
    assert describe_instance_type(name) == InstanceSpec(
        vcpus=vcpus, memory_mib=memory_gib * 1024, gpus=gpus, arm=arm
    )


@pytest.mark.parametrize(
    "name", ["x2idn.16xlarge", "inf2.xlarge", "g4ad.xlarge", "m6a.metal", "g5.3xlarge", "nonsense"]
)
def test_unknown_types_are_none(name: str) -> None:
    assert describe_instance_type(name) is None


def test_task_memory_keeps_a_reserve_for_the_agent() -> None:
    spec = describe_instance_type("g5.xlarge")
    assert spec is not None
    assert spec.cpu_units == 4096
    assert 14_000 < spec.task_memory_mib < 16 * 1024
