"""Errors raised by cdk-platform-patterns."""

from __future__ import annotations

__all__ = ["ValidationError"]


class ValidationError(ValueError):
    """An option given to a construct or helper cannot work.

    Raised at synth time, before any resource is defined, so a bad option never reaches
    CloudFormation. The message names the option as it is written in Python, the value
    that was given and what would be accepted instead.
    """
