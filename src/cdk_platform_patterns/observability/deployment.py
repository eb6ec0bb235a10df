"""How long a rolling deployment must take at least: pure Python, no CDK import.

Each batch of new tasks must pass the load balancer's health check (``healthy_threshold``
checks ``interval`` seconds apart) before the old tasks are deregistered, and a
deregistered task keeps draining for the deregistration delay. Neither can overlap within
a batch, so their sum is the lower bound on one batch.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RollingBatchTiming", "rolling_batch_lower_bound_seconds"]


@dataclass(frozen=True, kw_only=True)
class RollingBatchTiming:
    """The target group settings that bound a rolling deployment batch."""

    health_check_interval_seconds: int
    """Seconds between two health checks of one target."""

    healthy_threshold: int
    """Consecutive passing checks before a target counts as healthy."""

    deregistration_delay_seconds: int
    """Seconds a deregistered target keeps draining."""

    @property
    def time_to_healthy_seconds(self) -> int:
        """Seconds from the first health check until a new target is healthy."""
        return self.health_check_interval_seconds * self.healthy_threshold


def rolling_batch_lower_bound_seconds(timing: RollingBatchTiming) -> int:
    """Return the least number of seconds one rolling deployment batch takes."""
    return timing.time_to_healthy_seconds + timing.deregistration_delay_seconds
