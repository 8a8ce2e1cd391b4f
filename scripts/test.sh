#!/usr/bin/env sh
# Installs wdterp with its test tools into .venv and runs the whole test suite (lint, types, layers, tests).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
. .venv/bin/activate
echo "== ruff";         ruff check src tests bench tools
echo "== mypy";         mypy
echo "== import-linter"; lint-imports --no-cache
echo "== pytest";       python -m pytest "$@"
