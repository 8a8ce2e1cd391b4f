"""Fixtures for the client tests."""

from __future__ import annotations

import pytest
from clientfake import FakeServer


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def sleeps() -> list[float]:
    return []
