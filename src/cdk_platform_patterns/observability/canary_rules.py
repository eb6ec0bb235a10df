"""Which CloudWatch Synthetics runtimes and canary settings work: pure Python, no CDK import.

The canary script that ``ObservableService`` ships is a Node.js Puppeteer script, so a
runtime must be a ``syn-nodejs-puppeteer-*`` runtime that AWS still lets new canaries use.
"""

from __future__ import annotations

import re

from cdk_platform_patterns.errors import ValidationError

__all__ = [
    "CANARY_RUNTIME_NAME",
    "CANARY_SCHEDULE_MINUTES_MAX",
    "CANARY_SCHEDULE_MINUTES_MIN",
    "DEPRECATED_CANARY_RUNTIMES",
    "check_artifacts_expiration_days",
    "check_canary_path",
    "check_canary_runtime_name",
    "check_canary_schedule_minutes",
]

CANARY_RUNTIME_NAME = "syn-nodejs-puppeteer-13.0"
"""The Synthetics runtime canaries use unless told otherwise (Node.js 22, Puppeteer 24)."""

DEPRECATED_CANARY_RUNTIMES: frozenset[str] = frozenset(
    {
        "syn-1.0",
        "syn-nodejs-2.0-beta",
        "syn-nodejs-2.0",
        "syn-nodejs-2.1",
        "syn-nodejs-2.2",
        *(
            f"syn-nodejs-puppeteer-{version}"
            for version in (
                "3.0",
                "3.1",
                "3.2",
                "3.3",
                "3.4",
                "3.5",
                "3.6",
                "3.7",
                "3.8",
                "3.9",
                "4.0",
                "5.0",
                "5.1",
                "5.2",
                "6.0",
                "6.1",
                "6.2",
                "7.0",
                "8.0",
                "9.0",
                "9.1",
                # Node.js 20 runtimes: Lambda ended Node.js 20 support in 2026.
                "10.0",
                "11.0",
            )
        ),
    }
)
"""Node.js Synthetics runtimes that new canaries cannot (or should no longer) use.

Node.js 18 and older runtimes are deprecated by AWS; the Node.js 20 ones (Puppeteer 10.0
and 11.0) reached the end of their Lambda runtime in 2026.
"""

_PUPPETEER_RUNTIME = re.compile(r"^syn-nodejs-puppeteer-(\d+)\.(\d+)$")

CANARY_SCHEDULE_MINUTES_MIN = 1
"""The shortest canary interval in minutes that Synthetics accepts as a rate."""

CANARY_SCHEDULE_MINUTES_MAX = 60
"""The longest canary interval in minutes that ``CanaryOptions.every`` accepts."""


def check_canary_runtime_name(name: str) -> None:
    """Raise ``ValidationError`` unless ``name`` is a current Node.js Puppeteer runtime."""
    if name in DEPRECATED_CANARY_RUNTIMES:
        raise ValidationError(
            f"canary.runtime={name!r} is a deprecated Synthetics runtime that new canaries "
            f"cannot use: leave runtime out for {CANARY_RUNTIME_NAME!r}, or give a newer "
            "syn-nodejs-puppeteer runtime."
        )
    if not _PUPPETEER_RUNTIME.match(name):
        raise ValidationError(
            f"canary.runtime={name!r} is not a Node.js Puppeteer runtime, and the canary "
            f"script is a Puppeteer script: leave runtime out for {CANARY_RUNTIME_NAME!r}, "
            "or give a syn-nodejs-puppeteer runtime such as "
            "synthetics.Runtime.SYNTHETICS_NODEJS_PUPPETEER_13_0."
        )


def check_canary_path(path: str) -> None:
    """Raise ``ValidationError`` unless ``path`` is an absolute URL path."""
    if not isinstance(path, str) or not path.startswith("/") or any(c.isspace() for c in path):
        raise ValidationError(
            f"canary.path={path!r} is not a URL path: give one that starts with '/' and has "
            "no spaces, such as '/' or '/health'."
        )


def check_canary_schedule_minutes(minutes: float) -> None:
    """Raise ``ValidationError`` unless a canary can run every ``minutes`` minutes."""
    if minutes != int(minutes) or not (
        CANARY_SCHEDULE_MINUTES_MIN <= minutes <= CANARY_SCHEDULE_MINUTES_MAX
    ):
        raise ValidationError(
            f"canary.every={minutes:g} minutes cannot be a canary schedule: give whole "
            f"minutes from {CANARY_SCHEDULE_MINUTES_MIN} to {CANARY_SCHEDULE_MINUTES_MAX}, "
            "such as Duration.minutes(5)."
        )


def check_artifacts_expiration_days(days: float) -> None:
    """Raise ``ValidationError`` unless canary artifacts can expire after ``days`` days."""
    if days != int(days) or not 1 <= days <= 455:
        raise ValidationError(
            f"canary.artifacts_expiration={days:g} days is out of range: give whole days "
            "from 1 to 455 (the longest Synthetics keeps run data), such as Duration.days(30)."
        )
