"""The permission matrix is declared once, complete, and the documentation shows it as it is."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import translation

from ejcms.org.management.commands.permissions import matrix_table
from ejcms.org.roles import MATRIX, Action, Role, may

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_every_action_has_its_row() -> None:
    assert set(MATRIX) == set(Action)
    for roles in MATRIX.values():
        assert roles <= set(Role)


def test_may_reads_the_matrix() -> None:
    assert may(Role.HEAD, Action.STATISTICS_BASELINE)
    assert not may(Role.OFFICER, Action.STATISTICS_BASELINE)
    assert not may(Role.TRAINER, Action.CASE_VIEW)
    assert not may(None, Action.CASE_VIEW)


def test_the_documentation_shows_the_matrix_of_the_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- permissions:start -->\n") + len("<!-- permissions:start -->\n")
    end = text.index("\n<!-- permissions:end -->")
    with translation.override("en"):
        assert text[start:end] == matrix_table(), "docs/security.md: paste `ejcms permissions`"


def test_the_command_prints_it_in_lao() -> None:
    out = StringIO()
    call_command("permissions", "--lang", "lo", stdout=out)
    assert out.getvalue().count("\n") == len(MATRIX) + 2
    assert "ຫົວໜ້າ" in out.getvalue()
