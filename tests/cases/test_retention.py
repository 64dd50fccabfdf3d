"""Retention of case files (Art. 52): which closed cases are due after 20 years, their archive
with its checksums, and the erasure of their personal data, which keeps the statistics and the
audit chain and leaves nothing of the person in the database, the search index or the files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ejcms.cases import retention
from ejcms.cases.choices import PartyRole, State
from ejcms.cases.models import CaseParty, EnforcementCase, Party
from ejcms.cases.retention import (
    RetentionError,
    archive_read,
    archive_write,
    case_erase,
    due_cases,
    erase_archived,
    retention_cutoff,
    sweep_leftovers,
)
from ejcms.cases.services import complaint_record
from ejcms.core.audit import audit_verify
from ejcms.core.formatting import format_date
from ejcms.core.models import AuditRecord
from ejcms.documents.models import Attachment, IssuedDocument
from ejcms.documents.services import attachment_upload, document_issue
from ejcms.finance.models import LedgerEntry
from ejcms.finance.services import PaymentData, payment_record
from ejcms.measures.choices import AssetKind
from ejcms.measures.models import Asset, Measure
from ejcms.measures.services.assets import asset_record
from ejcms.measures.services.orders import summons_record
from ejcms.reports import periods
from ejcms.reports.selectors import indicators, unit_for
from ejcms.search.models import SearchEntry
from ejcms.search.selectors import case_ids_matching
from tests.conftest import Cast, advance, party
from tests.measures.conftest import asset_data

DEBTOR = "ທ່ານ ບຸນທະວີ ສຸລິຍະວົງ"
DEBTOR_LATIN = "Bounthavy Souliyavong"
ID_NUMBER = "01-7788123"
PHONE = "020 5551 2345"
ADDRESS = "ໜ່ວຍ 5 ເຮືອນເລກທີ 88"
TITLE_NUMBER = "01-0999/2011"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# What identifies the debtor, wherever ejcms might have kept it.
NEEDLES = (DEBTOR, "ບຸນທະວີ", DEBTOR_LATIN, ID_NUMBER, PHONE, ADDRESS, TITLE_NUMBER)
CLOSED_ON = date(2025, 5, 6)  # the close step of the standard path


def _full_closed_case(make_case: Callable[..., EnforcementCase], cast: Cast) -> EnforcementCase:
    """A case closed on 6 May 2025 that holds the debtor's data everywhere it can be: details,
    an asset with its evidence file, a summons, a payment note, a complaint, a note on a step,
    a scan and an issued document."""
    case = make_case(
        number="301/ສປ",
        parties=[
            party(PartyRole.CREDITOR, "ນາງ ແສງເດືອນ ວົງສາ"),
            party(
                PartyRole.DEBTOR,
                DEBTOR,
                name_latin=DEBTOR_LATIN,
                id_document_type="id_card",
                id_document_number=ID_NUMBER,
                phone=PHONE,
                address_detail=ADDRESS,
                village_name="ໂພນສະອາດ",
            ),
        ],
    )
    case = advance(case, cast, "start_compulsory")
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    asset_record(
        actor=cast.officer,
        case=case,
        data=asset_data(AssetKind.LAND, debtor, title_number=TITLE_NUMBER, note=f"ແຈ້ງໂດຍ {DEBTOR}"),
        evidence=SimpleUploadedFile(f"{DEBTOR_LATIN}.png", PNG, content_type="image/png"),
    )
    summons_record(
        actor=cast.officer,
        case=case,
        party=debtor,
        served_on=date(2025, 4, 28),
        appear_on=date(2025, 4, 30),
    )
    complaint_record(
        actor=cast.officer,
        case=case,
        filed_on=date(2025, 4, 29),
        complainant=PartyRole.DEBTOR,
        against="order",
        summary=f"{DEBTOR} ຮ້ອງວ່າ ຈຳນວນເງິນບໍ່ຖືກຕ້ອງ",
    )
    payment_record(
        actor=cast.clerk,
        case=case,
        data=PaymentData(
            amount=Decimal("5000000"),
            currency="LAK",
            method="cash",
            on=date(2025, 5, 2),
            payer=debtor,
            note=f"ຈ່າຍໂດຍ {DEBTOR} ໂທ {PHONE}",
        ),
    )
    attachment_upload(
        actor=cast.officer,
        case=case,
        kind="evidence",
        title=f"ບັດປະຈຳຕົວ {DEBTOR}",
        upload=SimpleUploadedFile("scan.png", PNG, content_type="image/png"),
    )
    document_issue(actor=cast.head, case=case, kind="case_cover", on=date(2025, 5, 2))
    case = advance(case, cast, "close")
    assert case.state == State.CLOSED
    assert case.closed_on == CLOSED_ON
    return case


@pytest.fixture
def old_case(make_case: Callable[..., EnforcementCase], cast: Cast, settings: Any):
    """The full case, due for erasure today: files are kept one year in these tests (the
    case was closed in 2025 and erasing counts up to today only)."""
    settings.EJCMS_RETENTION_YEARS = 1
    return _full_closed_case(make_case, cast)


def retention_names(case: EnforcementCase) -> list[str]:
    return [file.name for file in retention.case_files(case)]


def _tables_holding(text: str) -> set[str]:
    """The models (tables) with a text or JSON value that contains `text`."""
    found = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            label = model._meta.label_lower
            if isinstance(field, models.JSONField):
                values = model._default_manager.values_list(field.attname, flat=True)
                if any(text in json.dumps(value, ensure_ascii=False) for value in values):
                    found.add(label)
            elif (
                isinstance(field, models.CharField | models.TextField | models.FileField)
                and model._default_manager.filter(**{f"{field.attname}__contains": text}).exists()
            ):
                found.add(label)
    return found


def _found(query: str) -> set[int]:
    """The cases the search engine finds for `query`."""
    return {row["case_id"] for row in case_ids_matching(query)}


def _statistics(cast: Cast) -> list[Any]:
    year = periods.parse("2025")
    today = date(2026, 1, 15)
    return [
        indicators(unit_for(cast.dej, None), year, today=today),
        indicators(unit_for(cast.dej, "office-" + str(cast.head.staff_profile.office_id)), year),
    ]


# ---------------------------------------------------------------- due or not


def test_the_cutoff_counts_whole_years_back():
    assert retention_cutoff(date(2045, 5, 7), 20) == date(2025, 5, 7)
    # 29 February of a leap year: 1 March of the year 20 years before, if it had no 29th.
    assert retention_cutoff(date(2048, 2, 29), 21) == date(2027, 3, 1)
    assert retention_cutoff(date(2048, 2, 29), 20) == date(2028, 2, 29)


@pytest.mark.django_db
def test_due_after_twenty_years_and_not_a_day_before(make_case, cast: Cast):
    assert settings.EJCMS_RETENTION_YEARS == 20
    case = advance(make_case(number="302/ສປ"), cast, "close")
    open_case = make_case(number="303/ສປ")
    assert case.closed_on == CLOSED_ON
    # Kept 20 years from the closure: on the anniversary it is still kept, the next day it is due.
    assert case not in due_cases(date(2045, 5, 6))
    assert list(due_cases(date(2045, 5, 7))) == [case]
    assert open_case not in due_cases(date(2099, 1, 1))
    EnforcementCase.objects.filter(pk=case.pk).update(erased_on=date(2045, 5, 8))
    assert case not in due_cases(date(2045, 5, 9))


@pytest.mark.django_db
def test_the_dry_run_lists_the_due_cases_by_office_and_changes_nothing(make_case, cast: Cast):
    case = advance(make_case(number="304/ສປ"), cast, "close")
    records = AuditRecord.objects.count()
    out = _call("--as-of", "2045-05-07")
    assert "1 due" in out
    assert f"{case.office.code} {case.office.name_lo}: 1" in out
    assert f"{case.register_label} closed 2025-05-06" in out
    assert "dry run" in out
    assert "0 due" in _call("--as-of", "2045-05-06")
    assert AuditRecord.objects.count() == records
    assert EnforcementCase.objects.get(pk=case.pk).erased_on is None


def _call(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("retention", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


# ---------------------------------------------------------------- the archive


@pytest.mark.django_db
def test_the_archive_holds_the_whole_case_and_its_files_with_their_sums(
    old_case: EnforcementCase, tmp_path: Path
):
    names = retention_names(old_case)
    assert len(names) == 3  # the evidence, the scan and the issued PDF
    result = archive_write(tmp_path / "archive", [old_case], as_of=timezone.localdate())
    assert (result.cases, result.files, result.missing) == (1, 3, [])
    folder = result.folder
    manifest = json.loads((folder / "manifest.json").read_text())
    # Every file is listed with its SHA-256 and size.
    for entry in manifest["files"]:
        data = (folder / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["size"]
    (listed,) = manifest["cases"]
    assert (listed["id"], listed["register"]) == (old_case.pk, old_case.register_label)
    # The case's files, byte for byte.
    for file in listed["files"]:
        with default_storage.open(file["media"], "rb") as handle:
            assert (folder / file["path"]).read_bytes() == handle.read()
    # The record: UTF-8 JSON with the Lao unescaped, and every part of the case.
    text = (folder / listed["record"]).read_text(encoding="utf-8")
    assert DEBTOR in text
    assert "\\u0e" not in text
    record = json.loads(text)
    for part in (
        "case",
        "decision",
        "parties",
        "case_parties",
        "obligations",
        "timeline",
        "deadlines",
        "complaints",
        "ledger",
        "assets",
        "measures",
        "documents",
        "attachments",
    ):
        assert record[part], part
    assert {p["fields"]["name_lo"] for p in record["parties"]} >= {DEBTOR}
    assert any(e["fields"]["kind"] == "payment" for e in record["ledger"])
    assert any(m["fields"]["kind"] == "summons" for m in record["measures"])
    (document,) = record["documents"]
    assert document["fields"]["kind"] == "case_cover"
    assert document["fields"]["sha256"] in {f["sha256"] for f in listed["files"]}
    # The archive reads back, and a changed byte is found.
    assert set(archive_read(folder).cases) == {old_case.pk}
    evidence = folder / listed["files"][0]["path"]
    evidence.write_bytes(evidence.read_bytes() + b"!")
    with pytest.raises(RetentionError, match="has changed"):
        archive_read(folder)


@pytest.mark.django_db
def test_an_archive_is_written_only_into_a_new_or_empty_folder(old_case, tmp_path: Path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x")
    with pytest.raises(RetentionError, match="not empty"):
        archive_write(tmp_path / "used", [old_case], as_of=timezone.localdate())
    with pytest.raises(RetentionError, match="no manifest"):
        archive_read(tmp_path / "used")


# ---------------------------------------------------------------- erasure


@pytest.mark.django_db
def test_erasure_removes_the_person_everywhere_and_keeps_the_statistics(
    old_case: EnforcementCase,
    cast: Cast,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
):
    case = old_case
    before = _statistics(cast)
    counts = (case.case_parties.count(), Measure.objects.filter(case=case).count())
    ledger = list(LedgerEntry.objects.filter(case=case).values_list("kind", "amount", "on"))
    names = retention_names(case)
    assert all(default_storage.exists(name) for name in names)
    assert {"cases.party", "finance.ledgerentry"} <= _tables_holding(DEBTOR)
    assert case.pk in _found("ບຸນທະວີ")

    archive = archive_read(archive_write(tmp_path / "a", [case], as_of=timezone.localdate()).folder)
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_archived(archive, as_of=timezone.localdate())
    assert [erased.case.pk for erased in report.erased] == [case.pk]
    assert report.kept == []

    case.refresh_from_db()
    assert case.erased_on == timezone.localdate()
    debtor = Party.objects.get(case_links__case=case, case_links__role=PartyRole.DEBTOR)
    assert (debtor.name_lo, debtor.name_latin, debtor.id_document_number, debtor.phone) == (
        "",
        "",
        "",
        "",
    )
    assert (debtor.address_detail, debtor.village_name, debtor.search_text) == ("", "", "")
    assert Asset.objects.get(case=case).description == ""
    # Nothing of the person is left in any table but the audit log, whose records are never
    # changed (records written before by other services may hold a name: docs/security.md).
    for needle in NEEDLES:
        assert _tables_holding(needle) <= {"core.auditrecord"}, needle
    # Nor in the search index, nor in the files.
    assert not SearchEntry.objects.filter(case=case, kind__in=["party", "asset"]).exists()
    assert SearchEntry.objects.filter(case=case, kind="case").exists()
    assert case.pk not in _found("ບຸນທະວີ")
    assert case.pk not in _found(DEBTOR_LATIN)
    assert not any(default_storage.exists(name) for name in names)
    assert not IssuedDocument.objects.filter(case=case).exclude(file="").exists()
    assert not Attachment.objects.filter(case=case).exclude(file="").exists()

    # What the statistics count is unchanged: the figures, the ledger, the counts.
    assert _statistics(cast) == before
    assert (case.case_parties.count(), Measure.objects.filter(case=case).count()) == counts
    assert list(LedgerEntry.objects.filter(case=case).values_list("kind", "amount", "on")) == (
        ledger
    )
    assert IssuedDocument.objects.filter(case=case).count() == 1

    # One audit record, with nothing personal in it; the chain is intact.
    (record,) = AuditRecord.objects.filter(action="case.personal_data_erased")
    assert record.object_id == str(case.pk)
    assert record.actor_id is None
    dumped = json.dumps(record.payload, ensure_ascii=False)
    assert not any(needle in dumped for needle in NEEDLES)
    assert record.payload["register"] == case.register_label
    assert record.payload["archive_manifest_sha256"] == archive.manifest_sha256
    assert audit_verify().intact

    # The case is not changed any more.
    from ejcms.cases.selectors import case_write_role

    assert case_write_role(cast.head, case) is None


@pytest.mark.django_db
def test_the_page_of_an_erased_case_opens_and_says_so(
    old_case: EnforcementCase, cast: Cast, tmp_path: Path
):
    case = old_case
    archive = archive_read(archive_write(tmp_path / "a", [case], as_of=timezone.localdate()).folder)
    case_erase(case_id=case.pk, archive=archive, as_of=timezone.localdate())
    for who in ("head", "officer", "dej"):
        response = cast.client(who).get(reverse("cases:detail", args=[case.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="case-erased"' in page
        assert DEBTOR not in page
        assert ID_NUMBER not in page
        assert "data-party-export" not in page
    with translation.override("lo"):
        expected = gettext(
            "The personal data of this case were erased on %(date)s under the retention rule "
            "for case files (Art. 52); what the statistics need is kept."
        ) % {"date": format_date(timezone.localdate())}
    assert expected in page
    for tab in ("measures:assets", "measures:measures", "finance:money", "documents:tab"):
        assert cast.client("head").get(reverse(tab, args=[case.pk])).status_code == 200, tab
    # A party of an erased case has nothing left to export.
    link = case.case_parties.get(role=PartyRole.DEBTOR)
    export = cast.client("head").get(reverse("cases:party_export", args=[case.pk, link.pk]))
    assert export.status_code == 403


@pytest.mark.django_db
def test_a_case_changed_since_its_archive_is_not_erased(
    old_case: EnforcementCase, cast: Cast, tmp_path: Path
):
    case = old_case
    archive = archive_read(archive_write(tmp_path / "a", [case], as_of=timezone.localdate()).folder)
    # A complaint against the closure order (Art. 51) is recorded after the archive.
    complaint_record(
        actor=cast.head,
        case=case,
        filed_on=date(2025, 5, 9),
        complainant=PartyRole.DEBTOR,
        against="closure",
        summary="ຂໍລົບລ້າງຄຳສັ່ງປິດ",
    )
    report = erase_archived(archive, as_of=timezone.localdate())
    assert report.erased == []
    ((kept, reason),) = report.kept
    assert kept.pk == case.pk
    assert "changed since it was archived" in reason
    assert EnforcementCase.objects.get(pk=case.pk).erased_on is None
    assert not AuditRecord.objects.filter(action="case.personal_data_erased").exists()


@pytest.mark.django_db
def test_a_case_not_in_the_archive_or_not_due_is_not_erased(
    old_case: EnforcementCase, make_case, cast: Cast, tmp_path: Path
):
    empty = archive_write(tmp_path / "empty", [], as_of=timezone.localdate()).folder
    report = erase_archived(archive_read(empty), as_of=timezone.localdate())
    assert [(c.pk, reason) for c, reason in report.kept] == [
        (old_case.pk, "it is not in the archive")
    ]
    archive = archive_read(
        archive_write(tmp_path / "a", [old_case], as_of=timezone.localdate()).folder
    )
    with pytest.raises(RetentionError, match="retention period"):
        case_erase(case_id=old_case.pk, archive=archive, as_of=date(2026, 5, 6), years=1)
    with pytest.raises(RetentionError, match="today"):
        case_erase(case_id=old_case.pk, archive=archive, as_of=date(2099, 1, 1))
    assert EnforcementCase.objects.get(pk=old_case.pk).erased_on is None


@pytest.mark.django_db
def test_an_interrupted_erasure_leaves_the_case_untouched(
    old_case: EnforcementCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    case = old_case
    names = retention_names(case)
    archive = archive_read(archive_write(tmp_path / "a", [case], as_of=timezone.localdate()).folder)
    records = AuditRecord.objects.count()

    def crash(case: EnforcementCase) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(retention, "AFTER_ERASE", [*retention.AFTER_ERASE, crash])
    with pytest.raises(RuntimeError):
        case_erase(case_id=case.pk, archive=archive, as_of=timezone.localdate())
    case.refresh_from_db()
    assert case.erased_on is None
    assert Party.objects.filter(name_lo=DEBTOR, id_document_number=ID_NUMBER).exists()
    assert Asset.objects.get(case=case).title_number == TITLE_NUMBER
    assert SearchEntry.objects.filter(case=case, kind="party").exists()
    assert all(default_storage.exists(name) for name in names)
    assert AuditRecord.objects.count() == records


@pytest.mark.django_db
def test_files_left_by_an_interrupted_run_are_deleted_by_the_next(
    old_case: EnforcementCase, tmp_path: Path
):
    case = old_case
    names = retention_names(case)
    archive = archive_read(archive_write(tmp_path / "a", [case], as_of=timezone.localdate()).folder)
    # Erased and committed, but the process stopped before deleting the files.
    case_erase(case_id=case.pk, archive=archive, as_of=timezone.localdate())
    assert all(default_storage.exists(name) for name in names)
    assert sweep_leftovers(archive) == 3
    assert not any(default_storage.exists(name) for name in names)
    assert sweep_leftovers(archive) == 0


# ---------------------------------------------------------------- the command


@pytest.mark.django_db
def test_the_command_refuses_to_erase_without_an_archive_or_without_yes(
    old_case: EnforcementCase, tmp_path: Path
):
    with pytest.raises(CommandError, match="--archive"):
        _call("--erase", "--yes")
    with pytest.raises(CommandError, match="--yes"):
        _call("--erase", "--archive", str(tmp_path / "a"))
    assert not (tmp_path / "a").exists()
    with pytest.raises(CommandError, match="today"):
        _call("--erase", "--yes", "--archive", str(tmp_path / "a"), "--as-of", "2099-01-01")
    assert EnforcementCase.objects.get(pk=old_case.pk).erased_on is None
    assert not CaseParty.objects.filter(case=old_case, party__name_lo="").exists()


@pytest.mark.django_db
def test_the_command_archives_then_erases_with_that_archive(
    old_case: EnforcementCase, tmp_path: Path, django_capture_on_commit_callbacks: Any
):
    folder = tmp_path / "retention-2026"
    out = _call("--archive", str(folder))
    assert "archive written" in out
    assert "1 cases, 3 files" in out
    assert (folder / "manifest.json").is_file()
    assert EnforcementCase.objects.get(pk=old_case.pk).erased_on is None
    # A later run erases with the archive written before (it is checked first).
    with django_capture_on_commit_callbacks(execute=True):
        out = _call("--archive", str(folder), "--erase", "--yes")
    assert "checked: 1 cases" in out
    assert f"personal data erased in 1 cases ({old_case.office.code}: 1)" in out
    assert EnforcementCase.objects.get(pk=old_case.pk).erased_on == timezone.localdate()
    assert "0 due" in _call()


@pytest.mark.django_db
def test_the_command_erases_in_the_same_run_as_the_archive(
    old_case: EnforcementCase, tmp_path: Path, django_capture_on_commit_callbacks: Any
):
    with django_capture_on_commit_callbacks(execute=True):
        out = _call("--archive", str(tmp_path / "a"), "--erase", "--yes")
    assert "archive written" in out
    assert "personal data erased in 1 cases" in out
    assert Party.objects.filter(case_links__case=old_case, name_lo="").count() == 2
    assert audit_verify().intact
