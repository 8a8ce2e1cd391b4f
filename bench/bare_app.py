"""The baseline: a bare Starlette JSON endpoint, answering POST /openapi with a fixed JSON body."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PAYLOAD = Path(os.environ["BENCH_PAYLOAD_FILE"]).read_bytes() if "BENCH_PAYLOAD_FILE" in os.environ \
    else b'{"status":0,"data":{}}'


async def openapi(request: Request) -> Response:
    await request.body()
    return Response(PAYLOAD, media_type="application/json; charset=utf-8")


app = Starlette(routes=[Route("/openapi", openapi, methods=["POST"])])
