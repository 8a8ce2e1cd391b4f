"""WDTERP_* variables: parsed once per state of the environment, checked as a whole, never at import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wdterp.gateway.config import GatewayConfig
from wdterp.settings import SettingsError, settings


def test_values_are_parsed_and_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WDTERP_DEFAULT_RATE_LIMIT", "42")
    monkeypatch.setenv("WDTERP_TRUST_FORWARDED", "1")
    monkeypatch.setenv("WDTERP_CAPTURE_BODIES", "")
    config = GatewayConfig.from_env()
    assert (config.default_rate_limit, config.trust_forwarded, config.capture_bodies) == (42, True, False)
    assert settings() is settings()  # parsed once for one state of the variables


def test_a_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WDTERP_ACCESS_CACHE_TTL", "-1")
    monkeypatch.setenv("WDTERP_PG_POOL_SIZE", "lots")
    with pytest.raises(SettingsError) as info:
        settings()
    assert "WDTERP_ACCESS_CACHE_TTL='-1'" in str(info.value) and "WDTERP_PG_POOL_SIZE='lots'" in str(info.value)


def test_importing_never_reads_the_environment() -> None:
    code = "import wdterp.cli.main, wdterp.gateway.app, wdterp.console; print('imported')"
    env = {"WDTERP_DEFAULT_CONCURRENCY": "x", "WDTERP_AUTOPILOT_SECONDS": "y", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "imported", done.stderr
