"""Placement rules, tested as pure logic: no CDK app is synthesized here."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdk_platform_patterns import ValidationError
from cdk_platform_patterns.fargate import is_valid_fargate_size
from cdk_platform_patterns.placement import (
    FARGATE_PROVIDER,
    FARGATE_SPOT_PROVIDER,
    CapacitySpec,
    PlacementDecision,
    StrategyEntry,
    check_strategy,
    decide_placement,
)

GPU = CapacitySpec(name="gpu", cpu_units=4096, task_memory_mib=15_000, gpus=1)
BIG_GPU = CapacitySpec(name="gpu4", cpu_units=49_152, task_memory_mib=180_000, gpus=4)
GENERAL = CapacitySpec(name="general", cpu_units=8192, task_memory_mib=30_000)
GENERAL_SPOT = CapacitySpec(name="general-spot", cpu_units=8192, task_memory_mib=30_000, spot=True)


def place(**options: object) -> PlacementDecision:
    options.setdefault("fargate_enabled", True)
    return decide_placement(**options)  # type: ignore[arg-type]


# GIVEN a Fargate-sized task


def test_fargate_size_goes_to_fargate() -> None:
    decision = place(cpu=512, memory_mib=1024, ec2_capacities=[GPU, GENERAL])
    assert decision.capacity == "fargate"
    assert decision.launch_type == "FARGATE"
    assert decision.strategy == (StrategyEntry(provider=FARGATE_PROVIDER, weight=1),)


def test_spot_on_fargate_is_an_on_demand_base_with_spot_weight() -> None:
    decision = place(cpu=512, memory_mib=1024, spot=True)
    assert decision.capacity == "fargate+spot"
    assert decision.strategy == (
        StrategyEntry(provider=FARGATE_PROVIDER, weight=1, base=1),
        StrategyEntry(provider=FARGATE_SPOT_PROVIDER, weight=3),
    )


def test_named_fargate_spot_is_spot_only() -> None:
    decision = place(cpu=256, memory_mib=512, capacity="fargate-spot")
    assert decision.strategy == (StrategyEntry(provider=FARGATE_SPOT_PROVIDER, weight=1),)


def test_windows_with_spot_runs_on_demand_and_says_so() -> None:
    decision = place(cpu=1024, memory_mib=2048, spot=True, windows=True)
    assert decision.capacity == "fargate"
    assert "Fargate Spot does not run Windows" in decision.notes[0]


def test_rejects_windows_on_named_fargate_spot() -> None:
    with pytest.raises(ValidationError, match="Fargate Spot does not run Windows"):
        place(cpu=1024, memory_mib=2048, capacity="fargate-spot", windows=True)


# GIVEN a task that needs GPUs


def test_gpu_task_goes_to_gpu_capacity() -> None:
    decision = place(cpu=2048, memory_mib=8192, gpu_count=1, ec2_capacities=[GENERAL, GPU])
    assert decision.capacity == "gpu"
    assert decision.launch_type == "EC2"
    assert decision.gpu_count == 1
    assert decision.strategy == (StrategyEntry(provider="gpu", weight=1),)


def test_gpu_task_prefers_the_capacity_wasting_fewest_gpus() -> None:
    decision = place(cpu=1024, memory_mib=4096, gpu_count=1, ec2_capacities=[BIG_GPU, GPU])
    assert decision.capacity == "gpu"


def test_task_needing_four_gpus_goes_to_the_four_gpu_capacity() -> None:
    decision = place(cpu=4096, memory_mib=16384, gpu_count=4, ec2_capacities=[GPU, BIG_GPU])
    assert decision.capacity == "gpu4"


def test_rejects_gpu_task_on_a_cluster_without_gpu_capacity() -> None:
    with pytest.raises(ValidationError) as error:
        place(cpu=1024, memory_mib=2048, gpu_count=1, ec2_capacities=[GENERAL])
    message = str(error.value)
    assert "Fargate has no GPUs" in message
    assert "Ec2Capacity(name='gpu', instance_type=ec2.InstanceType('g5.xlarge')" in message


def test_rejects_gpu_task_on_named_fargate_pointing_at_the_gpu_capacity() -> None:
    with pytest.raises(ValidationError) as error:
        place(cpu=1024, memory_mib=2048, gpu_count=1, capacity="fargate", ec2_capacities=[GPU])
    message = str(error.value)
    assert "capacity='fargate' with gpu_count=1 cannot work: Fargate has no GPUs" in message
    assert "name a GPU capacity that holds the task: ['gpu']" in message


def test_rejects_more_gpus_than_any_instance_has() -> None:
    with pytest.raises(ValidationError, match=r"\('gpu' lacks gpu_count 2 > 1\)"):
        place(cpu=1024, memory_mib=2048, gpu_count=2, ec2_capacities=[GPU])


def test_rejection_of_a_too_big_gpu_task_says_which_dimension_is_short() -> None:
    with pytest.raises(ValidationError, match=r"'gpu' lacks memory_mib 16384 > 15000"):
        place(cpu=4096, memory_mib=16384, gpu_count=1, ec2_capacities=[GPU])


# GIVEN a task that Fargate cannot run


def test_task_too_big_for_fargate_goes_to_ec2_without_gpus() -> None:
    decision = place(cpu=8192, memory_mib=28_000, ec2_capacities=[GPU, GENERAL])
    assert decision.capacity == "general"


def test_non_gpu_work_never_fills_gpu_capacity_unasked() -> None:
    with pytest.raises(ValidationError, match=r"name a GPU capacity .* \(one of \['gpu'\]\)"):
        place(cpu=2048, memory_mib=3000, ec2_capacities=[GPU])


def test_gpu_capacity_that_cannot_hold_the_task_is_not_suggested() -> None:
    with pytest.raises(ValidationError) as error:
        place(cpu=8192, memory_mib=60_000, ec2_capacities=[GPU])
    assert "name a GPU capacity" not in str(error.value)


def test_windows_task_never_goes_to_linux_ec2_capacity() -> None:
    with pytest.raises(ValidationError, match="EC2 capacities run Linux"):
        place(cpu=512, memory_mib=1024, windows=True, ec2_capacities=[GENERAL])
    with pytest.raises(ValidationError, match="windows=True cannot work: EC2 capacities run"):
        place(cpu=1024, memory_mib=2048, windows=True, capacity="general", ec2_capacities=[GENERAL])
    decision = place(cpu=1024, memory_mib=2048, windows=True, ec2_capacities=[GENERAL])
    assert decision.capacity == "fargate"


def test_unknown_capacity_name_suggests_the_near_one() -> None:
    with pytest.raises(ValidationError, match="Did you mean 'fargate-spot'"):
        place(cpu=256, memory_mib=512, capacity="Fargate-Spot")


def test_non_gpu_work_may_use_gpu_capacity_when_named() -> None:
    assert place(cpu=2048, memory_mib=3000, capacity="gpu", ec2_capacities=[GPU]).capacity == "gpu"


def test_rejects_invalid_fargate_pair_listing_valid_memory() -> None:
    with pytest.raises(ValidationError) as error:
        place(cpu=512, memory_mib=1000)
    assert "with cpu=512 use memory_mib 1024, 2048, 3072 or 4096" in str(error.value)


def test_rejects_invalid_pair_on_named_fargate_even_with_ec2_capacity() -> None:
    with pytest.raises(ValidationError, match="is not a Fargate task size"):
        place(cpu=512, memory_mib=1000, capacity="fargate", ec2_capacities=[GENERAL])


def test_spot_preference_picks_spot_ec2_capacity() -> None:
    decision = place(cpu=8192, memory_mib=20_000, spot=True, ec2_capacities=[GENERAL, GENERAL_SPOT])
    assert decision.capacity == "general-spot"
    assert decision.notes == ()


def test_unmet_spot_preference_is_noted() -> None:
    decision = place(cpu=2048, memory_mib=8192, gpu_count=1, spot=True, ec2_capacities=[GPU])
    assert decision.capacity == "gpu"
    assert "no Spot capacity can hold the task" in decision.notes[0]


# GIVEN a cluster without the capacity asked for


def test_rejects_fargate_on_a_cluster_without_fargate() -> None:
    with pytest.raises(ValidationError, match="fargate=False"):
        place(cpu=512, memory_mib=1024, capacity="fargate", fargate_enabled=False)


def test_without_fargate_work_goes_to_ec2() -> None:
    decision = place(cpu=512, memory_mib=1024, fargate_enabled=False, ec2_capacities=[GENERAL])
    assert decision.capacity == "general"


def test_rejects_unknown_capacity_name_listing_known_ones() -> None:
    with pytest.raises(ValidationError, match=r"capacity='gpus' is not a capacity .*'gpu'"):
        place(cpu=512, memory_mib=1024, capacity="gpus", ec2_capacities=[GPU])


def test_rejects_named_capacity_too_small() -> None:
    with pytest.raises(ValidationError, match="capacity='gpu' cannot hold"):
        place(cpu=8192, memory_mib=1024, capacity="gpu", ec2_capacities=[GPU])


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"cpu": 0, "memory_mib": 512}, "cpu=0"),
        ({"cpu": 256, "memory_mib": -1}, "memory_mib=-1"),
        ({"cpu": 256, "memory_mib": 512, "gpu_count": -1}, "gpu_count=-1"),
        ({"cpu": True, "memory_mib": 512}, "cpu=True"),
        ({"cpu": 256.5, "memory_mib": 512}, "cpu=256.5"),
    ],
)
def test_rejects_out_of_range_numbers(options: dict[str, object], match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        place(**options)


# Strategy rules


def test_strategy_rejects_mixing_fargate_and_ec2() -> None:
    with pytest.raises(ValidationError, match="mixes Fargate with EC2"):
        check_strategy(
            [StrategyEntry(provider="FARGATE", weight=1), StrategyEntry(provider="gpu", weight=1)],
            providers={"FARGATE", "gpu"},
        )


def test_strategy_rejects_two_bases() -> None:
    with pytest.raises(ValidationError, match="Only one strategy entry may have a base"):
        check_strategy(
            [
                StrategyEntry(provider="FARGATE", weight=1, base=1),
                StrategyEntry(provider="FARGATE_SPOT", weight=1, base=2),
            ],
            providers={"FARGATE", "FARGATE_SPOT"},
        )


def test_strategy_rejects_unknown_providers() -> None:
    with pytest.raises(ValidationError, match=r"names \['FARGATE_SPOT'\], which this cluster"):
        check_strategy([StrategyEntry(provider="FARGATE_SPOT", weight=1)], providers={"FARGATE"})


def test_strategy_rejects_all_zero_weights_and_empty() -> None:
    with pytest.raises(ValidationError, match="no entry with a weight above 0"):
        check_strategy([StrategyEntry(provider="FARGATE", weight=0, base=1)], providers={"FARGATE"})
    with pytest.raises(ValidationError, match="at least one entry"):
        check_strategy([], providers={"FARGATE"})


# Properties: any options give a placement ECS accepts, or a ValidationError.

capacities = st.lists(
    st.builds(
        CapacitySpec,
        name=st.sampled_from(["gpu", "general", "big", "spot-gpu", "arm"]),
        cpu_units=st.sampled_from([2048, 4096, 8192, 49_152]),
        task_memory_mib=st.integers(min_value=512, max_value=200_000),
        gpus=st.integers(min_value=0, max_value=8),
        spot=st.booleans(),
    ),
    max_size=4,
    unique_by=lambda c: c.name,
)
cpu_values = st.one_of(
    st.sampled_from([256, 512, 1024, 2048, 4096, 8192, 16384]), st.integers(-5, 70_000)
)
memory_values = st.one_of(
    st.sampled_from([512, 1024, 2048, 4096, 8192, 16384, 30720, 61440, 122_880]),
    st.integers(-5, 300_000),
)
capacity_names = st.one_of(
    st.none(), st.sampled_from(["fargate", "fargate-spot", "fargate+spot", "gpu", "general", "x"])
)


@settings(max_examples=400, deadline=None)
@given(
    cpu=cpu_values,
    memory_mib=memory_values,
    gpu_count=st.integers(-1, 9),
    spot=st.booleans(),
    capacity=capacity_names,
    windows=st.booleans(),
    fargate_enabled=st.booleans(),
    ec2_capacities=capacities,
)
def test_any_options_give_a_valid_placement_or_a_validation_error(
    cpu: int,
    memory_mib: int,
    gpu_count: int,
    spot: bool,
    capacity: str | None,
    windows: bool,
    fargate_enabled: bool,
    ec2_capacities: list[CapacitySpec],
) -> None:
    try:
        decision = decide_placement(
            cpu=cpu,
            memory_mib=memory_mib,
            gpu_count=gpu_count,
            spot=spot,
            capacity=capacity,
            windows=windows,
            fargate_enabled=fargate_enabled,
            ec2_capacities=ec2_capacities,
        )
    except ValidationError:
        return

    providers = {c.name for c in ec2_capacities}
    if fargate_enabled:
        providers |= {FARGATE_PROVIDER, FARGATE_SPOT_PROVIDER}
    check_strategy(decision.strategy, providers=providers)
    if windows:
        assert decision.launch_type == "FARGATE", "EC2 capacities run Linux"
    if decision.launch_type == "FARGATE":
        assert gpu_count == 0, "Fargate has no GPUs"
        assert is_valid_fargate_size(cpu, memory_mib, windows=windows)
    else:
        chosen = next(c for c in ec2_capacities if c.name == decision.capacity)
        assert chosen.holds(cpu, memory_mib, gpu_count)
        if capacity is None and gpu_count == 0:
            assert chosen.gpus == 0, "unnamed non-GPU work never lands on GPU capacity"
    if capacity is not None:
        assert decision.capacity == capacity


entries = st.lists(
    st.builds(
        StrategyEntry,
        provider=st.sampled_from(["FARGATE", "FARGATE_SPOT", "gpu", "general", "nope"]),
        weight=st.integers(-1, 1001),
        base=st.integers(-1, 3),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(entries=entries)
def test_strategy_check_accepts_only_what_ecs_accepts(entries: list[StrategyEntry]) -> None:
    providers = {"FARGATE", "FARGATE_SPOT", "gpu", "general"}
    try:
        check_strategy(entries, providers=providers)
    except ValidationError:
        return
    names = [e.provider for e in entries]
    fargate = {"FARGATE", "FARGATE_SPOT"}
    assert names
    assert len(set(names)) == len(names)
    assert set(names) <= providers
    assert set(names) <= fargate or not set(names) & fargate
    assert sum(1 for e in entries if e.base > 0) <= 1
    assert any(e.weight > 0 for e in entries)
    assert all(0 <= e.weight <= 1000 and e.base >= 0 for e in entries)
