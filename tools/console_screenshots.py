"""Screenshots of every console page for the README, from a running server (e.g. `wdterp demo`).

    python tools/console_screenshots.py http://127.0.0.1:8080 ADMIN_TOKEN [docs/console]

Drives Debian's Chromium (/usr/bin/chromium) with Playwright; nothing downloads a browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
#: the flags a closed network needs (no background connections, no first-run work)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = [
    ("overview", "/console/"),
    ("apps", "/console/apps?sid=demo"),
    ("calls", "/console/calls"),
    ("sign", "/console/sign"),
    ("explorer", "/console/explorer?sid=demo&key=demo-api&method=setting.Warehouse.queryWarehouse&page_size=10"),
    ("documents", "/console/documents/stock?sid=demo"),
    ("ops", "/console/ops?sid=demo"),
    ("sandbox", "/console/sandbox?sid=demo"),
]


def main(url: str, token: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 800})
        page.goto(f"{url}/console/login?token={token}&next=/console/")
        for name, path in PAGES:
            page.goto(url + path)
            if name == "explorer":
                page.click("#send")
                page.wait_for_selector("#answer:not([hidden])")
            page.screenshot(path=str(out / f"{name}.png"))
        page.goto(url + "/console/calls?row=E06")
        failed = page.locator("#calls tbody tr.failed a")
        if failed.count():  # a sign failure explained, when the server has one
            failed.first.click()
            page.screenshot(path=str(out / "call.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3] if len(sys.argv) > 3 else "docs/console"))
