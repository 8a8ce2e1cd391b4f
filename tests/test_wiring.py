"""The wiring: entry points without the gateway (the `wdterp` command in a fresh interpreter) run on
the whole application, so a document checked from an operation runs its kind's hooks; and every
module that plugs into a registry is listed in `wdterp.wiring`."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from helpers import parse_source
from wdterp import wiring
from wdterp.api.ops import all_operations
from wdterp.api.registry import load_all
from wdterp.domain.documents.statuses import StockinStatus
from wdterp.domain.masterdata.loader import load_document, sections
from wdterp.domain.masterdata.service import find_warehouse
from wdterp.domain.stockother import stockio
from wdterp.domain.stockother.models import OtherOrder
from wdterp.domain.stockother.statuses import OtherOrderStatus
from wdterp.domain.tenancy.service import find_tenant
from wdterp.storage import migrate
from wdterp.storage.db import Database

SRC = Path(wiring.__file__).parent
DOCUMENT = {"sid": "wired", "name": "Wired", "warehouses": [{"warehouse_no": "WH1", "name": "主仓"}],
            "goods": [{"goods_no": "G1", "goods_name": "货品", "spec_list": [{"spec_no": "S1"}]}],
            "stock": [{"warehouse_no": "WH1", "spec_no": "S1", "num": 5, "cost_price": 2}]}


def wdterp(*args: str) -> subprocess.CompletedProcess[str]:
    """The `wdterp` command in a new interpreter: nothing wired but what the command wires itself."""
    return subprocess.run([sys.executable, "-m", "wdterp.cli.main", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_a_hook_runs_when_an_operation_checks_a_document_from_the_cli(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wired.db'}"
    file = tmp_path / "tenant.json"
    file.write_text(json.dumps(DOCUMENT), "utf-8")
    assert wdterp("init", "--db", url).returncode == 0
    loaded = wdterp("load", str(file), "--db", url)
    assert loaded.returncode == 0, loaded.stderr  # the stock section is wired into the command
    db = Database(url)
    try:
        with db.transaction() as session:
            tenant = find_tenant(session, "wired")
            assert tenant is not None
            warehouse = find_warehouse(session, tenant.id, "WH1")
            assert warehouse is not None
            doc = stockio.create(session, tenant.id, "in", warehouse,
                                 {"outer_no": "RK-WIRED", "goods_list": [{"spec_no": "S1", "num": 3}]}, {}, "test")
            assert doc.status == StockinStatus.AWAITING_CHECK
        checked = wdterp("ops", "run", "stockin.check", "--sid", "wired", "--arg", "doc_no=RK-WIRED", "--db", url)
        assert checked.returncode == 0, checked.stderr
        assert json.loads(checked.stdout)["status"] == StockinStatus.COMPLETED
        with db.transaction() as session:
            order = session.scalar(select(OtherOrder).where(OtherOrder.order_no == doc.src_order_no))
            # the other-in kind's after-check hook completed the business order the stockin executed
            assert order is not None and order.status == OtherOrderStatus.COMPLETED
            assert [line.done_num for line in order.lines] == [3]
    finally:
        db.dispose()


def test_the_cli_lists_every_operation_of_the_wiring() -> None:
    listed = wdterp("ops", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    wired = [name for name, op in all_operations().items()
             if op.handler.__module__ in _names(wiring.OPERATION_MODULES)]  # not what a test may add
    assert [op["name"] for op in json.loads(listed.stdout)] == wired


def test_wire_is_idempotent_and_fills_every_registry() -> None:
    before = (dict(load_all()), sections(), all_operations())
    wiring.wire()
    assert (dict(load_all()), sections(), all_operations()) == before
    names = list(sections())
    assert names[:2] == ["shops", "warehouses"] and names.index("stock") < names.index("purchase_orders")


def test_in_process_load_and_check_need_nothing_but_the_wiring(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'direct.db'}")
    try:
        migrate.upgrade(db)
        with db.transaction() as session:
            report = load_document(session, DOCUMENT)
        assert report.sections["stock"].created == 1
    finally:
        db.dispose()


# ---------------------------------------------------------------------------- nothing left out


def _modules(pattern: str) -> set[str]:
    return {".".join(("wdterp", *p.relative_to(SRC).with_suffix("").parts)) for p in SRC.glob(pattern)}


def _names(modules: Any) -> set[str]:
    return {m.__name__ for m in modules}


def _defines(path: Path, name: str) -> bool:
    tree = parse_source(path)
    return any(isinstance(node, ast.Assign | ast.AnnAssign) and name in {
        t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}
        for node in tree.body)


def test_every_model_method_and_operation_module_is_wired() -> None:
    assert _names(wiring.MODEL_MODULES) == _modules("domain/*/models.py")
    declaring = {m for m in _modules("api/methods/*.py")
                 if "@declare(" in (SRC / Path(*m.split(".")[1:])).with_suffix(".py").read_text("utf-8")}
    assert _names(wiring.METHOD_MODULES) == declaring
    assert _names(wiring.OPERATION_MODULES) == _modules("api/ops.py") | _modules("api/ops_*.py")


def test_every_declared_hook_and_section_is_wired() -> None:
    hooks = {h for path in SRC.glob("domain/**/*.py") if _defines(path, "HOOKS")
             for h in importlib.import_module(_dotted(path)).HOOKS}
    assert hooks == set(wiring.DOCUMENT_HOOKS)
    declared = {s for path in SRC.glob("domain/**/*.py") if _defines(path, "SECTIONS")
                for s in importlib.import_module(_dotted(path)).SECTIONS}
    assert declared == set(wiring.LOAD_SECTIONS)


def _dotted(path: Path) -> str:
    return ".".join(("wdterp", *path.relative_to(SRC).with_suffix("").parts))


REGISTERING = {"register_hooks", "register_section", "register_deletion_guard", "register_shipment_listener"}


def test_no_module_fills_a_registry_when_imported() -> None:
    """Registration happens in `wire()` only, so what runs never depends on what happened to be imported."""
    found = []
    for path in SRC.rglob("*.py"):
        for node in parse_source(path).body:
            call = node.value if isinstance(node, ast.Expr) else None
            if isinstance(call, ast.Call):
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                if name in REGISTERING:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno} {name}")
    assert found == []
