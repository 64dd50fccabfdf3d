"""The case list counts at most COUNT_CAP rows: a national list of a decade is not counted
whole, it says "more than" and the pages stop there; below the cap the count is exact."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ejcms.finance.bulk import bulk_cases

pytestmark = pytest.mark.django_db


def test_a_list_longer_than_the_cap_says_more_than_and_counts_no_further(
    cast: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    bulk_cases(cases=60, seed=8, as_of=date(2026, 11, 30))
    settings.EJCMS_PAGE_SIZE = 10
    monkeypatch.setattr("ejcms.core.pagination.COUNT_CAP", 25)
    client = cast.client("dej")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cases/")
    text = response.content.decode()
    assert "ຫຼາຍກວ່າ 25 ຄະດີ" in text
    assert response.context["page"].paginator.num_pages == 3  # 26 rows counted, 10 a page
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1
    assert "LIMIT 26" in counts[0]
    # Below the cap the figure is exact.
    monkeypatch.setattr("ejcms.core.pagination.COUNT_CAP", 1000)
    response = client.get("/cases/")
    assert response.context["page"].paginator.count == 60
    assert "60 ຄະດີ" in response.content.decode()
