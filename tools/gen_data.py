#!/usr/bin/env python3
"""Generate wdterp's package data (src/wdterp/data/*.json) from the shared reference folder.

Usage (from the repo root):  python tools/gen_data.py ../shared

The reference folder is read only here, at build time; the product reads only the generated JSON.
"""

from __future__ import annotations

import json
import re
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "wdterp" / "data"


# ---------------------------------------------------------------- helpers


def dump(name: str, obj: object, indent: int | None = None) -> Path:
    path = OUT / name
    seps = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(obj, ensure_ascii=False, indent=indent, separators=seps)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def unescape_md(s: str) -> str:
    """Remove markdown backslash escapes (\\_ \\* ...)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", s)


def md_table_rows(text: str) -> list[list[str]]:
    """Body rows of the markdown table(s) in text, as raw (still escaped) cells."""
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("|") or re.match(r"^\|\s*-{3}", line):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(cells)
    return rows[1:] if rows else rows  # drop the header row


def fail(msg: str) -> None:
    raise SystemExit(f"gen_data: {msg}")


# ---------------------------------------------------------------- 1. regions


def gen_regions(shared: Path) -> dict:
    text = (shared / "wdt-docs/guides/city-codes.md").read_text(encoding="utf-8")
    arrays: dict[str, list[tuple[str, int]]] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r'^\$GLOBALS\["(\w+)"\]\s*=\s*array\($', line.strip())
        if m:
            current = m.group(1)
            arrays[current] = []
            continue
        if line.strip() == ");":
            current = None
            continue
        if current is not None:
            m = re.match(r"^'(.*)'\s*=>\s*(\d+),?$", line.strip())
            if not m:
                fail(f"unparsed line in {current}: {line!r}")
            arrays[current].append((m.group(1), int(m.group(2))))
    if set(arrays) != {"g_province_map", "g_city_map", "g_district_map"}:
        fail(f"unexpected arrays: {sorted(arrays)}")

    def split_key(key: str) -> tuple[int, str]:
        parent, _, name = key.partition("-")
        if not parent.isdigit() or not name:
            fail(f"bad key {key!r}")
        return int(parent), name

    provinces = [{"province_id": v, "name": k} for k, v in arrays["g_province_map"]]
    cities = []
    for k, v in arrays["g_city_map"]:
        pid, name = split_key(k)
        cities.append({"city_id": v, "province_id": pid, "name": name})
    districts = []
    for k, v in arrays["g_district_map"]:
        cid, name = split_key(k)
        districts.append({"district_id": v, "city_id": cid, "name": name})
    out = {"provinces": provinces, "cities": cities, "districts": districts}

    # report oddities (kept as-is: every row, file order)
    pids = {p["province_id"] for p in provinces}
    cids = {c["city_id"] for c in cities}
    for label, rows, idk in (
        ("provinces", provinces, "province_id"),
        ("cities", cities, "city_id"),
        ("districts", districts, "district_id"),
    ):
        seen: dict[int, int] = {}
        for r in rows:
            seen[r[idk]] = seen.get(r[idk], 0) + 1
        dups = {k: n for k, n in seen.items() if n > 1}
        if dups:
            print(f"  note: {label} with duplicate ids: {sorted(dups)[:20]} ({len(dups)} ids)")
    orphans = [c for c in cities if c["province_id"] not in pids]
    if orphans:
        print(f"  note: {len(orphans)} cities whose province_id is not a province: {orphans[:5]}")
    orphans = [d for d in districts if d["city_id"] not in cids]
    if orphans:
        print(f"  note: {len(orphans)} districts whose city_id is not a city: {orphans[:5]}")
    bad_prefix = [c for c in cities if c["city_id"] // 10000 != c["province_id"] // 10000]
    if bad_prefix:
        print(f"  note: {len(bad_prefix)} cities whose id prefix differs from the province: {bad_prefix[:5]}")
    bad_prefix = [d for d in districts if d["district_id"] // 100 != d["city_id"] // 100]
    if bad_prefix:
        print(f"  note: {len(bad_prefix)} districts whose id prefix differs from the city: {bad_prefix[:5]}")
    print(f"regions: {len(provinces)} provinces, {len(cities)} cities, {len(districts)} districts")
    return out


# ---------------------------------------------------------------- 2. logistics


def gen_logistics(shared: Path) -> list:
    text = (shared / "wdt-docs/guides/logistics-codes.md").read_text(encoding="utf-8")
    out = []
    for cells in md_table_rows(text):
        if len(cells) != 2 or not cells[0].isdigit():
            fail(f"bad logistics row {cells}")
        out.append({"logistics_type": int(cells[0]), "name": unescape_md(cells[1])})
    ids = [r["logistics_type"] for r in out]
    if len(set(ids)) != len(ids):
        fail("duplicate logistics_type")
    if ids != sorted(ids):
        print("  note: logistics table is not sorted by id (kept in file order)")
    print(f"logistics_types: {len(out)} rows")
    return out


# ---------------------------------------------------------------- 3. platforms


def gen_platforms(shared: Path) -> list:
    text = (shared / "wdt-docs/guides/platform-codes.md").read_text(encoding="utf-8")
    out = []
    n_sub = 0
    for cells in md_table_rows(text):
        if len(cells) != 3 or not cells[0].isdigit():
            fail(f"bad platform row {cells}")
        subs = []
        for item in re.split(r"[；;]", cells[2]):
            item = item.strip()
            if not item:
                continue
            m = re.match(r"^(\d+)\s*[:：]?\s*(.+)$", item)
            if not m:
                fail(f"bad sub-platform {item!r} in {cells}")
            if not re.match(r"^\d+\s*[:：]", item):
                print(f"  note: platform {cells[0]}: sub-platform without ':' {item!r}")
            subs.append({"sub_platform_id": int(m.group(1)), "name": unescape_md(m.group(2).strip())})
        sids = [s["sub_platform_id"] for s in subs]
        if len(set(sids)) != len(sids):
            fail(f"duplicate sub_platform_id in {cells}")
        n_sub += len(subs)
        out.append({"platform_id": int(cells[0]), "name": unescape_md(cells[1]), "sub_platforms": subs})
    ids = [p["platform_id"] for p in out]
    if len(set(ids)) != len(ids):
        fail("duplicate platform_id")
    print(f"platforms: {len(out)} platforms, {n_sub} sub-platforms")
    return out


# ---------------------------------------------------------------- 4. errors

# row -> (name, retryable, fix_en)
ERROR_META: dict[str, tuple[str, bool, str]] = {
    "E01": ("bad_json", False, "Send the body as a valid JSON array of the method's arguments."),
    "E02": ("arg_count", False, "Pass exactly the positional arguments the method documents."),
    "E03": ("sid_unknown", False, "Check the sid and that the URL points at the right environment."),
    "E04": (
        "missing_public_param",
        False,
        "Send every public parameter: sid, key, salt, method, v, timestamp and sign.",
    ),
    "E05": ("sid_disabled", False, "The tenant for this sid is disabled; check the sid and environment."),
    "E06": ("sign_mismatch", False, "Check the appkey and appsecret and how the sign is computed."),
    "E07": ("arg_type", False, "Send each argument and field with the JSON type the method documents."),
    "E08": (
        "not_int32",
        False,
        "Send timestamp and paging values as 32-bit integers (timestamp in seconds since 2012-01-01).",
    ),
    "E09": ("app_auth_fail", False, "Check the appkey, the salt and the sid it is bound to."),
    "E10": ("unknown_filter", False, "Remove the query filter the method does not document."),
    "E11": ("dynamic_password", False, "Turn off the dynamic password for this app."),
    "E12": ("db_unreachable", True, "The database is unreachable; retry later."),
    "E13": ("db_transaction", True, "The transaction failed and was rolled back; retry the call."),
    "E14": ("ip_denied", False, "Call from an address on the app's IP whitelist, or update the whitelist."),
    "E15": (
        "timestamp_out_of_window",
        True,
        "Sync your clock; the timestamp must be within 120 s of server time, then retry.",
    ),
    "E16": ("bad_version", False, "Send v=1.0."),
    "E17": (
        "internal",
        True,
        "An unexpected server error occurred; retry, and report the request id if it persists.",
    ),
    "E18": ("business", False, "Fix the request according to the error message."),
    "E19": ("paging_required", False, "Pass page_no and page_size; this method is paged."),
    "E20": ("shop_unknown", False, "Use an existing, enabled shop_no."),
    "E21": ("trade_not_found", False, "Check that the trade number exists."),
    "E22": ("shop_not_self_platform", False, "Use a shop on the self-owned platform (platform_id 127)."),
    "E23": ("time_range_required", False, "Pass both start_time and end_time."),
    "E24": ("span_30_days", False, "Keep end_time - start_time within 30 days."),
    "E25": ("span_60_minutes", False, "Keep end_time - start_time within 60 minutes."),
    "E26": ("document_not_found", False, "Check that the document exists and is not cancelled."),
    "E27": ("fast_transfer_stock_short", False, "Lower the transfer quantity to the available stock."),
    "E28": (
        "trade_buyer_fields_invalid",
        False,
        "Fill buyer nick, receiver name and address, and remove control characters and emoji.",
    ),
    "E29": ("spec_no_deleted_duplicate", False, "Use a spec_no that does not belong to a deleted spec."),
    "E30": (
        "spec_goods_deleted",
        False,
        "Fix the goods_no/spec_no mapping; this spec_no's goods is deleted.",
    ),
    "E31": ("warehouse_required", False, "Pass warehouse_no."),
    "E32": ("internal_only", False, "This method is reserved for the Qimen channel; use a standard method."),
    "E33": (
        "external_warehouse_receiver_incomplete",
        False,
        "Fill receiver, phone, province, city and address for the external warehouse.",
    ),
    "E34": ("warehouse_denied", False, "Grant the API account permission for this warehouse."),
    "E35": ("transfer_stock_short", False, "Lower the transfer quantity to the available stock."),
    "E36": ("permission_denied", False, "Check sid, appkey and URL, and apply for this method's permission."),
    "E37": ("weigh_not_packaging", False, "Scan a goods barcode that exists and is a packaging item."),
    "E38": ("purchase_not_editing", False, "Only purchase orders in editing status can be updated."),
    "E39": (
        "outer_no_used",
        False,
        "This outer_no was already used; the document exists, so do not resend it.",
    ),
    "E40": ("purchase_return_bad_status", False, "Check the purchase return first; it must be checked."),
    "E41": ("discount_not_positive", False, "Send a discount greater than 0."),
    "E42": ("purchase_return_not_found", False, "Check the purchase return number (return_no)."),
    "E43": ("logistics_unknown", False, "Use an existing logistics code with the right business type."),
    "E44": ("query_too_broad", False, "Narrow the query with a document number, spec_no or time range."),
    "E45": ("detail_goods_invalid", False, "Use existing spec_nos and do not repeat a detail line."),
    "E46": ("outer_no_too_long", False, "Shorten outer_no to its documented length."),
    "E47": ("transfer_not_found", False, "Use an existing transfer order in checked status."),
    "E48": (
        "return_goods_not_from_provider",
        False,
        "Return only goods the provider supplies, or turn off the provider check for returns.",
    ),
    "E49": ("status_not_int_list", False, "Send status as comma-separated integers."),
    "E50": ("batch_expiry_required", False, "Pass batch and expiry on each non-sales in/out line."),
    "E51": ("phone_masked", False, "Send phone numbers without '*'."),
    "E52": ("goods_duplicate", False, "List each spec_no once per document."),
    "E53": ("batch_unknown", False, "Create the batch in the ERP first, or use an enabled one."),
    "E54": ("spec_required", False, "Include at least one spec with spec_no."),
    "E55": ("create_trade_denied", False, "Grant the API account the create-trade permission."),
    "E56": ("bad_quantity", False, "Send a positive quantity; fractions need the decimal-quantity setting."),
    "E57": ("purchaser_missing", False, "Pass the purchaser."),
    "E58": ("purchaser_not_role", False, "Give the purchaser employee the purchaser role."),
    "E59": ("employee_unknown", False, "Use an existing, non-deleted employee."),
    "E60": (
        "purchaser_is_api_account",
        False,
        "Pass an employee with the purchaser role, not the API account.",
    ),
    "E61": (
        "refund_source_not_found",
        False,
        "Check that the referenced document exists and can be returned.",
    ),
    "E62": ("rate_limited", True, "Too many calls this minute; wait and retry."),
    "E63": ("concurrency_limited", True, "Too many concurrent calls; wait and retry."),
    "E64": (
        "receive_warehouses_denied",
        False,
        "Pass receive_warehouse_nos and grant the API account those warehouses.",
    ),
    "E65": (
        "expect_warehouse_denied",
        False,
        "Pass expect_warehouse_no and grant the API account that warehouse.",
    ),
    "E66": ("unparseable_date", False, "Send dates as YYYY-MM-DD HH:MM:SS or YYYY-MM-DD."),
    "E67": (
        "detail_duplicate_spec",
        False,
        "Merge repeated spec_no lines, or enable 'allow same goods' in the ERP settings.",
    ),
    "E68": (
        "detail_duplicate_spec_batch",
        False,
        "Lines with the same spec_no must differ in position, batch or expiry.",
    ),
    "E69": ("above_max", False, "Send a value no greater than the documented maximum."),
    "E70": ("field_null", False, "Send a non-empty value for the required field."),
    "E71": ("field_required", False, "Pass the required field."),
    "E72": ("trade_time_future", False, "Send a trade_time not later than server time (UTC+8)."),
    "E73": ("barcode_duplicate", False, "Use a barcode not already used by another spec or suite."),
    "E74": ("spec_goods_mismatch", False, "Send the goods_no that this spec_no already belongs to."),
    "E75": (
        "purchase_goods_not_from_provider",
        False,
        "Purchase only goods the provider supplies, or adjust the provider rights setting.",
    ),
    "E76": ("flag_unknown", False, "Use an existing, enabled flag of the right type."),
    "E77": ("reason_unknown", False, "Add the reason to the ERP's reason list first."),
    "E78": ("data_too_long", False, "Shorten the field to its documented length."),
    "E79": (
        "outsourced_warehouse_multi",
        False,
        "With an outsourced warehouse, pass only one receive warehouse.",
    ),
    "E80": ("shops_all_invalid", False, "Pass shop_nos that exist and the API account may access."),
}

# E18's contract message is "(a specific message)": the template carries the whole text.
E18_TEMPLATE = "{message}"


def gen_errors(shared: Path) -> list:
    page = (shared / "wdt-docs/guides/error-codes.md").read_text(encoding="utf-8")
    contract = (shared / "spec/error-contract.md").read_text(encoding="utf-8")

    page_rows = []
    for cells in md_table_rows(page):
        if len(cells) != 3 or not cells[0].isdigit():
            fail(f"bad error-page row {cells}")
        page_rows.append((int(cells[0]), unescape_md(cells[1]), unescape_md(cells[2])))
    if len(page_rows) != 80:
        fail(f"error page has {len(page_rows)} rows, expected 80")

    tmpl: dict[str, tuple[int, str]] = {}
    for line in contract.splitlines():
        m = re.match(r"^\|\s*(E\d\d)\s*\|\s*(\d+)\s*\|(.*?)\|", line)
        if m:
            if m.group(1) in tmpl:
                fail(f"contract lists {m.group(1)} twice")
            tmpl[m.group(1)] = (int(m.group(2)), m.group(3).strip())
    expected = [f"E{i:02d}" for i in range(1, 81)]
    if sorted(tmpl) != expected:
        fail(f"contract rows missing/extra: {sorted(set(expected) ^ set(tmpl))}")
    if sorted(ERROR_META) != expected:
        fail("ERROR_META incomplete")
    names = [v[0] for v in ERROR_META.values()]
    if len(set(names)) != len(names):
        fail("error names not unique")

    out = []
    for i, (code, message, fix_zh) in enumerate(page_rows, start=1):
        row = f"E{i:02d}"
        c_code, template = tmpl[row]
        if c_code != code:
            fail(f"{row}: contract code {c_code} != page code {code}")
        if row == "E18":
            template = E18_TEMPLATE
        # sanity: the template's literal parts should match the page's example text
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
        pat = "".join(
            re.escape(lit) + ("(.+?)" if f is not None else "")
            for lit, f, _, _ in string.Formatter().parse(template)
        )
        if not re.fullmatch(pat, message) and row != "E18":
            print(f"  note: {row} template {template!r} does not literally match page text {message!r}")
        name, retryable, fix_en = ERROR_META[row]
        out.append(
            {
                "row": row,
                "name": name,
                "code": code,
                "message": message,
                "template": template,
                "fields": fields,
                "fix_zh": fix_zh,
                "fix_en": fix_en,
                "retryable": retryable,
            }
        )
    print(f"errors: {len(out)} rows; retryable: {[e['row'] for e in out if e['retryable']]}")
    return out


# ---------------------------------------------------------------- 5. methods

METHOD_KEYS = [
    "title_zh",
    "kind",
    "category_zh",
    "paged",
    "has_pager_arg",
    "time_span",
    "time_span_mentions",
    "incremental",
    "permission",
    "permission_scopes",
    "limits_zh",
    "args",
    "fields",
    "response_fields",
    "table_parents",
    "example_request",
    "example_response_ok",
    "example_repaired",
]


def gen_methods(shared: Path) -> dict:
    catalog = json.loads((shared / "wdt-docs/catalog.json").read_text(encoding="utf-8"))
    out: dict[str, dict] = {}
    for m in catalog:
        name = m["method"]
        if name in out:
            fail(f"duplicate method {name}")
        missing = [k for k in METHOD_KEYS if k not in m]
        if missing:
            fail(f"{name}: missing keys {missing}")
        out[name] = {k: m[k] for k in METHOD_KEYS}
    if len(out) != 179:
        print(f"  note: catalog has {len(out)} methods (expected 179)")
    print(f"methods: {len(out)} methods")
    return out


# ---------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    shared = Path(argv[1]).resolve()
    if not (shared / "wdt-docs").is_dir() or not (shared / "spec").is_dir():
        fail(f"{shared} does not hold wdt-docs/ and spec/")
    OUT.mkdir(parents=True, exist_ok=True)
    init = OUT / "__init__.py"
    if not init.exists():
        init.write_text("", encoding="utf-8")
    written = [
        dump("regions.json", gen_regions(shared)),
        dump("logistics_types.json", gen_logistics(shared)),
        dump("platforms.json", gen_platforms(shared)),
        dump("errors.json", gen_errors(shared), indent=1),
        dump("methods.json", gen_methods(shared)),
    ]
    for p in written:
        print(f"wrote {p.relative_to(ROOT)} ({p.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
