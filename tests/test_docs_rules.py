"""The documentation of measures lists every legal rule they read, with its article."""

from __future__ import annotations

import importlib
from pathlib import Path


def test_every_measure_rule_is_documented_with_its_article():
    text = (Path(__file__).resolve().parents[1] / "docs" / "measures-and-money.md").read_text()
    rules = importlib.import_module("ejcms.cases.migrations.0006_measure_rules").RULES
    for key, _value, _unit, _law, article, _lo, _en in rules:
        row = next((line for line in text.splitlines() if f"`{key}`" in line), None)
        assert row is not None, f"docs/measures-and-money.md does not list {key}"
        assert f"| {article} |" in row, f"{key}: the row does not give Art. {article}"
