from __future__ import annotations

from datetime import datetime
from pathlib import Path

from clitools import Run, stdout_json

from wdterp.api.docs import all_docs
from wdterp.api.registry import load_all
from wdterp.domain.calllog import service as calllog
from wdterp.protocol.errors import catalog, row
from wdterp.storage.db import Database


def test_errors_lists_all_rows(run: Run) -> None:
    rows = stdout_json(run("errors", "--json", db=False))
    assert len(rows) == 80 == len(catalog())
    assert {"row", "code", "message", "fix_zh", "fix_en"} <= set(rows[0])
    table = run("errors", db=False).output
    assert "80 of 80 error rows" in table and "E01" in table and "E80" in table


def test_errors_filter_by_code_row_and_text(run: Run) -> None:
    by_code = stdout_json(run("errors", "100", "--json", db=False))
    assert by_code and all(r["code"] == 100 for r in by_code)
    assert [r["row"] for r in stdout_json(run("errors", "e26", "--json", db=False))] == ["E26"]
    by_text = stdout_json(run("errors", "单据不存在", "--json", db=False))
    assert "E26" in [r["row"] for r in by_text]
    english = stdout_json(run("errors", "PAGE_NO", "--json", db=False))
    assert english and all("page_no" in (r["fix_en"] + r["fix_zh"] + r["message"]).lower() for r in english)
    shown = run("errors", "E26", db=False).output
    assert "1 of 80" in shown and row("E26").fix_en.split()[0] in shown
    assert run("errors", "no such text at all", db=False, code=1).exit_code == 1


def test_coverage_json_shape(run: Run, tmp_path: Path) -> None:
    report = stdout_json(run("coverage", "--json", db=False))
    assert report["documented"] == len(all_docs())
    assert report["implemented"] == len(load_all())
    setting = report["namespaces"]["setting"]
    assert {"implemented", "documented", "percent", "implemented_methods", "missing_methods"} <= set(setting)
    assert "setting.Shop.queryShop" in setting["implemented_methods"]
    assert setting["implemented"] + len(setting["missing_methods"]) == setting["documented"]
    assert sum(ns["documented"] for ns in report["namespaces"].values()) == report["documented"]

    target = tmp_path / "IMPLEMENTATION_COVERAGE.md"
    output = run("coverage", "--write", str(target), db=False).output
    assert "setting" in output and target.exists()
    text = target.read_text("utf-8")
    assert text.startswith("# Implementation coverage") and "- [x] `setting.Shop.queryShop`" in text


def _insert_calls(db_url: str) -> None:
    db = Database(db_url)
    base = {"time": datetime(2024, 5, 1, 12, 0, 0), "key": "k1", "latency_ms": 1.5, "client_ip": "127.0.0.1"}
    with db.transaction() as session:
        calllog.write_batch(session, [
            {**base, "request_id": "a" * 32, "sid": "s1", "method": "setting.Shop.queryShop", "status": 0,
             "message": "", "detail": ""},
            {**base, "request_id": "b" * 32, "sid": "s1", "method": "setting.Shop.queryShop", "status": 100,
             "message": "店铺编号不存在或已停用", "detail": "shop 'x9' does not exist, is disabled or not permitted"},
            {**base, "request_id": "c" * 32, "sid": "s2", "method": "setting.Warehouse.queryWarehouse",
             "status": 100, "message": "此方法仅支持分页查询：setting.Warehouse.queryWarehouse",
             "detail": "no page_size"},
        ])
    db.dispose()


def test_logs_filters(run: Run, db_url: str) -> None:
    _insert_calls(db_url)
    assert len(stdout_json(run("logs", "--json"))) == 3
    assert [r["request_id"][0] for r in stdout_json(run("logs", "--json", "--status", "100"))] == ["c", "b"]
    assert [r["request_id"][0] for r in stdout_json(run("logs", "--json", "--sid", "s2"))] == ["c"]
    only_shop = stdout_json(run("logs", "--json", "--method", "setting.Shop.queryShop", "--limit", "1"))
    assert [r["request_id"][0] for r in only_shop] == ["b"]
    assert "3 call(s)" in run("logs").output


def test_logs_explain(run: Run, db_url: str) -> None:
    _insert_calls(db_url)
    facts = stdout_json(run("logs", "--explain", "b" * 32, "--json"))
    assert facts["detail"] == "shop 'x9' does not exist, is disabled or not permitted"
    assert [r["row"] for r in facts["error_rows"]] == ["E20"]
    assert facts["error_rows"][0]["fix_en"] == row("E20").fix_en

    shown = run("logs", "--explain", "b" * 32).output
    assert "shop 'x9' does not exist" in shown and "E20" in shown and row("E20").fix_zh[:8] in shown
    paging = stdout_json(run("logs", "--explain", "c" * 32, "--json"))
    assert [r["row"] for r in paging["error_rows"]] == ["E19"]
    assert stdout_json(run("logs", "--explain", "a" * 32, "--json"))["error_rows"] == []
    assert "no call" in run("logs", "--explain", "f" * 32, code=1).output
