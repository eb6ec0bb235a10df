"""Name patterns that several constructs check, written once (pure Python, no CDK)."""

from __future__ import annotations

import re

__all__ = ["COGNITO_GROUP_NAME", "DNS_LABEL", "DNS_LABEL_NAME"]

DNS_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
"""One lower-case DNS label: letters, digits and inner hyphens, at most 63 characters."""

DNS_LABEL_NAME = re.compile(rf"^{DNS_LABEL}$")
"""A whole name that is one DNS label (Cognito domain prefixes, Service Connect names)."""

COGNITO_GROUP_NAME = re.compile(r"^[\w+=,.@-]{1,128}$")
"""A Cognito user pool group name."""
