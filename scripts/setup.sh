#!/usr/bin/env bash
# Sets up what the project needs, once: a Python virtual environment in .venv with the
# pinned development tools and this package (editable), and the Node.js tools (the CDK
# CLI) in node_modules. Runs again only when a requirements or lock file changes.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"cdk-platform-patterns needs Python 3.11 or newer; {sys.executable} is {sys.version.split()[0]}")
PY
node -e 'const [major] = process.versions.node.split(".").map(Number); if (major < 20) { console.error(`Node.js 20 or newer is needed; this is ${process.version}`); process.exit(1); }'

stamp_of() { cat requirements.txt requirements-dev.txt pyproject.toml package.json package-lock.json | sha256sum | cut -c1-64; }
wanted="$(stamp_of)"
if [ -x .venv/bin/python ] && [ -d node_modules ] && [ "$(cat .setup-stamp 2>/dev/null)" = "$wanted" ]; then
  exit 0
fi

echo "Setting up .venv and node_modules (first run, or a requirements file changed)..."
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
npm ci --no-audit --no-fund --loglevel=error
echo "$wanted" > .setup-stamp
