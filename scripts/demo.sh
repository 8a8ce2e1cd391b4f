#!/usr/bin/env sh
# Installs wdterp into .venv and starts a ready sandbox on SQLite, printing the URL and credentials.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/wdterp demo "$@"
