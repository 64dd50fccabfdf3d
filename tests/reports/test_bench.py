"""`ejcms bench` prints one row per hot path, each against its bare SQL, and keeps nothing."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from ejcms.cases.models import EnforcementCase, Party
from ejcms.core.models import AuditRecord
from ejcms.documents.models import IssuedDocument
from ejcms.finance.bulk import bulk_cases
from ejcms.finance.models import LedgerEntry

pytestmark = pytest.mark.django_db(transaction=False)

ROWS = [
    "case list, office, filtered",
    "case list, national",
    "case page",
    "deadline list",
    "name search page",
    "name search, Lao part",
    "name search, Latin",
    "national dashboard (page)",
    "court decision (API)",
    "payment (form)",
    "csv, check + import",
    "receipt",
    "seizure_minutes",
]


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, EnforcementCase, Party, LedgerEntry, IssuedDocument, AuditRecord)
    }


def test_every_hot_path_is_measured_against_its_bare_sql_and_nothing_is_kept() -> None:
    User.objects.create_user("ສົມພອນ")
    bulk_cases(cases=1500, seed=2, as_of=date(2026, 11, 30))
    call_command("search_reindex", missing=True, verbosity=0)
    before = _counts()
    out = io.StringIO()
    call_command("bench", runs=3, pdfs=2, searches=3, dashboards=2, imports=200, stdout=out)
    text = out.getvalue()
    for name in ROWS:
        line = next((x for x in text.splitlines() if x.startswith(name)), None)
        assert line is not None, f"{name} missing from:\n{text}"
        numbers = [float(n) for n in re.findall(r"\d+\.\d+|\d+", line[len(name) :])]
        # n, p50, p95, max (, rate), bare, ratio; or rows, seconds, rate: none zero.
        assert numbers[0] >= 2
        assert all(n > 0 for n in numbers), line
    assert re.search(r"database size: \d+ MB · peak memory: \d+ MB", text)
    assert _counts() == before
