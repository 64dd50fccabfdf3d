"""Level 4: trained officers' case results before and after, beside untrained colleagues."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ejcms.cases.models import Deadline
from ejcms.training.models import Level, Module
from ejcms.training.results import event_results
from ejcms.training.tot import (
    EventData,
    certificate_issue,
    event_create,
    participant_add,
    record_results,
)
from tests.conftest import advance

pytestmark = pytest.mark.django_db


def test_results_before_and_after_a_training(make_case, cast):
    # The officer's case: registered 3 March 2025, terminated as fully enforced on 5 May 2025.
    case = advance(make_case(), cast, "terminate")
    cast.officer2  # noqa: B018 - an untrained colleague of the same office level
    event = event_create(
        actor=cast.trainer,
        data=EventData(
            module=Module.objects.get(code="M03"),
            level=Level.MASTER,
            starts_on=date(2025, 4, 1),
            ends_on=date(2025, 4, 2),
            place="ວຽງຈັນ",
            capacity=10,
            trainers=[cast.trainer],
        ),
    )
    participant = participant_add(actor=cast.trainer, event=event, user=cast.officer)
    record_results(
        actor=cast.trainer,
        event=event,
        present={participant.pk: {s.pk for s in event.sessions.all()}},
        scores={participant.pk: (40, 70)},
    )
    certificate_issue(actor=cast.trainer, participant=participant)

    result = event_results(event, date(2026, 12, 1))
    before, after = result.trained
    assert (before.officers, before.resolved, after.resolved) == (1, 0, 1)
    assert after.recovery_percent == pytest.approx(100.0)
    assert before.recovery_percent == pytest.approx(0.0)
    # Office deadlines of the case due after the training, counted one by one here.
    due_after = [
        d
        for d in Deadline.objects.filter(case=case, bearer="office", cancelled_on__isnull=True)
        if result.after[0] <= d.due_on <= result.after[1]
    ]
    assert after.deadlines == len(due_after)
    assert after.on_time == len([d for d in due_after if d.met_on and d.met_on <= d.due_on])
    untrained_before, untrained_after = result.untrained
    assert untrained_before.officers == 1  # officer2 only: the trained officer is not in it
    assert untrained_after.resolved == 0
    assert result.after_complete

    page = cast.client("trainer").get(reverse("training:event_results", args=[event.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-row="resolved"' in html
    assert "ທັນເວລາ (%)" in html
    assert (
        cast.client("officer2").get(reverse("training:event_results", args=[event.pk])).status_code
        == 404
    )
