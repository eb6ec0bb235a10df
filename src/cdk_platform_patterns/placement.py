"""Where a service's tasks run: Fargate, Fargate Spot or a named EC2 capacity.

Pure Python with no CDK import. ``decide_placement`` turns a task's needs (CPU, memory,
GPUs, Spot) and the capacity a cluster has into a decision and a capacity provider
strategy that ECS accepts; ``check_strategy`` holds any strategy to ECS's rules. Both
raise ``ValidationError`` for anything that cannot work, and nothing else.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.fargate import (
    WINDOWS_MIN_CPU,
    describe_memory_choices,
    is_valid_fargate_size,
)

__all__ = [
    "CAPACITY_FARGATE",
    "CAPACITY_FARGATE_MIXED",
    "CAPACITY_FARGATE_SPOT",
    "FARGATE_CAPACITY_NAMES",
    "FARGATE_PROVIDER",
    "FARGATE_SPOT_PROVIDER",
    "SPOT_MIX_ON_DEMAND_BASE",
    "SPOT_MIX_SPOT_WEIGHT",
    "CapacitySpec",
    "PlacementDecision",
    "StrategyEntry",
    "check_strategy",
    "decide_placement",
]

FARGATE_PROVIDER = "FARGATE"
"""The name ECS gives the Fargate (on-demand) capacity provider."""

FARGATE_SPOT_PROVIDER = "FARGATE_SPOT"
"""The name ECS gives the Fargate Spot capacity provider."""

CAPACITY_FARGATE = "fargate"
"""Capacity name: every task on Fargate on-demand."""

CAPACITY_FARGATE_SPOT = "fargate-spot"
"""Capacity name: every task on Fargate Spot."""

CAPACITY_FARGATE_MIXED = "fargate+spot"
"""Capacity name: a base of on-demand Fargate tasks, the rest mostly on Fargate Spot."""

FARGATE_CAPACITY_NAMES = (CAPACITY_FARGATE, CAPACITY_FARGATE_SPOT, CAPACITY_FARGATE_MIXED)
"""Capacity names that mean Fargate; EC2 capacities may not use them."""

SPOT_MIX_ON_DEMAND_BASE = 1
"""On-demand Fargate tasks kept in a Spot mix, so a Spot reclaim never takes every task."""

SPOT_MIX_SPOT_WEIGHT = 3
"""Weight of Fargate Spot against on-demand Fargate (weight 1) above the base."""

# ECS limits on one capacity provider strategy entry.
_MAX_BASE = 100_000
_MAX_WEIGHT = 1_000


@dataclass(frozen=True, kw_only=True)
class CapacitySpec:
    """An EC2 capacity as placement sees it: a name and what one instance offers."""

    name: str
    """The capacity's name, unique in its cluster."""

    cpu_units: int
    """CPU units one instance registers (1024 per vCPU)."""

    task_memory_mib: int
    """Memory in MiB one instance offers to tasks."""

    gpus: int = 0
    """NVIDIA GPUs one instance offers."""

    spot: bool = False
    """Whether the capacity runs on Spot instances."""

    def holds(self, cpu: int, memory_mib: int, gpu_count: int) -> bool:
        """Whether one instance of this capacity can hold a task of the given size."""
        return (
            cpu <= self.cpu_units and memory_mib <= self.task_memory_mib and gpu_count <= self.gpus
        )

    def shortfall(self, cpu: int, memory_mib: int, gpu_count: int) -> str:
        """Say what one instance lacks for a task of the given size, for an error message."""
        lacking = []
        if cpu > self.cpu_units:
            lacking.append(f"cpu {cpu} > {self.cpu_units}")
        if memory_mib > self.task_memory_mib:
            lacking.append(f"memory_mib {memory_mib} > {self.task_memory_mib}")
        if gpu_count > self.gpus:
            lacking.append(f"gpu_count {gpu_count} > {self.gpus}")
        return f"'{self.name}' lacks " + ", ".join(lacking) if lacking else f"'{self.name}' fits"

    def describe(self) -> str:
        """Describe the capacity for an error message."""
        spot = ", Spot" if self.spot else ""
        return (
            f"'{self.name}' (cpu {self.cpu_units}, memory_mib {self.task_memory_mib}, "
            f"{self.gpus} GPU{'' if self.gpus == 1 else 's'}{spot})"
        )


@dataclass(frozen=True, kw_only=True)
class StrategyEntry:
    """One entry of a capacity provider strategy, naming its provider by name."""

    provider: str
    """``FARGATE``, ``FARGATE_SPOT`` or the name of an EC2 capacity."""

    weight: int
    """Relative share of tasks above all bases."""

    base: int = 0
    """Tasks placed on this provider before weights apply."""


@dataclass(frozen=True, kw_only=True)
class PlacementDecision:
    """Where a service runs and how to ask ECS for it."""

    capacity: str
    """``fargate``, ``fargate-spot``, ``fargate+spot`` or the chosen EC2 capacity's name."""

    launch_type: Literal["FARGATE", "EC2"]
    """The compatibility to register the task definition with."""

    strategy: tuple[StrategyEntry, ...]
    """The capacity provider strategy for the service."""

    cpu: int
    """Task CPU units to register."""

    memory_mib: int
    """Task memory in MiB to register."""

    gpu_count: int
    """GPUs for the task's main container."""

    notes: tuple[str, ...] = ()
    """Things the caller should tell the user: a preference that could not be met."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_inputs(cpu: object, memory_mib: object, gpu_count: object) -> None:
    for name, value, low in (("cpu", cpu, 1), ("memory_mib", memory_mib, 1)):
        if not _is_int(value) or value < low:  # type: ignore[operator]
            raise ValidationError(f"{name}={value!r} must be a whole number of at least {low}.")
    if not _is_int(gpu_count) or gpu_count < 0:  # type: ignore[operator]
        raise ValidationError(f"gpu_count={gpu_count!r} must be a whole number, 0 or more.")


def _fargate_decision(
    *, capacity: str, cpu: int, memory_mib: int, windows: bool, notes: tuple[str, ...] = ()
) -> PlacementDecision:
    if capacity == CAPACITY_FARGATE:
        strategy: tuple[StrategyEntry, ...] = (StrategyEntry(provider=FARGATE_PROVIDER, weight=1),)
    elif capacity == CAPACITY_FARGATE_SPOT:
        strategy = (StrategyEntry(provider=FARGATE_SPOT_PROVIDER, weight=1),)
    else:
        strategy = (
            StrategyEntry(provider=FARGATE_PROVIDER, weight=1, base=SPOT_MIX_ON_DEMAND_BASE),
            StrategyEntry(provider=FARGATE_SPOT_PROVIDER, weight=SPOT_MIX_SPOT_WEIGHT),
        )
    if windows and capacity != CAPACITY_FARGATE:
        raise ValidationError(
            f"capacity={capacity!r} with windows=True cannot work: Fargate Spot does not run "
            "Windows tasks. Use spot=False (capacity 'fargate') or EC2 capacity."
        )
    return PlacementDecision(
        capacity=capacity,
        launch_type="FARGATE",
        strategy=strategy,
        cpu=cpu,
        memory_mib=memory_mib,
        gpu_count=0,
        notes=notes,
    )


def _ec2_decision(
    chosen: CapacitySpec, *, cpu: int, memory_mib: int, gpu_count: int, notes: tuple[str, ...]
) -> PlacementDecision:
    return PlacementDecision(
        capacity=chosen.name,
        launch_type="EC2",
        strategy=(StrategyEntry(provider=chosen.name, weight=1),),
        cpu=cpu,
        memory_mib=memory_mib,
        gpu_count=gpu_count,
        notes=notes,
    )


def _no_gpu_error(
    *, cpu: int, memory_mib: int, gpu_count: int, ec2: Sequence[CapacitySpec], lead: str
) -> str:
    gpu_capacity = [c for c in ec2 if c.gpus > 0]
    fitting = [c.name for c in gpu_capacity if c.holds(cpu, memory_mib, gpu_count)]
    if fitting:
        return (
            f"{lead}. Use capacity=None to let placement choose, or name a GPU capacity that "
            f"holds the task: {fitting}."
        )
    if gpu_capacity:
        why = "; ".join(c.shortfall(cpu, memory_mib, gpu_count) for c in gpu_capacity)
        return (
            f"{lead}, and no GPU capacity of this cluster can hold cpu={cpu}, "
            f"memory_mib={memory_mib}, gpu_count={gpu_count} ({why}). Add an Ec2Capacity "
            "with a larger GPU instance type, or ask for fewer GPUs, less cpu or less "
            "memory_mib."
        )
    return (
        f"{lead}, and this cluster has no GPU capacity. Add one, for example "
        "ec2_capacity=[Ec2Capacity(name='gpu', instance_type=ec2.InstanceType('g5.xlarge'), "
        "max_capacity=2)], and place the service with capacity=None or capacity='gpu'."
    )


def _did_you_mean(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name.lower(), [k.lower() for k in known], n=1)
    if not close:
        return ""
    match = next(k for k in known if k.lower() == close[0])
    return f" Did you mean {match!r}?"


def _pick(candidates: Sequence[CapacitySpec], spot: bool) -> tuple[CapacitySpec, tuple[str, ...]]:
    """Pick the capacity that wastes the fewest GPUs, preferring the Spot choice asked for."""
    preferred = [c for c in candidates if c.spot == spot] or list(candidates)
    chosen = min(preferred, key=lambda c: c.gpus)  # stable: first given wins a tie
    notes: tuple[str, ...] = ()
    if chosen.spot != spot:
        wanted = "Spot" if spot else "on-demand"
        notes = (
            f"spot={spot} asked for {wanted} capacity, but no {wanted} capacity can hold the "
            f"task; it runs on '{chosen.name}' instead.",
        )
    return chosen, notes


def decide_placement(
    *,
    cpu: int,
    memory_mib: int,
    gpu_count: int = 0,
    spot: bool = False,
    capacity: str | None = None,
    windows: bool = False,
    fargate_enabled: bool,
    ec2_capacities: Sequence[CapacitySpec] = (),
) -> PlacementDecision:
    """Decide where a task of this size runs on a cluster with this capacity.

    Args:
        cpu: task CPU units (1024 = 1 vCPU).
        memory_mib: task memory in MiB.
        gpu_count: NVIDIA GPUs the task needs; any above 0 means EC2 GPU capacity.
        spot: prefer Spot: on Fargate a base of on-demand tasks with the rest mostly on
            Fargate Spot; on EC2 a Spot capacity when one can hold the task.
        capacity: a capacity name to use instead of choosing: ``fargate``,
            ``fargate-spot``, ``fargate+spot`` or an EC2 capacity's name.
        windows: whether the task runs Windows containers.
        fargate_enabled: whether the cluster has the Fargate capacity providers.
        ec2_capacities: the cluster's EC2 capacities, in the order they were given.

    Raises:
        ValidationError: if no capacity of the cluster can run the task, or an option
            is out of range.
    """
    _check_inputs(cpu, memory_mib, gpu_count)
    by_name = {c.name: c for c in ec2_capacities}

    if capacity is not None:
        if capacity in FARGATE_CAPACITY_NAMES:
            if gpu_count > 0:
                raise ValidationError(
                    _no_gpu_error(
                        cpu=cpu,
                        memory_mib=memory_mib,
                        gpu_count=gpu_count,
                        ec2=ec2_capacities,
                        lead=f"capacity={capacity!r} with gpu_count={gpu_count} cannot work: "
                        "Fargate has no GPUs",
                    )
                )
            if not fargate_enabled:
                raise ValidationError(
                    f"capacity={capacity!r}, but this cluster was defined with fargate=False. "
                    "Define it with fargate=True, or name one of its EC2 capacities: "
                    f"{sorted(by_name) or 'it has none'}."
                )
            _require_fargate_size(cpu, memory_mib, windows)
            return _fargate_decision(
                capacity=capacity, cpu=cpu, memory_mib=memory_mib, windows=windows
            )
        named = by_name.get(capacity)
        if named is None:
            known = [*(FARGATE_CAPACITY_NAMES if fargate_enabled else ()), *by_name]
            raise ValidationError(
                f"capacity={capacity!r} is not a capacity of this cluster: use None to "
                f"choose automatically, or one of {known}.{_did_you_mean(capacity, known)}"
            )
        if windows:
            raise ValidationError(
                f"capacity={capacity!r} with windows=True cannot work: EC2 capacities run the "
                "Linux ECS-optimised image. Run Windows tasks on Fargate (capacity='fargate', "
                f"cpu={WINDOWS_MIN_CPU} or more)."
            )
        if not named.holds(cpu, memory_mib, gpu_count):
            raise ValidationError(
                f"capacity={capacity!r} cannot hold a task with cpu={cpu}, "
                f"memory_mib={memory_mib}, gpu_count={gpu_count}: "
                f"{named.shortfall(cpu, memory_mib, gpu_count)} (one instance offers "
                f"{named.describe()}). Ask for less, or use a larger instance type."
            )
        return _ec2_decision(named, cpu=cpu, memory_mib=memory_mib, gpu_count=gpu_count, notes=())

    # EC2 capacities run the Linux ECS-optimised image, so Windows tasks go to Fargate only.
    linux_capacities = () if windows else ec2_capacities

    if gpu_count > 0:
        if windows:
            raise ValidationError(
                f"gpu_count={gpu_count} with windows=True cannot work: GPU tasks need EC2 "
                "GPU capacity, which runs Linux, and Fargate has no GPUs."
            )
        candidates = [c for c in ec2_capacities if c.holds(cpu, memory_mib, gpu_count)]
        if not candidates:
            raise ValidationError(
                _no_gpu_error(
                    cpu=cpu,
                    memory_mib=memory_mib,
                    gpu_count=gpu_count,
                    ec2=ec2_capacities,
                    lead=f"gpu_count={gpu_count} needs EC2 GPU capacity (Fargate has no GPUs)",
                )
            )
        chosen, notes = _pick(candidates, spot)
        return _ec2_decision(
            chosen, cpu=cpu, memory_mib=memory_mib, gpu_count=gpu_count, notes=notes
        )

    if fargate_enabled and is_valid_fargate_size(cpu, memory_mib, windows=windows):
        if spot and windows:
            return _fargate_decision(
                capacity=CAPACITY_FARGATE,
                cpu=cpu,
                memory_mib=memory_mib,
                windows=True,
                notes=(
                    "spot=True, but Fargate Spot does not run Windows tasks; they run on "
                    "on-demand Fargate.",
                ),
            )
        name = CAPACITY_FARGATE_MIXED if spot else CAPACITY_FARGATE
        return _fargate_decision(capacity=name, cpu=cpu, memory_mib=memory_mib, windows=windows)

    # Work that Fargate cannot run goes to EC2 capacity without GPUs (GPUs are too dear
    # to fill with work that does not use them unless the user names that capacity).
    candidates = [c for c in linux_capacities if c.gpus == 0 and c.holds(cpu, memory_mib, 0)]
    if candidates:
        chosen, notes = _pick(candidates, spot)
        return _ec2_decision(chosen, cpu=cpu, memory_mib=memory_mib, gpu_count=0, notes=notes)

    reasons = []
    if fargate_enabled:
        if windows and cpu < WINDOWS_MIN_CPU:
            reasons.append(f"Windows tasks on Fargate need cpu={WINDOWS_MIN_CPU} or more")
        else:
            reasons.append(
                f"cpu={cpu}, memory_mib={memory_mib} is not a Fargate task size "
                f"({describe_memory_choices(cpu)})"
            )
    else:
        reasons.append("this cluster has no Fargate capacity (fargate=False)")
    cpu_only = [c for c in ec2_capacities if c.gpus == 0]
    if windows:
        reasons.append("EC2 capacities run Linux, so Windows tasks can only use Fargate")
    elif cpu_only:
        reasons.append(
            "no EC2 capacity without GPUs can hold it ("
            + "; ".join(c.shortfall(cpu, memory_mib, 0) for c in cpu_only)
            + ")"
        )
    else:
        reasons.append("the cluster has no EC2 capacity without GPUs to fall back on")
    fixes = ["change cpu or memory_mib"]
    if not windows:
        fixes.append("add an Ec2Capacity that holds it")
        gpu_fits = [c.name for c in linux_capacities if c.gpus > 0 and c.holds(cpu, memory_mib, 0)]
        if gpu_fits:
            fixes.append(f"name a GPU capacity that holds it with capacity= (one of {gpu_fits})")
    raise ValidationError(
        "No capacity can run this task: "
        + "; ".join(reasons)
        + ". To fix it, "
        + ", or ".join(fixes)
        + "."
    )


def _require_fargate_size(cpu: int, memory_mib: int, windows: bool) -> None:
    if windows and cpu < WINDOWS_MIN_CPU:
        raise ValidationError(
            f"cpu={cpu} is too small for a Windows task on Fargate: use cpu={WINDOWS_MIN_CPU} "
            "or more."
        )
    if not is_valid_fargate_size(cpu, memory_mib):
        raise ValidationError(
            f"cpu={cpu}, memory_mib={memory_mib} is not a Fargate task size: "
            f"{describe_memory_choices(cpu)}."
        )


def check_strategy(
    entries: Sequence[StrategyEntry],
    *,
    providers: Collection[str],
) -> None:
    """Raise ``ValidationError`` unless ECS accepts ``entries`` as one strategy.

    Args:
        entries: the strategy's entries.
        providers: names of the providers the cluster has (``FARGATE``,
            ``FARGATE_SPOT`` and EC2 capacity names).
    """
    if not entries:
        raise ValidationError("A capacity provider strategy needs at least one entry.")
    names = [e.provider for e in entries]
    unknown = [n for n in names if n not in providers]
    if unknown:
        raise ValidationError(
            f"The strategy names {unknown}, which this cluster does not have: use "
            f"{sorted(providers)}."
        )
    if len(set(names)) != len(names):
        raise ValidationError(f"The strategy names a provider more than once: {names}.")
    fargate = {FARGATE_PROVIDER, FARGATE_SPOT_PROVIDER}
    if any(n in fargate for n in names) and any(n not in fargate for n in names):
        raise ValidationError(
            f"The strategy {names} mixes Fargate with EC2 Auto Scaling capacity, which ECS "
            "rejects: use Fargate providers only, or EC2 capacities only."
        )
    with_base = [e.provider for e in entries if e.base > 0]
    if len(with_base) > 1:
        raise ValidationError(
            f"Only one strategy entry may have a base above 0; {with_base} do. "
            "Keep the base on one entry."
        )
    for e in entries:
        if not 0 <= e.base <= _MAX_BASE or not 0 <= e.weight <= _MAX_WEIGHT:
            raise ValidationError(
                f"Strategy entry {e.provider!r} has base={e.base}, weight={e.weight}: base "
                f"must be 0 to {_MAX_BASE} and weight 0 to {_MAX_WEIGHT}."
            )
    if all(e.weight == 0 for e in entries):
        raise ValidationError(
            f"The strategy {names} has no entry with a weight above 0, so ECS would place "
            "no task beyond the base: give one entry weight=1 or more."
        )
