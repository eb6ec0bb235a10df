"""What an EC2 instance type offers to ECS tasks: vCPUs, memory, GPUs and architecture.

Pure Python with no CDK import. The catalog covers the NVIDIA GPU families that the ECS
GPU-optimised image supports and, by rule, the common general purpose, compute and memory
families. Anything else is described by the user on ``Ec2Capacity``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ECS_MEMORY_RESERVE_FRACTION", "InstanceSpec", "describe_instance_type"]

ECS_MEMORY_RESERVE_FRACTION = 0.06
"""Share of an instance's memory kept back for the OS and the ECS agent.

A container instance registers less memory than the instance has; a task asking for all
of it would never be placed. Placement plans with the rest.
"""


@dataclass(frozen=True, kw_only=True)
class InstanceSpec:
    """Resources one EC2 instance offers."""

    vcpus: int
    """Number of vCPUs; ECS registers 1024 CPU units for each."""

    memory_mib: int
    """Memory of the instance in MiB, before the ECS reserve."""

    gpus: int = 0
    """Number of NVIDIA GPUs ECS can hand to tasks."""

    arm: bool = False
    """Whether the instance is an AWS Graviton (arm64) instance."""

    @property
    def cpu_units(self) -> int:
        """CPU units ECS registers for the instance."""
        return self.vcpus * 1024

    @property
    def task_memory_mib(self) -> int:
        """Memory in MiB that tasks can reserve after the OS and ECS agent reserve."""
        return int(self.memory_mib * (1 - ECS_MEMORY_RESERVE_FRACTION))


_G = 1024

# (vCPUs, memory GiB, GPUs) for each size of the NVIDIA GPU families.
_GPU_FAMILIES: dict[str, dict[str, tuple[int, int, int]]] = {
    "g4dn": {
        "xlarge": (4, 16, 1), "2xlarge": (8, 32, 1), "4xlarge": (16, 64, 1),
        "8xlarge": (32, 128, 1), "12xlarge": (48, 192, 4), "16xlarge": (64, 256, 1),
        "metal": (96, 384, 8),
    },
    "g5": {
        "xlarge": (4, 16, 1), "2xlarge": (8, 32, 1), "4xlarge": (16, 64, 1),
        "8xlarge": (32, 128, 1), "12xlarge": (48, 192, 4), "16xlarge": (64, 256, 1),
        "24xlarge": (96, 384, 4), "48xlarge": (192, 768, 8),
    },
    "g6": {
        "xlarge": (4, 16, 1), "2xlarge": (8, 32, 1), "4xlarge": (16, 64, 1),
        "8xlarge": (32, 128, 1), "12xlarge": (48, 192, 4), "16xlarge": (64, 256, 1),
        "24xlarge": (96, 384, 4), "48xlarge": (192, 768, 8),
    },
    "g6e": {
        "xlarge": (4, 32, 1), "2xlarge": (8, 64, 1), "4xlarge": (16, 128, 1),
        "8xlarge": (32, 256, 1), "12xlarge": (48, 384, 4), "16xlarge": (64, 512, 1),
        "24xlarge": (96, 768, 4), "48xlarge": (192, 1536, 8),
    },
    "g5g": {
        "xlarge": (4, 8, 1), "2xlarge": (8, 16, 1), "4xlarge": (16, 32, 1),
        "8xlarge": (32, 64, 1), "16xlarge": (64, 128, 2), "metal": (64, 128, 2),
    },
    "p3": {"2xlarge": (8, 61, 1), "8xlarge": (32, 244, 4), "16xlarge": (64, 488, 8)},
    "p4d": {"24xlarge": (96, 1152, 8)},
    "p5": {"48xlarge": (192, 2048, 8)},
}  # fmt: skip

# GiB of memory per vCPU, by the family's first letter, for sizes "large" and up.
_GIB_PER_VCPU = {"c": 2, "m": 4, "r": 8}

# Burstable families: (vCPUs, memory GiB) by size.
_BURSTABLE = {
    "nano": (2, 0.5), "micro": (2, 1), "small": (2, 2), "medium": (2, 4),
    "large": (2, 8), "xlarge": (4, 16), "2xlarge": (8, 32),
}  # fmt: skip

_NAME = re.compile(r"^(?P<family>[a-z]+)(?P<gen>\d+)(?P<suffix>[a-z-]*)\.(?P<size>[a-z0-9]+)$")
_SIZE = re.compile(r"^(?P<times>\d*)xlarge$")


def _vcpus_for_size(size: str) -> int | None:
    if size == "large":
        return 2
    match = _SIZE.match(size)
    if match is None:
        return None
    return 4 * int(match["times"] or 1)


def describe_instance_type(instance_type: str) -> InstanceSpec | None:
    """Return what ``instance_type`` (such as ``"g5.xlarge"``) offers, or None if unknown."""
    match = _NAME.match(instance_type.strip().lower())
    if match is None:
        return None
    family = f"{match['family']}{match['gen']}{match['suffix']}"
    size = match["size"]
    arm = "g" in match["suffix"]

    gpu_sizes = _GPU_FAMILIES.get(family)
    if gpu_sizes is not None:
        known = gpu_sizes.get(size)
        if known is None:
            return None
        vcpus, gib, gpus = known
        return InstanceSpec(vcpus=vcpus, memory_mib=gib * _G, gpus=gpus, arm=arm)

    if match["family"] == "t":
        burst = _BURSTABLE.get(size)
        if burst is None:
            return None
        return InstanceSpec(vcpus=burst[0], memory_mib=int(burst[1] * _G), arm=arm)

    ratio = _GIB_PER_VCPU.get(match["family"])
    sized = _vcpus_for_size(size)
    if ratio is None or sized is None:
        return None
    return InstanceSpec(vcpus=sized, memory_mib=sized * ratio * _G, arm=arm)
