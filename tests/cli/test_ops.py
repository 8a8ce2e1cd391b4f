from __future__ import annotations

from typing import Any

import pytest
from clitools import Run, stdout_json

from wdterp.api import ops
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage.db import Database


@pytest.fixture
def tenant_with_shop(run: Run, db_url: str, tmp_path: Any) -> str:
    path = tmp_path / "t.json"
    path.write_text('{"sid": "acme", "shops": [{"shop_no": "mall", "shop_name": "Mall"}]}', "utf-8")
    run("load", str(path))
    return "acme"


def _shop_disabled(db_url: str) -> bool:
    db = Database(db_url)
    try:
        with db.sessions() as session:
            return bool(session.query(Shop).filter_by(shop_no="mall").one().is_disabled)
    finally:
        db.dispose()


def test_ops_list(run: Run) -> None:
    listed = {op["name"]: op for op in stdout_json(run("ops", "list", "--json", db=False))}
    assert {"tenant.settings", "shop.disable", "shop.enable"} <= set(listed)
    assert listed["shop.disable"]["params"]["shop_no"]["type"] == "str"
    assert listed["tenant.settings"]["extra"] is True
    assert "shop.disable" in run("ops", "list", db=False).output


def test_ops_run_shop_toggle(run: Run, db_url: str, tenant_with_shop: str) -> None:
    result = stdout_json(run("ops", "run", "shop.disable", "--sid", "acme", "--arg", "shop_no=mall"))
    assert result == {"shop_no": "mall", "shop_name": "Mall", "is_disabled": True}
    assert _shop_disabled(db_url)
    run("ops", "run", "shop.enable", "--sid", "acme", "-a", "shop_no=mall")
    assert not _shop_disabled(db_url)


def test_ops_run_tenant_settings(run: Run, db_url: str, tenant_with_shop: str) -> None:
    result = stdout_json(run("ops", "run", "tenant.settings", "--sid", "acme", "--arg", "decimal_quantity=1",
                             "--arg", "note=hello"))
    assert result["settings"] == {"decimal_quantity": 1, "note": "hello"}
    assert stdout_json(run("ops", "run", "tenant.settings", "--sid", "acme"))["settings"]["decimal_quantity"] == 1
    db = Database(db_url)
    with db.sessions() as session:
        assert tenancy.get_tenant(session, "acme").settings["decimal_quantity"] == 1
    db.dispose()


def test_ops_run_errors(run: Run, tenant_with_shop: str) -> None:
    assert "no operation" in run("ops", "run", "nope", "--sid", "acme", code=2).output
    assert "no tenant" in run("ops", "run", "shop.disable", "--sid", "who", "--arg", "shop_no=mall",
                              code=1).output
    assert "required" in run("ops", "run", "shop.disable", "--sid", "acme", code=1).output
    assert "unknown parameter" in run("ops", "run", "shop.disable", "--sid", "acme", "--arg", "shop_no=mall",
                                      "--arg", "x=1", code=1).output
    assert "no shop" in run("ops", "run", "shop.disable", "--sid", "acme", "--arg", "shop_no=zz", code=1).output
    assert "key=value" in run("ops", "run", "shop.disable", "--sid", "acme", "--arg", "shop_no", code=2).output


def test_operation_params_are_coerced() -> None:
    @ops.operation("test.coerce", help="test", params={"sid": str, "n": int, "flag": ops.Param(bool, default=False),
                                                       "items": list})
    def handler(session: Any, tenant_id: int, **params: Any) -> dict[str, Any]:
        return params

    try:
        op = ops.OPERATIONS["test.coerce"]
        assert "sid" not in op.params
        assert op.coerce({"n": "3", "items": "[1, 2]"}) == {"n": 3, "flag": False, "items": [1, 2]}
        assert op.coerce({"n": 3, "flag": "yes", "items": []})["flag"] is True
        with pytest.raises(ops.OperationError, match="expected int"):
            op.coerce({"n": "three", "items": []})
        with pytest.raises(ops.OperationError, match="expected list"):
            op.coerce({"n": 1, "items": "{}"})
    finally:
        ops.OPERATIONS.pop("test.coerce")


def test_domain_refusal_becomes_operation_error_in_one_place(run: Run, tenant_with_shop: str, db_url: str) -> None:
    """A handler lets ApiError rise; run_operation (CLI and admin API alike) turns it into an
    OperationError with the client-visible message and the full reason."""
    refused = run("ops", "run", "stockin.check", "--sid", "acme", "--arg", "doc_no=RK-NOPE", code=1).output
    assert "单据不存在" in refused and "RK-NOPE" in refused  # E26's message, then the detail
    db = Database(db_url)
    try:
        with db.transaction() as session, pytest.raises(ops.OperationError) as caught:
            ops.run_operation(session, "stockout.cancel", "acme", {"doc_no": "CK-NOPE"})
    finally:
        db.dispose()
    assert str(caught.value) == "单据不存在 (document 'CK-NOPE' not found)"
    assert caught.value.__cause__ is not None and type(caught.value.__cause__).__name__ == "ApiError"
