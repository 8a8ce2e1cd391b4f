"""The hostile-input tests reuse the seeding and call-log helpers of the directories they probe."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).parents[1]
for directory in ("gateway", "warehouse_ops", "inventory"):
    if str(TESTS / directory) not in sys.path:
        sys.path.append(str(TESTS / directory))
