"""Acknowledge compliance findings that a pattern makes inherently, with the reason."""

from __future__ import annotations

from aws_cdk import Acknowledgment, Validations
from constructs import IConstruct

__all__ = ["acknowledge"]


def acknowledge(scope: IConstruct, reason: str, *rules: str) -> None:
    """Acknowledge cdk-nag ``rules`` on ``scope`` and everything below it, with ``reason``.

    A rule is named as cdk-nag reports it, pack first: ``AwsSolutions-IAM5``,
    ``NIST.800.53.R5-IAMNoInlinePolicy``, ``HIPAA.Security-IAMNoInlinePolicy``,
    ``Serverless-LambdaDLQ``.
    """
    for rule in rules:
        pack = rule.split("-", 1)[0]
        Validations.of(scope).acknowledge(Acknowledgment(id=f"{pack}::{rule}", reason=reason))
