"""The console in a real browser: Debian's Chromium driven by Playwright (launched by executable path;
nothing downloads a browser). Skipped with a reason when Chromium is absent; CI
(WDTERP_REQUIRE_SERVICES=1) installs it and fails instead."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from consoletools import TOKEN, ConsoleServer

from wdterp.protocol.sign import compute_sign

CHROMIUM = os.environ.get("WDTERP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = None
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = missing or "Playwright for Python is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("WDTERP_REQUIRE_SERVICES") == "1":
            pytest.fail(f"the browser tests are required (WDTERP_REQUIRE_SERVICES=1): {missing}")
        pytest.skip(missing)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, console_server: ConsoleServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.goto(console_server.login_url())
    yield tab
    context.close()


def test_sign_in_with_the_form_then_every_page(browser: Any, console_server: ConsoleServer) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.goto(f"{console_server.url}/console/apps")
    assert "/console/login" in tab.url
    tab.fill("input[name=token]", "wrong")
    tab.click("button[type=submit]")
    assert "wrong admin token" in tab.inner_text("[role=alert]")
    tab.fill("input[name=token]", TOKEN)
    tab.click("button[type=submit]")
    tab.wait_for_url("**/console/apps")
    assert console_server.sid in tab.inner_text("main")
    for link, heading in [("Overview", "Overview"), ("Calls", "Calls"), ("Sign debugger", "Sign debugger"),
                          ("API explorer", "API explorer"), ("Documents", "Documents"), ("Ops", "operations"),
                          ("Sandbox", "Sandbox"), ("Apps", "Apps")]:
        tab.click(f"header nav a:has-text('{link}')")
        assert heading in tab.inner_text("h1"), link
    tab.click("text=退出 Sign out")
    tab.wait_for_url("**/console/login")
    tab.goto(f"{console_server.url}/console/calls")
    assert "/console/login" in tab.url
    context.close()


def test_a_live_call_appears_in_the_call_log(page: Any, console_server: ConsoleServer) -> None:
    page.goto(f"{console_server.url}/console/calls?key={console_server.caller.key}")
    response = console_server.caller.send(console_server.caller.params("setting.Warehouse.queryWarehouse",
                                                                        page=(10, 0)), b"[{}]")
    request_id = response.headers["x-request-id"]
    row = page.locator(f"#calls a[href='/console/calls/{request_id}']")
    row.wait_for()  # without a reload: the page polls the log
    row.click()
    page.wait_for_url(f"**/console/calls/{request_id}")
    assert "setting.Warehouse.queryWarehouse" in page.inner_text("main")
    assert page.inner_text("#request-body") == "[{}]"
    assert '"status":0' in page.inner_text("#response-body")


def test_explorer_prefills_and_sends_a_real_signed_call(page: Any, console_server: ConsoleServer) -> None:
    args = json.dumps([{"warehouse_no": "WH-SH"}])
    query = urlencode({"sid": console_server.sid, "key": console_server.caller.key,
                       "method": "setting.Warehouse.queryWarehouse", "args": args, "page_size": 5, "page_no": 0})
    page.goto(f"{console_server.url}/console/explorer?{query}")
    assert json.loads(page.input_value("textarea[name=args]")) == [{"warehouse_no": "WH-SH"}]
    assert "params" in page.inner_text("#method-doc")
    page.click("#send")
    page.wait_for_selector("#answer:not([hidden])")
    envelope = json.loads(page.inner_text("#envelope"))
    assert envelope["status"] == 0 and [w["warehouse_no"] for w in envelope["data"]["details"]] == ["WH-SH"]
    page.click("#answer-link")
    page.wait_for_url("**/console/calls/*")
    if "no call with request id" in page.inner_text("main"):  # the log is written every 50 ms here
        page.reload()
    assert "成功 succeeded" in page.inner_text("h1")


def test_a_sign_failure_is_explained(page: Any, console_server: ConsoleServer) -> None:
    caller = console_server.caller
    params = caller.params("setting.Warehouse.queryWarehouse", page=(10, 0))
    body = b'[{"warehouse_no":"WH-SH"}]'
    wrong = compute_sign(caller.secret, params, b"")  # a client that signed without the body
    response = caller.send(params, body, sign=wrong)
    assert response.json()["status"] == 1
    request_id = response.headers["x-request-id"]
    page.goto(f"{console_server.url}/console/calls?row=E06")
    page.locator(f"#calls a[href='/console/calls/{request_id}']").click()
    page.wait_for_url(f"**/console/calls/{request_id}")
    assert "sign mismatch" in page.inner_text("#detail")
    assert caller.secret not in page.content()
    assert "E06" in page.inner_text("#row-E06")

    page.goto(f"{console_server.url}/console/sign")
    page.fill("textarea[name=query]", f"/openapi?{urlencode({**params, 'sign': wrong})}")
    page.fill("textarea[name=body]", body.decode())
    page.click("#sign-form button[type=submit]")
    assert "The sign differs" in page.inner_text("#verdict")
    assert "signed without the body" in page.inner_text("#differs")
    assert page.inner_text("#expected") == compute_sign(caller.secret, params, body)
    assert f"body{body.decode()}" in page.inner_text("#canonical")


def test_documents_ops_and_sandbox(page: Any, console_server: ConsoleServer) -> None:
    sid = console_server.sid
    page.goto(f"{console_server.url}/console/documents/stock?sid={sid}")
    assert "WH-SH" in page.inner_text("#doc-rows")  # warehouse ids shown by their numbers
    page.goto(f"{console_server.url}/console/documents/stockins?sid={sid}")
    page.locator("#doc-rows a").first.click()
    assert "stock_document_line" in page.inner_text("main")

    page.goto(f"{console_server.url}/console/ops?sid={sid}")
    page.fill("#op-filter", "shop.disable")
    page.click("#op-shop\\.disable summary")
    page.fill("#op-shop\\.disable input[name='p.shop_no']", "no-such-shop")
    page.click("#op-shop\\.disable button[type=submit]")
    assert "shop.disable" in page.inner_text("#op-error")

    page.goto(f"{console_server.url}/console/sandbox?sid={sid}")
    with page.expect_download() as download:
        page.click("#snapshot")
    snapshot = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert snapshot["sid"] == sid and snapshot["tables"]["stock"]["rows"]
    page.fill("input[name=confirm]", "not-the-sid")
    page.click("button.danger")
    assert "to confirm" in page.inner_text("#sandbox-message")
