#!/usr/bin/env bash
# Quick start, command 2: set up, then run the whole test suite (unit, construct,
# compliance and example tests). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export PATH="$PWD/.venv/bin:$PWD/node_modules/.bin:$PATH"
exec python -m pytest -n auto --dist loadfile "$@"
