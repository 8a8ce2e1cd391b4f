"""uvicorn's access log, when turned on (`wdterp serve --access-log`): the path without its query.

The query string of an `/openapi` call holds the sign and the salt; a log reader could replay the
call within the 120 s timestamp window. The call log already records every call (without
secrets), so the access log is off by default; this filter cuts the query when it is on.
"""

from __future__ import annotations

import logging
from typing import Any

#: uvicorn's logging configuration with the access log's path cut before the `?`
ACCESS_FILTER = "wdterp.gateway.accesslog.PathOnly"


class PathOnly(logging.Filter):
    """uvicorn.access records carry (client, method, path with query, HTTP version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args: Any = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's default logging configuration, its access handler filtered by `PathOnly`."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = {**LOGGING_CONFIG, "filters": {"path_only": {"()": ACCESS_FILTER}}}
    config["handlers"] = {**LOGGING_CONFIG["handlers"],
                          "access": {**LOGGING_CONFIG["handlers"]["access"], "filters": ["path_only"]}}
    return config
