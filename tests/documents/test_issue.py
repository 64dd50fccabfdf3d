"""Every official document rendered from real Lao data, numbered in its office's register,
kept unchanged, corrected by a new document, and in English for a foreign party."""

from __future__ import annotations

import hashlib
from datetime import date

import pypdfium2 as pdfium
import pytest

from ejcms.cases.choices import TimelineKind
from ejcms.cases.models import TimelineEvent
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.models import AuditRecord
from ejcms.documents.kinds import KINDS
from ejcms.documents.models import IssuedDocument, RegisterCounter
from ejcms.documents.services import document_issue
from ejcms.finance.models import LedgerEntry
from tests.documents.conftest import (
    DEBTOR,
    first_page_ink,
    issue_extra,
    pdf_text,
    squeeze,
)

# The amount each kind must show in figures: its own, or the 15.000.000 ກີບ due under the
# decision.
OWN_AMOUNT = {
    "seizure_minutes": "10.900.000",  # 4.500.000 + 2 × 3.200.000
    "valuation_record": "12.000.000",
    "valuation_notice": "12.000.000",
    "sale_advertisement": "12.000.000",
    "auction_notice": "12.000.000",
    "auction_minutes": "14.500.000",
    "receipt": "2.500.000",
    "payout_record": "2.500.000",
}


def _case_for(kind, request):
    if kind == "summons":
        return request.getfixturevalue("make_case")()
    if kind == "closure_order":
        return request.getfixturevalue("closed_case")
    return request.getfixturevalue("full_case")


def _first_subject(kind, case):
    subjects = KINDS[kind].subjects(case, None)
    assert subjects, f"{kind} is not offered for the test case"
    return subjects[0].key


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_renders_in_lao_with_names_number_and_amounts(kind, request, cast):
    case = _case_for(kind, request)
    document = document_issue(
        actor=cast.head,
        case=case,
        kind=kind,
        subject=_first_subject(kind, case),
        extra=issue_extra(kind),
    )
    text = pdf_text(document)
    flat = squeeze(text)
    assert squeeze(DEBTOR) in flat
    assert document.register_label in text
    assert OWN_AMOUNT.get(kind, "15.000.000") in text
    assert squeeze(str(KINDS[kind].title)) in flat
    with document.file.open("rb") as handle:
        data = handle.read()
    assert first_page_ink(data) > 5000, "the first page is blank"
    assert hashlib.sha256(data).hexdigest() == document.sha256
    assert document.data["debtors"][0]["name"] == DEBTOR
    assert document.template.kind == kind


@pytest.mark.django_db
def test_numbers_are_consecutive_per_office_kind_and_year(full_case, make_case, cast):
    other = make_case(number="90/ສປ")
    order = document_issue(actor=cast.head, case=full_case, kind="case_cover", on=date(2026, 1, 5))
    second = document_issue(actor=cast.head, case=other, kind="case_cover", on=date(2026, 1, 6))
    next_year = document_issue(actor=cast.head, case=other, kind="case_cover", on=date(2027, 1, 4))
    minutes = document_issue(
        actor=cast.head,
        case=full_case,
        kind="seizure_minutes",
        subject=_first_subject("seizure_minutes", full_case),
        on=date(2026, 1, 6),
    )
    code = full_case.office.code
    assert (order.number, second.number, next_year.number, minutes.number) == (1, 2, 1, 1)
    assert order.register_label == f"1/{code}/2026"
    assert next_year.register_label == f"1/{code}/2027"


@pytest.mark.django_db
def test_a_refused_document_takes_no_number(full_case, cast):
    with pytest.raises(ApplicationError):
        document_issue(actor=cast.head, case=full_case, kind="summons", subject="")
    with pytest.raises(ApplicationError):
        document_issue(actor=cast.head, case=full_case, kind="receipt", subject="entry:999999")
    assert not RegisterCounter.objects.filter(last_number__gt=0).exists()
    cover = document_issue(actor=cast.head, case=full_case, kind="case_cover")
    assert cover.number == 1


@pytest.mark.django_db
def test_issuing_again_returns_the_document_unchanged(full_case, cast):
    subject = _first_subject("enforcement_order", full_case)
    first = document_issue(
        actor=cast.head, case=full_case, kind="enforcement_order", subject=subject
    )
    again = document_issue(
        actor=cast.head, case=full_case, kind="enforcement_order", subject=subject
    )
    assert again.pk == first.pk
    assert IssuedDocument.objects.filter(kind="enforcement_order").count() == 1


@pytest.mark.django_db
def test_a_correction_is_a_new_document_citing_the_one_it_replaces(full_case, cast):
    subject = _first_subject("enforcement_order", full_case)
    original = document_issue(
        actor=cast.head, case=full_case, kind="enforcement_order", subject=subject
    )
    with original.file.open("rb") as handle:
        before = handle.read()
    with pytest.raises(ApplicationError) as exc:
        document_issue(
            actor=cast.head,
            case=full_case,
            kind="enforcement_order",
            subject=subject,
            replaces=original,
        )
    assert "reason" in exc.value.message_dict
    correction = document_issue(
        actor=cast.head,
        case=full_case,
        kind="enforcement_order",
        subject=subject,
        replaces=original,
        reason="ແກ້ໄຂຊື່ເຈົ້າໜ້າທີ່",
    )
    assert correction.number == original.number + 1
    assert correction.replaces == original
    text = pdf_text(correction)
    assert original.register_label in text
    assert "ແກ້ໄຂຊື່ເຈົ້າໜ້າທີ່" in squeeze(text)
    original.refresh_from_db()
    with original.file.open("rb") as handle:
        assert handle.read() == before
    with pytest.raises(ApplicationError):
        document_issue(
            actor=cast.head,
            case=full_case,
            kind="enforcement_order",
            subject=subject,
            replaces=original,
            reason="ອີກເທື່ອໜຶ່ງ",
        )
    event = TimelineEvent.objects.filter(case=full_case, kind=TimelineKind.DOCUMENT).last()
    assert event is not None
    assert event.payload["replaces"] == original.register_label
    assert AuditRecord.objects.filter(action="document.issued", object_id=str(correction.pk))


@pytest.mark.django_db
def test_a_receipt_carries_the_ledger_receipt_number_and_cannot_be_corrected(full_case, cast):
    entry = LedgerEntry.objects.get(case=full_case, kind="payment")
    receipt = document_issue(
        actor=cast.officer,
        case=full_case,
        kind="receipt",
        subject=f"entry:{entry.pk}",
    )
    assert (receipt.number, receipt.year) == (entry.receipt_number, entry.receipt_year)
    assert f"{entry.receipt_number}/{entry.receipt_year}" in pdf_text(receipt)
    assert "ສອງລ້ານຫ້າແສນກີບ" in squeeze(pdf_text(receipt))
    with pytest.raises(ApplicationError):
        document_issue(
            actor=cast.officer,
            case=full_case,
            kind="receipt",
            subject=f"entry:{entry.pk}",
            replaces=receipt,
            reason="ຜິດ",
        )


@pytest.mark.django_db
def test_english_version_for_a_foreign_party(full_case, cast):
    subject = _first_subject("enforcement_order", full_case)
    document = document_issue(
        actor=cast.head,
        case=full_case,
        kind="enforcement_order",
        subject=subject,
        language="en",
    )
    text = pdf_text(document)
    assert "Enforcement order" in text
    assert "Lao People" in text
    assert "SisavathPhommachanh" in squeeze(text)
    assert "fifteen million kip" in text
    assert document.language == "en"


@pytest.mark.django_db
def test_only_the_case_office_may_issue(full_case, cast):
    for outsider in (cast.outsider_district, cast.head_other_province, cast.dej):
        with pytest.raises(AccessDenied):
            document_issue(actor=outsider, case=full_case, kind="case_cover")
    assert not IssuedDocument.objects.exists()


def _line_positions(document: IssuedDocument) -> tuple[set[tuple[int, int]], float]:
    """The (page, baseline) of every line of text, and the right edge of the rightmost glyph
    as a share of the page width."""
    with document.file.open("rb") as handle:
        pdf = pdfium.PdfDocument(handle.read())
    lines: set[tuple[int, int]] = set()
    rightmost = 0.0
    for number, page in enumerate(pdf):
        width, _height = page.get_size()
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            left, bottom, right, _top = textpage.get_charbox(index)
            if right > left:
                lines.add((number, round(bottom)))
                rightmost = max(rightmost, right / width)
    pdf.close()
    return lines, rightmost


@pytest.mark.django_db
def test_a_long_lao_paragraph_without_spaces_wraps_inside_the_page(full_case, cast):
    subject = _first_subject("enforcement_order", full_case)
    plain = document_issue(
        actor=cast.head, case=full_case, kind="enforcement_order", subject=subject
    )
    long_text = "ການປະຕິບັດຄຳຕັດສິນຂອງສານແມ່ນພັນທະຂອງທຸກພາກສ່ວນທີ່ກ່ຽວຂ້ອງ" * 12
    assert " " not in long_text
    assert len(long_text) > 600
    with_note = document_issue(
        actor=cast.head,
        case=full_case,
        kind="enforcement_order",
        subject=subject,
        note=long_text,
        replaces=plain,
        reason="ເພີ່ມໝາຍເຫດ",
    )
    plain_lines, _ = _line_positions(plain)
    lines, rightmost = _line_positions(with_note)
    # About 650 Lao letters at 11 pt need several lines of a 16.5 cm text column.
    assert len(lines) - len(plain_lines) >= 5
    # The right margin is 2 cm of the 21 cm page: nothing is printed in it.
    assert rightmost < 0.91, f"text runs into the margin ({rightmost:.2f} of the width)"
    assert "ພັນທະຂອງທຸກພາກສ່ວນ" in squeeze(pdf_text(with_note))
