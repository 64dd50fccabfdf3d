"""The deadline lists show the first rows of each kind and say how many there are in all; the
case list marks the overdue cases of its page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from ejcms.cases.choices import DeadlineBearer
from ejcms.cases.models import Deadline
from ejcms.cases.selectors import deadline_board, overdue_among
from ejcms.finance.bulk import bulk_cases

pytestmark = pytest.mark.django_db


def test_each_list_is_cut_at_its_limit_and_counted_in_full(cast: Any) -> None:
    bulk_cases(cases=600, seed=6, as_of=date(2026, 11, 30))
    today = timezone.localdate()
    overdue = Deadline.objects.filter(
        bearer=DeadlineBearer.OFFICE,
        met_on__isnull=True,
        cancelled_on__isnull=True,
        due_on__lt=today,
    )
    assert overdue.count() > 5
    board = deadline_board(Deadline.objects.all(), today=today, limit=5)
    assert len(board.overdue) == 5
    assert board.overdue_total == overdue.count()
    assert [d.due_on for d in board.overdue] == sorted(d.due_on for d in board.overdue)
    # The national page says so, in Lao.
    response = cast.client("dej").get("/deadlines/")
    shown = response.context["board"]
    assert shown.overdue_total == overdue.count() > len(shown.overdue) == 50
    assert f"50 ລາຍການທຳອິດ ຈາກທັງໝົດ {shown.overdue_total}" in response.content.decode()


def test_the_overdue_cases_of_a_page_are_found_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    bulk_cases(cases=100, seed=7, as_of=date(2026, 11, 30))
    today = timezone.localdate()
    late = set(
        Deadline.objects.filter(
            bearer=DeadlineBearer.OFFICE,
            met_on__isnull=True,
            cancelled_on__isnull=True,
            due_on__lt=today,
        ).values_list("case_id", flat=True)
    )
    ids = list(Deadline.objects.values_list("case_id", flat=True).distinct()[:60])
    with django_assert_num_queries(1):
        found = overdue_among(ids, today=today)
    assert found == late & set(ids)
    assert found
