"""No read method's answer on the demo data changed: see `readsnapshot.py` (which records them).

Compared field by field. Lists are compared as multisets: rows whose order keys tie (equal times of
one run) may come in either order from one run to the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from readsnapshot import FIXTURE, record


def _canon(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canon(v) for v in value), key=lambda v: orjson.dumps(v, option=orjson.OPT_SORT_KEYS))
    return value


def _differences(path: str, want: Any, got: Any, out: list[str]) -> None:
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(set(want) | set(got)):
            if key not in got or key not in want:
                out.append(f"{path}.{key}: {'missing' if key not in got else 'not in the record'}")
            else:
                _differences(f"{path}.{key}", want[key], got[key], out)
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for at, (w, g) in enumerate(zip(want, got, strict=True)):
            _differences(f"{path}[{at}]", w, g, out)
    elif want != got or type(want) is not type(got):
        out.append(f"{path}: recorded {want!r}, now {got!r}")


def test_every_read_answer_is_as_recorded(tmp_path: Path) -> None:
    recorded = orjson.loads(FIXTURE.read_bytes())
    now = record(tmp_path)
    assert sorted(now) == sorted(recorded), set(now) ^ set(recorded)
    out: list[str] = []
    for key in sorted(recorded):
        _differences(key, _canon(recorded[key]), _canon(now[key]), out)
    assert not out, "\n".join(out[:50])
