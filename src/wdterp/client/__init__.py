"""Python client for the Wangdian flagship-edition open API (sync `Client`, asyncio `AsyncClient`).

    with Client("http://host:8000", sid, appkey, "secret:salt") as c:
        shops = c.page_call("setting.Shop.queryShop", {}, page_size=50)
        for row in c.iter_rows("setting.Shop.queryShop", {}):
            ...
"""

from .aio import AsyncClient
from .errors import WdtError, WdtTransportError
from .sync import Client
from .wire import Pager

__all__ = ["AsyncClient", "Client", "Pager", "WdtError", "WdtTransportError"]
