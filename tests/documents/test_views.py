"""The documents tab: what the case calls for, issuing from the page, the document's page, the
register, and the timeline sentence."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from ejcms.documents.models import IssuedDocument
from tests.documents.conftest import DEBTOR, pdf_text, squeeze


@pytest.mark.django_db
def test_the_tab_offers_the_documents_of_the_steps_taken(full_case, cast):
    client = cast.client("officer")
    page = client.get(reverse("documents:tab", args=[full_case.pk])).content.decode()
    for kind in (
        "voluntary_minutes",
        "enforcement_order",
        "notice_to_debtor",
        "freezing_order",
        "freezing_release",
        "seizure_minutes",
        "valuation_record",
        "sale_advertisement",
        "auction_minutes",
        "receipt",
        "payout_record",
        "suspension_order",
        "resumption_order",
        "case_cover",
    ):
        assert f'data-issue="{kind}"' in page, kind
    assert 'data-issue="summons"' not in page
    assert 'data-issue="closure_order"' not in page
    # Read-only visitors see the documents but are offered nothing.
    province = cast.client("head_province").get(reverse("documents:tab", args=[full_case.pk]))
    assert province.status_code == 200
    assert "data-issue=" not in province.content.decode()


@pytest.mark.django_db
def test_issue_from_the_page_then_open_it(full_case, cast):
    client = cast.client("officer")
    tab = client.get(reverse("documents:tab", args=[full_case.pk])).content.decode()
    start = tab.index('data-issue="enforcement_order" href="') + len(
        'data-issue="enforcement_order" href="'
    )
    link = tab[start : tab.index('"', start)].replace("&amp;", "&")
    form = client.get(link)
    assert form.status_code == 200
    subject = link.split("subject=")[1].replace("%3A", ":")
    response = client.post(link, {"language": "lo", "note": "", "subject": subject})
    assert response.status_code == 302
    document = IssuedDocument.objects.get(kind="enforcement_order")
    assert response["Location"] == reverse("documents:detail", args=[full_case.pk, document.pk])
    detail = client.get(response["Location"]).content.decode()
    assert document.register_label in detail
    assert document.sha256 in detail
    pdf = client.get(reverse("documents:pdf", args=[full_case.pk, document.pk]))
    content = b"".join(pdf.streaming_content)
    assert hashlib.sha256(content).hexdigest() == document.sha256
    assert squeeze(DEBTOR) in squeeze(pdf_text(document))
    # The case page's timeline tells of it.
    case_page = client.get(reverse("cases:detail", args=[full_case.pk])).content.decode()
    assert document.register_label in case_page
    # And the office's register lists it.
    register = client.get(reverse("documents:register") + f"?year={document.year}")
    assert document.register_label in register.content.decode()
    other = cast.client("outsider_province").get(
        reverse("documents:register") + f"?year={document.year}"
    )
    assert document.register_label not in other.content.decode()


@pytest.mark.django_db
def test_the_summons_form_asks_for_the_day_and_names_the_field(make_case, cast):
    case = make_case()
    client = cast.client("officer")
    url = reverse("documents:issue", args=[case.pk, "summons"]) + "?subject="
    response = client.post(url, {"language": "lo", "appear_on": "31/02/2025", "subject": ""})
    assert response.status_code == 400
    assert not IssuedDocument.objects.exists()
    response = client.post(url, {"language": "lo", "appear_on": "12/03/2025", "subject": ""})
    assert response.status_code == 302
    document = IssuedDocument.objects.get(kind="summons")
    assert "12" in pdf_text(document)


@pytest.mark.django_db
def test_a_correction_from_the_page(full_case, cast):
    client = cast.client("head")
    from ejcms.documents.services import document_issue

    original = document_issue(actor=cast.head, case=full_case, kind="case_cover")
    url = reverse("documents:correct", args=[full_case.pk, original.pk])
    assert client.post(url, {"language": "lo", "reason": ""}).status_code == 400
    response = client.post(url, {"language": "lo", "reason": "ແກ້ໄຂວັນທີ"})
    assert response.status_code == 302
    correction = IssuedDocument.objects.get(replaces=original)
    detail = client.get(reverse("documents:detail", args=[full_case.pk, original.pk]))
    assert correction.register_label in detail.content.decode()


@pytest.mark.django_db
def test_the_case_page_offers_the_documents_of_the_steps_taken(make_case, cast):
    from tests.conftest import advance

    case = advance(make_case(), cast, "issue_order")
    url = reverse("cases:detail", args=[case.pk])
    page = cast.client("officer").get(url).content.decode()
    due = page[page.index('id="documents-due"') :]
    assert reverse("documents:issue", args=[case.pk, "voluntary_minutes"]) in due
    assert reverse("documents:issue", args=[case.pk, "enforcement_order"]) in due
    assert 'id="documents-due"' not in cast.client("head_province").get(url).content.decode()
    from ejcms.documents.kinds import KINDS, find_subject
    from ejcms.documents.services import document_issue

    event = case.events.get(transition="issue_order")
    assert find_subject(KINDS["enforcement_order"], case, f"event:{event.pk}") is not None
    document_issue(
        actor=cast.head, case=case, kind="enforcement_order", subject=f"event:{event.pk}"
    )
    page = cast.client("officer").get(url).content.decode()
    assert reverse("documents:issue", args=[case.pk, "enforcement_order"]) not in page
    assert reverse("documents:issue", args=[case.pk, "voluntary_minutes"]) in page
