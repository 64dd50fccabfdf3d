"""Train-the-Trainer: who may train, attendance and scores, certificates and their check."""

from __future__ import annotations

from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from django.utils import timezone

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.training.models import Level, Module
from ejcms.training.tot import (
    EventData,
    certificate_issue,
    certificate_verify,
    event_create,
    feedback_give,
    follow_up_record,
    holds_tot_certificate,
    participant_add,
    record_results,
)
from tests.training.test_tna import _officer

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


def _event(cast, level=Level.MASTER, trainers=None, capacity=20):
    return event_create(
        actor=cast.trainer,
        data=EventData(
            module=Module.objects.get(code="M03"),
            level=level,
            starts_on=START,
            ends_on=START + timedelta(days=2),
            place="ສະຖາບັນຍຸຕິທຳແຫ່ງຊາດ, ນະຄອນຫຼວງວຽງຈັນ",
            capacity=capacity,
            trainers=trainers or [cast.trainer],
        ),
    )


def _certified(cast, event, user, pre=40, post=75):
    participant = participant_add(actor=cast.trainer, event=event, user=user)
    sessions = {s.pk for s in event.sessions.all()}
    record_results(
        actor=cast.trainer,
        event=event,
        present={participant.pk: sessions},
        scores={participant.pk: (pre, post)},
    )
    participant.refresh_from_db()
    return participant, certificate_issue(actor=cast.trainer, participant=participant)


def test_a_certificate_makes_its_holder_a_trainer_of_the_next_level(cast):
    officer = _officer(0)
    # Without a ToT certificate nobody but an NIJ trainer may train.
    with pytest.raises(ApplicationError) as exc:
        _event(cast, Level.PROVINCIAL, trainers=[officer])
    assert "trainers" in exc.value.message_dict
    participant, _certificate = _certified(cast, _event(cast), officer)
    assert holds_tot_certificate(officer)
    assert participant.gain == 35
    provincial = _event(cast, Level.PROVINCIAL, trainers=[officer])
    assert list(provincial.trainers.all()) == [officer]


def test_a_certificate_needs_attendance_and_both_tests(cast):
    event = _event(cast)
    officer = _officer(0)
    participant = participant_add(actor=cast.trainer, event=event, user=officer)
    first = event.sessions.first()
    record_results(
        actor=cast.trainer,
        event=event,
        present={participant.pk: {first.pk}},
        scores={participant.pk: (50, None)},
    )
    with pytest.raises(ApplicationError, match="80 %"):
        certificate_issue(actor=cast.trainer, participant=participant)
    sessions = {s.pk for s in event.sessions.all()}
    record_results(
        actor=cast.trainer,
        event=event,
        present={participant.pk: sessions},
        scores={participant.pk: (50, None)},
    )
    with pytest.raises(ApplicationError):
        certificate_issue(actor=cast.trainer, participant=participant)
    with pytest.raises(ApplicationError) as exc:
        record_results(
            actor=cast.trainer, event=event, present={}, scores={participant.pk: (50, 101)}
        )
    assert f"post_{participant.pk}" in exc.value.message_dict


def test_capacity_and_only_the_trainers_record(cast):
    event = _event(cast, capacity=1)
    participant_add(actor=cast.trainer, event=event, user=_officer(0))
    with pytest.raises(ApplicationError, match="ເຕັມແລ້ວ"):
        participant_add(actor=cast.trainer, event=event, user=_officer(1))
    with pytest.raises(AccessDenied):
        participant_add(actor=cast.head, event=event, user=_officer(2))


def test_verification_shows_name_course_and_date_for_a_real_code_only(cast, client):
    _participant, certificate = _certified(cast, _event(cast), _officer(0))
    verified = certificate_verify(certificate.code.lower())
    assert verified is not None
    assert verified.name == "ທ່ານ ສົມພອນ ແກ້ວມະນີ"
    assert verified.course == "ການກວດກາ, ການຍຶດ ແລະ ການອາຍັດຊັບ"
    assert certificate_verify("ZZZZZZZZZZ") is None
    # The public page, without logging in.
    page = client.get(reverse("training:verify") + f"?code={certificate.code}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "ທ່ານ ສົມພອນ ແກ້ວມະນີ" in html
    assert "0101" not in html  # no office, no scores: name, course and date only
    wrong = client.get(reverse("training:verify") + "?code=ZZZZZZZZZZ").content.decode()
    assert "ທ່ານ ສົມພອນ ແກ້ວມະນີ" not in wrong
    assert 'id="not-found"' in wrong


def test_the_certificate_pdf_is_a_real_a4_page_with_its_code(cast):
    officer = _officer(0)
    _participant, certificate = _certified(cast, _event(cast), officer)
    client = cast.client("trainer")
    response = client.get(reverse("training:certificate", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = pdfium.PdfDocument(response.content)
    assert len(pdf) == 1
    page = pdf[0]
    width, height = page.get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = page.get_textpage().get_text_range()
    assert certificate.code in text
    assert "2026" in text
    # The Lao text is real text, not drawings: the name and the course are extracted.
    assert "ທ່ານ ສົມພອນ ແກ້ວມະນີ" in text
    assert "ການກວດກາ, ການຍຶດ ແລະ ການອາຍັດຊັບ" in text
    bitmap = page.render(scale=0.5)
    pixels = bytes(bitmap.buffer)
    assert len(set(pixels)) > 2  # something is drawn, not a blank page
    # Another officer may not download it.
    assert (
        cast.client("officer2")
        .get(reverse("training:certificate", args=[certificate.code]))
        .status_code
        == 404
    )


def test_feedback_once_and_follow_up_after_three_months(cast):
    officer = _officer(0)
    participant, _certificate = _certified(cast, _event(cast), officer)
    feedback_give(actor=officer, participant=participant, rating=5, comments="ເປັນປະໂຫຍດຫຼາຍ")
    with pytest.raises(ApplicationError):
        feedback_give(actor=officer, participant=participant, rating=4, comments="")
    ends = participant.event.ends_on
    with pytest.raises(ApplicationError) as exc:
        follow_up_record(
            actor=cast.head,
            participant=participant,
            on=ends + timedelta(days=30),
            rating=4,
            note="",
        )
    assert "on" in exc.value.message_dict
    follow_up_record(
        actor=cast.head,
        participant=participant,
        on=ends + timedelta(days=91),
        rating=4,
        note="ນຳໃຊ້ໃນການຍຶດຊັບ",
    )
    participant.refresh_from_db()
    assert participant.follow_up_rating == 4
    with pytest.raises(AccessDenied):
        follow_up_record(
            actor=cast.head_other_district,
            participant=participant,
            on=timezone.localdate(),
            rating=3,
            note="",
        )


def test_a_trainer_creates_a_training_through_the_form(cast):
    client = cast.client("trainer")
    url = reverse("training:event_new")
    assert client.get(url).status_code == 200
    module = Module.objects.get(code="M01")
    response = client.post(
        url,
        {
            "module": module.pk,
            "level": "master",
            "starts_on": "02/03/2026",
            "ends_on": "04/03/2026",
            "place": "ແຂວງຫຼວງພະບາງ",
            "capacity": "30",
            "trainers": [cast.trainer.pk],
        },
    )
    assert response.status_code == 302
    event = module.events.get()
    assert event.sessions.count() == 3
    assert cast.client("officer").get(url).status_code == 403


def test_the_head_follows_up_his_staff_from_his_page(cast):
    officer = _officer(0)
    participant, _certificate = _certified(cast, _event(cast), officer)
    client = cast.client("head")
    page = client.get(reverse("training:follow_ups"))
    assert page.status_code == 200
    assert participant in page.context["pending"]
    url = reverse("training:follow_ups") + f"?p={participant.pk}"
    on = (participant.event.ends_on + timedelta(days=100)).strftime("%d/%m/%Y")
    assert client.post(url, {"on": on, "rating": "4", "note": "ນຳໃຊ້ແລ້ວ"}).status_code == 302
    participant.refresh_from_db()
    assert participant.follow_up_rating == 4
    assert cast.client("officer").get(reverse("training:follow_ups")).status_code == 403
