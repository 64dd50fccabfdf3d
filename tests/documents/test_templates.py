"""Template revisions: made by a national administrator, checked with Typst before they are
accepted, taking effect on their date, and never changing a document already issued."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.documents.models import DocumentTemplate
from ejcms.documents.render import template_source
from ejcms.documents.services import current_template, document_issue, template_revise
from tests.documents.conftest import pdf_text


@pytest.mark.django_db
def test_a_broken_template_is_refused_with_typsts_own_message(cast):
    broken = template_source("case_cover") + "\n#let x = (\n"
    with pytest.raises(ApplicationError) as exc:
        template_revise(
            actor=cast.admin,
            kind="case_cover",
            source=broken,
            effective_from=timezone.localdate(),
            note="ລອງ",
        )
    message = exc.value.message_dict["source"][0]
    assert "unclosed delimiter" in message or "expected" in message
    assert not DocumentTemplate.objects.filter(kind="case_cover", revision__gt=1).exists()


@pytest.mark.django_db
def test_a_field_the_sample_lacks_is_refused(cast):
    source = template_source("case_cover").replace("#show: official", "#show: official\n#data.nope")
    with pytest.raises(ApplicationError) as exc:
        template_revise(
            actor=cast.admin,
            kind="case_cover",
            source=source,
            effective_from=timezone.localdate(),
            note="ລອງ",
        )
    assert "nope" in exc.value.message_dict["source"][0]


@pytest.mark.django_db
def test_only_a_national_administrator_revises(cast):
    for user in (cast.head, cast.admin_province, cast.dej):
        with pytest.raises(AccessDenied):
            template_revise(
                actor=user,
                kind="case_cover",
                source=template_source("case_cover"),
                effective_from=timezone.localdate(),
                note="x",
            )
    assert cast.client("head").get(reverse("documents:templates")).status_code == 403
    assert cast.client("admin").get(reverse("documents:templates")).status_code == 200


@pytest.mark.django_db
def test_a_revision_takes_effect_on_its_date_and_old_documents_stay(make_case, cast):
    case = make_case()
    today = timezone.localdate()
    before = document_issue(actor=cast.officer, case=case, kind="case_cover", on=today)
    revised = template_source("case_cover").replace(
        "#show: official", '#show: official\n#text(weight: "bold")[ສະບັບປັບປຸງໃໝ່]'
    )
    effective = today + timedelta(days=3)
    revision = template_revise(
        actor=cast.admin,
        kind="case_cover",
        source=revised,
        effective_from=effective,
        note="ເພີ່ມຂໍ້ຄວາມ",
    )
    assert revision.revision == 2
    assert current_template("case_cover", today).revision == 1
    assert current_template("case_cover", effective).revision == 2
    after = document_issue(actor=cast.officer, case=case, kind="case_cover", on=effective)
    assert after.template == revision
    assert "ສະບັບປັບປຸງໃໝ່" in pdf_text(after)
    assert "ສະບັບປັບປຸງໃໝ່" not in pdf_text(before)
    before.refresh_from_db()
    assert before.template.revision == 1


@pytest.mark.django_db
def test_preview_with_sample_data_and_error_on_the_page(cast):
    client = cast.client("admin")
    url = reverse("documents:template", args=["receipt"])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "source": template_source("receipt"),
            "effective_from": timezone.localdate().strftime("%d/%m/%Y"),
            "note": "ກວດ",
            "preview": "1",
            "preview_language": "lo",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert not DocumentTemplate.objects.filter(revision__gt=1).exists()
    response = client.post(
        url,
        {
            "source": "#let = ",
            "effective_from": timezone.localdate().strftime("%d/%m/%Y"),
            "note": "ກວດ",
        },
    )
    assert response.status_code == 400
    assert "Typst" in response.content.decode() or "expected" in response.content.decode()
    sample = client.get(reverse("documents:template_sample", args=["receipt", 1]) + "?lang=en")
    assert sample.status_code == 200
