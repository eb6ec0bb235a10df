#!/usr/bin/env bash
# Quick start, command 1: set up, then synthesize the example app with the CDK CLI into
# cdk.out/ and print each stack with its resource count. Offline: no AWS account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export PATH="$PWD/.venv/bin:$PATH"
rm -rf cdk.out
(cd examples && ../node_modules/.bin/cdk synth --quiet --no-notices >/dev/null)
python scripts/stack_summary.py cdk.out
