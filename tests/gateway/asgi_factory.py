"""The app of a `uvicorn --workers N --factory` test server: the real `create_app_from_env`, plus
a key prefix for the test's Redis keys, an optional slow test method and the worker's pid as a header."""

from __future__ import annotations

import os
import time
from typing import Any

from wdterp.api.registry import declare
from wdterp.gateway.app import create_app_from_env
from wdterp.gateway.limits import RedisLimits

PREFIX_ENV = "WDTERP_TEST_REDIS_PREFIX"
SLOW_METHOD_ENV = "WDTERP_TEST_SLOW_METHOD"
SLOW_SECONDS_ENV = "WDTERP_TEST_SLOW_SECONDS"


def create() -> Any:
    app = create_app_from_env()
    gateway = app.state.gateway
    prefix = os.environ.get(PREFIX_ENV)
    if prefix and gateway.config.redis_url:
        gateway.limits = gateway.pipeline.limits = RedisLimits(gateway.config.redis_url, prefix)
    slow = os.environ.get(SLOW_METHOD_ENV)
    if slow:
        seconds = float(os.environ.get(SLOW_SECONDS_ENV, "1"))

        def slow_handler(ctx: Any, params: dict[str, Any]) -> dict[str, Any]:
            time.sleep(seconds)
            return {"pid": os.getpid()}

        declare(slow, paged=False)(slow_handler)
    pid = str(os.getpid()).encode()

    async def with_pid(scope: Any, receive: Any, send: Any) -> None:
        async def send_with_pid(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-worker-pid", pid)]}
            await send(message)

        await app(scope, receive, send_with_pid if scope["type"] == "http" else send)

    return with_pid
