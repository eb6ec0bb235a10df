"""The Fargate size table, checked pair by pair without synthesizing."""

from __future__ import annotations

import pytest

from cdk_platform_patterns import ValidationError
from cdk_platform_patterns.fargate import (
    FARGATE_MEMORY_MIB_BY_CPU,
    check_ephemeral_storage,
    check_fargate_size,
    is_valid_fargate_size,
    valid_memory_mib,
)

# The documented Linux table, written out independently of the module's own helper.
DOCUMENTED = {
    256: {512, 1024, 2048},
    512: {gib * 1024 for gib in range(1, 5)},
    1024: {gib * 1024 for gib in range(2, 9)},
    2048: {gib * 1024 for gib in range(4, 17)},
    4096: {gib * 1024 for gib in range(8, 31)},
    8192: {gib * 1024 for gib in range(16, 61, 4)},
    16384: {gib * 1024 for gib in range(32, 121, 8)},
}
ALL_MEMORY = sorted({m for sizes in DOCUMENTED.values() for m in sizes} | {768, 1000, 3000})
OTHER_CPU = [128, 384, 1536, 3072, 32768]


def test_table_matches_documented_sizes() -> None:
    assert {cpu: set(sizes) for cpu, sizes in FARGATE_MEMORY_MIB_BY_CPU.items()} == DOCUMENTED


@pytest.mark.parametrize(
    ("cpu", "memory_mib"), [(c, m) for c, sizes in DOCUMENTED.items() for m in sorted(sizes)]
)
def test_accepts_every_documented_pair(cpu: int, memory_mib: int) -> None:
    assert is_valid_fargate_size(cpu, memory_mib)
    check_fargate_size(cpu, memory_mib)


@pytest.mark.parametrize(
    ("cpu", "memory_mib"),
    [
        (c, m)
        for c in [*DOCUMENTED, *OTHER_CPU]
        for m in ALL_MEMORY
        if m not in DOCUMENTED.get(c, ())
    ],
)
def test_rejects_every_other_pair(cpu: int, memory_mib: int) -> None:
    assert not is_valid_fargate_size(cpu, memory_mib)
    with pytest.raises(ValidationError, match=f"cpu={cpu}, memory_mib={memory_mib}"):
        check_fargate_size(cpu, memory_mib)


def test_rejection_lists_the_memory_valid_for_that_cpu() -> None:
    with pytest.raises(ValidationError) as error:
        check_fargate_size(512, 1000)
    assert "with cpu=512 use memory_mib 1024, 2048, 3072 or 4096" in str(error.value)


def test_rejection_describes_long_memory_ranges_by_step() -> None:
    with pytest.raises(ValidationError, match="8192 to 30720 in steps of 1024"):
        check_fargate_size(4096, 4096)
    with pytest.raises(ValidationError, match="16384 to 61440 in steps of 4096"):
        check_fargate_size(8192, 20000)


def test_rejection_of_an_unknown_cpu_lists_the_cpu_values() -> None:
    with pytest.raises(ValidationError, match="use one of 256, 512, 1024, 2048, 4096, 8192, 16384"):
        check_fargate_size(3000, 4096)


def test_rejects_windows_below_one_vcpu() -> None:
    assert is_valid_fargate_size(512, 1024)
    assert not is_valid_fargate_size(512, 1024, windows=True)
    with pytest.raises(ValidationError, match="Windows needs cpu=1024 or more"):
        check_fargate_size(512, 1024, windows=True)
    check_fargate_size(1024, 2048, windows=True)


def test_valid_memory_of_unknown_cpu_is_empty() -> None:
    assert valid_memory_mib(100) == ()


@pytest.mark.parametrize("gib", [21, 100, 200])
def test_accepts_ephemeral_storage_in_range(gib: int) -> None:
    check_ephemeral_storage(gib)


@pytest.mark.parametrize("gib", [0, 20, 201])
def test_rejects_ephemeral_storage_out_of_range(gib: int) -> None:
    with pytest.raises(ValidationError, match=f"ephemeral_storage_gib={gib} .* 21 to 200 GiB"):
        check_ephemeral_storage(gib)
