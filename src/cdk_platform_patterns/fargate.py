"""Fargate task sizes: which CPU and memory pairs Fargate accepts.

Pure Python with no CDK import, so every construct (and every test) can check a size in
microseconds. The table is the Linux one; Windows tasks also need at least 1 vCPU.
"""

from __future__ import annotations

from collections.abc import Mapping

from cdk_platform_patterns.errors import ValidationError

__all__ = [
    "EPHEMERAL_STORAGE_GIB_MAX",
    "EPHEMERAL_STORAGE_GIB_MIN",
    "FARGATE_MEMORY_MIB_BY_CPU",
    "WINDOWS_MIN_CPU",
    "check_ephemeral_storage",
    "check_fargate_size",
    "describe_memory_choices",
    "is_valid_fargate_size",
    "valid_memory_mib",
]

_GIB = 1024


def _steps(low_gib: int, high_gib: int, step_gib: int) -> tuple[int, ...]:
    return tuple(gib * _GIB for gib in range(low_gib, high_gib + 1, step_gib))


FARGATE_MEMORY_MIB_BY_CPU: Mapping[int, tuple[int, ...]] = {
    256: (512, 1024, 2048),
    512: _steps(1, 4, 1),
    1024: _steps(2, 8, 1),
    2048: _steps(4, 16, 1),
    4096: _steps(8, 30, 1),
    8192: _steps(16, 60, 4),
    16384: _steps(32, 120, 8),
}
"""Valid Fargate memory sizes in MiB for each CPU value in CPU units (1024 = 1 vCPU)."""

WINDOWS_MIN_CPU = 1024
"""The smallest CPU value Fargate accepts for a Windows task."""

EPHEMERAL_STORAGE_GIB_MIN = 21
"""The smallest ephemeral storage size, in GiB, that a Fargate task can ask for."""

EPHEMERAL_STORAGE_GIB_MAX = 200
"""The largest ephemeral storage size, in GiB, that a Fargate task can ask for."""


def valid_memory_mib(cpu: int) -> tuple[int, ...]:
    """Return the memory sizes (MiB) Fargate accepts with ``cpu``; empty for an unknown CPU."""
    return FARGATE_MEMORY_MIB_BY_CPU.get(cpu, ())


def is_valid_fargate_size(cpu: int, memory_mib: int, *, windows: bool = False) -> bool:
    """Return whether Fargate runs a task of ``cpu`` units and ``memory_mib`` MiB."""
    if windows and cpu < WINDOWS_MIN_CPU:
        return False
    return memory_mib in valid_memory_mib(cpu)


def describe_memory_choices(cpu: int) -> str:
    """Describe, for an error message, the memory sizes Fargate accepts with ``cpu``."""
    choices = valid_memory_mib(cpu)
    if not choices:
        cpus = ", ".join(str(c) for c in FARGATE_MEMORY_MIB_BY_CPU)
        return f"Fargate has no cpu={cpu}; use one of {cpus}"
    if len(choices) <= 4:
        listed = ", ".join(str(m) for m in choices[:-1]) + f" or {choices[-1]}"
    else:
        step = choices[1] - choices[0]
        listed = f"{choices[0]} to {choices[-1]} in steps of {step}"
    return f"with cpu={cpu} use memory_mib {listed}"


def check_fargate_size(cpu: int, memory_mib: int, *, windows: bool = False) -> None:
    """Raise ``ValidationError`` unless Fargate runs a task of this size.

    Args:
        cpu: task CPU in CPU units (1024 = 1 vCPU).
        memory_mib: task memory in MiB.
        windows: whether the task runs Windows containers.
    """
    if windows and cpu < WINDOWS_MIN_CPU:
        raise ValidationError(
            f"cpu={cpu} is too small for a Windows task on Fargate: "
            f"Windows needs cpu={WINDOWS_MIN_CPU} or more."
        )
    if memory_mib not in valid_memory_mib(cpu):
        raise ValidationError(
            f"cpu={cpu}, memory_mib={memory_mib} is not a Fargate task size: "
            f"{describe_memory_choices(cpu)}."
        )


def check_ephemeral_storage(ephemeral_storage_gib: int) -> None:
    """Raise ``ValidationError`` unless Fargate accepts this ephemeral storage size (GiB)."""
    if not EPHEMERAL_STORAGE_GIB_MIN <= ephemeral_storage_gib <= EPHEMERAL_STORAGE_GIB_MAX:
        raise ValidationError(
            f"ephemeral_storage_gib={ephemeral_storage_gib} is outside what Fargate offers: "
            f"use {EPHEMERAL_STORAGE_GIB_MIN} to {EPHEMERAL_STORAGE_GIB_MAX} GiB."
        )
