"""Two documents of the same kind issued at the same moment get consecutive numbers
(PostgreSQL, two connections)."""

from __future__ import annotations

import pytest
from django.db import connection

from ejcms.documents.models import IssuedDocument
from ejcms.documents.services import document_issue
from tests.conftest import Cast, register
from tests.finance.test_concurrency import _at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks between two connections are tested on PostgreSQL",
    ),
]


@pytest.fixture
def cast(committed_cast: Cast) -> Cast:
    return committed_cast


def test_two_documents_at_once_get_consecutive_numbers(cast):
    cases = [register(cast.clerk, number=f"{n}/ສປ", allow_duplicate=True) for n in range(4)]
    cast.head  # noqa: B018 - created before the threads use it
    for _round in range(3):
        results = _at_once(
            *[
                (lambda c=c: document_issue(actor=cast.head, case=c, kind="case_cover"))
                for c in cases
            ]
        )
        assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(
        IssuedDocument.objects.filter(kind="case_cover").values_list("number", flat=True)
    )
    assert numbers == list(range(1, 13))
