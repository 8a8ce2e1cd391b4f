"""Helpers of the console tests (a module of its own: every test directory has a `conftest`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from support import Caller, ServerHandle
from wdterp.cli.demo import demo_document
from wdterp.domain.masterdata.loader import load_document
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage.db import Database

TOKEN = "console-test-token"



@dataclass
class ConsoleServer:
    server: ServerHandle
    caller: Caller

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def sid(self) -> str:
        return self.caller.sid

    def login_url(self, next_path: str = "/console/") -> str:
        return f"{self.url}/console/login?token={TOKEN}&next={next_path}"


def demo_tenant(db: Database, url: str) -> Caller:
    document = {**demo_document(), "sid": f"c{uuid.uuid4().hex[:8]}"}
    with db.transaction() as session:
        load_document(session, document)
        app = tenancy.create_app(session, document["sid"], key=f"{document['sid']}-api")
        return Caller(url, document["sid"], app.key, app.secret, app.salt)
