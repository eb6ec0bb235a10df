#!/usr/bin/env bash
# Regenerate API.md from the docstrings with griffe2md. With --check, fail if API.md
# differs from what the docstrings give (CI runs it that way), leaving API.md untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp)"
{
  echo "<!-- Generated from the docstrings by scripts/api-docs.sh (griffe2md). Do not edit. -->"
  echo
  .venv/bin/griffe2md cdk_platform_patterns
} > "$fresh"
if [ "${1:-}" = "--check" ]; then
  if ! diff -u API.md "$fresh" > /dev/null; then
    diff -u API.md "$fresh" | head -40
    echo "API.md is stale: run 'bash scripts/api-docs.sh' and commit the result." >&2
    exit 1
  fi
  echo "API.md is up to date."
else
  mv "$fresh" API.md
  echo "Wrote API.md."
fi
