"""Issue 13's rough edges of the CLI: short errors with exit 2, --version, list commands, WDTERP_SID
for ops, names not cut at 80 columns, @file and - for call arguments, did-you-mean, logs --follow."""

from __future__ import annotations

from pathlib import Path

from clitools import Run, stdout_json
from typer.testing import CliRunner

from wdterp import __version__
from wdterp.api.ops import all_operations
from wdterp.cli import logs as logs_module
from wdterp.cli.call import parse_args
from wdterp.cli.main import app
from wdterp.domain.calllog.service import write_batch
from wdterp.protocol.clock import now_china
from wdterp.storage.db import Database


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"wdterp {__version__}"


def test_bad_database_url_is_one_line_and_exit_2() -> None:
    for url in ("nonsense", "mysql://x/y", "postgresql://nobody@127.0.0.1:1/none"):
        result = CliRunner().invoke(app, ["logs", "--db", url])
        assert result.exit_code == 2, (url, result.output)
        assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) <= 3, result.output
        assert "Traceback" not in result.output


def test_bad_environment_value_is_one_line_and_exit_2(db_url: str) -> None:
    result = CliRunner().invoke(app, ["logs", "--db", db_url], env={"WDTERP_CALL_THREADS": "many"})
    assert result.exit_code == 2
    assert "WDTERP_CALL_THREADS='many'" in result.output and "Traceback" not in result.output
    # the package imports whatever the environment holds
    ok = CliRunner().invoke(app, ["--version"], env={"WDTERP_DEFAULT_RATE_LIMIT": "x"})
    assert ok.exit_code == 0


def test_tenant_and_app_list(run: Run) -> None:
    run("tenant", "create", "acme")
    created = stdout_json(run("app", "create", "--sid", "acme", "--key", "k1", "--json"))
    assert [t["sid"] for t in stdout_json(run("tenant", "list", "--json"))] == ["acme"]
    apps = stdout_json(run("app", "list", "--json"))
    assert [(a["sid"], a["key"], a["methods"]) for a in apps] == [("acme", "k1", None)]
    assert created["secret"].split(":")[0] not in run("app", "list").output
    assert "k1" in run("app", "list", "--sid", "acme").output


def test_ops_run_takes_the_sid_from_the_environment(run: Run) -> None:
    run("tenant", "create", "acme")
    result = run("ops", "run", "tenant.settings", env={"WDTERP_SID": "acme"})
    assert stdout_json(result)["settings"] == {}


def test_ops_did_you_mean(run: Run) -> None:
    run("tenant", "create", "acme")
    assert "did you mean shop.disable" in run("ops", "run", "shop.disabel", "--sid", "acme", code=2).output
    wrong = run("ops", "run", "shop.disable", "--sid", "acme", "--arg", "shop_n=x", code=1).output
    assert "did you mean shop_no" in wrong


def test_ops_list_keeps_whole_names_at_80_columns() -> None:
    result = CliRunner().invoke(app, ["ops", "list"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    longest = sorted(all_operations(), key=len)[-3:]
    assert len(longest[-1]) > 20
    for name in longest:
        assert name in result.output, name


def test_call_arguments_from_a_file_and_stdin(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "args.json").write_text('{"spec_nos": ["A"]}', "utf-8")
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO('[1, 2]'))
    assert parse_args([f"@{tmp_path / 'args.json'}", "-", '"x"']) == [{"spec_nos": ["A"]}, [1, 2], "x"]
    result = CliRunner().invoke(app, ["call", "m.x", "@/no/such/file"], env={
        "WDTERP_URL": "http://127.0.0.1:1", "WDTERP_SID": "s", "WDTERP_KEY": "k", "WDTERP_SECRET": "a:b"})
    assert result.exit_code == 2 and "cannot read /no/such/file" in result.output


def test_call_without_a_server_is_one_line() -> None:
    result = CliRunner().invoke(app, ["call", "setting.Shop.queryShop", "{}"], env={
        "WDTERP_URL": "http://127.0.0.1:1", "WDTERP_SID": "s", "WDTERP_KEY": "k", "WDTERP_SECRET": "a:b"})
    assert result.exit_code == 1 and "cannot reach http://127.0.0.1:1" in result.output
    assert "Traceback" not in result.output


def test_logs_follow_prints_new_calls(run: Run, db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    row = {"time": now_china(), "sid": "s", "key": "k", "method": "m.x", "status": 0, "message": "",
           "latency_ms": 1.0, "client_ip": "", "detail": "", "request_body": None, "response_body": None}

    def log(request_id: str, status: int = 0) -> None:
        db = Database(db_url)
        with db.transaction() as session:
            write_batch(session, [{**row, "request_id": request_id, "status": status}])
        db.dispose()

    log("a" * 32)
    # a call arrives while --follow waits between two reads of the log
    monkeypatch.setattr(logs_module, "pause", lambda _seconds: log("b" * 32, 100))
    output = run("logs", "--follow", "--polls", "2").output
    assert "a" * 32 not in output  # logged before --follow started
    assert "b" * 32 in output and "m.x" in output and "  100  " in output


def test_logs_next_to_the_demo_database_points_to_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from wdterp.cli.demo import prepare

    monkeypatch.chdir(tmp_path)
    prepare("sqlite:///./wdterp-demo.db", "http://127.0.0.1:8080")
    monkeypatch.delenv("WDTERP_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["logs"])
    assert result.exit_code == 2
    assert f"export WDTERP_DATABASE_URL=sqlite:///{tmp_path / 'wdterp-demo.db'}" in result.output.replace("\n", "")
