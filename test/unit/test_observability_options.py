"""Choices of an ObservableService and the rules between them: pure logic, no synthesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.observability.options import (
    LogDriver,
    Tracing,
    check_task_counts,
    derive_discovery_name,
    resolve_log_driver,
    resolve_tracing,
)


def test_log_driver_defaults_to_firelens_on_linux_and_awslogs_on_windows() -> None:
    assert resolve_log_driver(None, windows=False) is LogDriver.FIRELENS
    assert resolve_log_driver(None, windows=True) is LogDriver.AWSLOGS


def test_rejects_firelens_on_windows() -> None:
    with pytest.raises(ValidationError, match=r"LogDriver.AWSLOGS"):
        resolve_log_driver(LogDriver.FIRELENS, windows=True)


def test_rejects_a_log_driver_that_is_not_one() -> None:
    with pytest.raises(ValidationError, match=r"not a LogDriver"):
        resolve_log_driver("firelens", windows=False)  # type: ignore[arg-type]


def test_tracing_defaults_to_opentelemetry_on_linux_and_none_on_windows() -> None:
    assert resolve_tracing(None, windows=False) is Tracing.OPENTELEMETRY
    assert resolve_tracing(None, windows=True) is Tracing.NONE


@pytest.mark.parametrize("tracing", [Tracing.OPENTELEMETRY, Tracing.APPLICATION_SIGNALS])
def test_rejects_tracing_sidecars_on_windows(tracing: Tracing) -> None:
    with pytest.raises(ValidationError, match=r"Tracing.NONE"):
        resolve_tracing(tracing, windows=True)


def test_task_counts_default_from_desired_count() -> None:
    assert check_task_counts(desired_count=2, min_task_count=None, max_task_count=None) == (2, 8)
    assert check_task_counts(desired_count=0, min_task_count=None, max_task_count=None) == (0, 2)


@pytest.mark.parametrize(
    ("desired", "low", "high", "message"),
    [
        (-1, None, None, "desired_count=-1"),
        (2, 3, 2, "min_task_count=3, max_task_count=2"),
        (5, 1, 4, "desired_count=5 is outside"),
        (1, None, 0, "max_task_count=0"),
    ],
)
def test_rejects_task_counts_that_cannot_work(
    desired: int, low: int | None, high: int | None, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        check_task_counts(desired_count=desired, min_task_count=low, max_task_count=high)


@given(st.integers(min_value=0, max_value=1000))
def test_derived_task_counts_hold_desired_count(desired: int) -> None:
    low, high = check_task_counts(desired_count=desired, min_task_count=None, max_task_count=None)
    assert low <= desired <= high


@pytest.mark.parametrize(
    ("construct_id", "expected"), [("Web", "web"), ("Orders API", "orders-api"), ("gpu_1", "gpu-1")]
)
def test_discovery_name_derives_from_the_construct_id(construct_id: str, expected: str) -> None:
    assert derive_discovery_name(construct_id, None) == expected


def test_rejects_a_bad_service_connect_name() -> None:
    with pytest.raises(ValidationError, match=r"service_connect_name='Web'"):
        derive_discovery_name("Web", "Web")


def test_rejects_an_id_without_a_usable_name() -> None:
    with pytest.raises(ValidationError, match=r"service_connect_name="):
        derive_discovery_name("---", None)
