"""Retention of case files (Art. 52): the file of a closed case is kept 20 years from the
closure order (EJCMS_RETENTION_YEARS), then destroyed. `ejcms retention` lists the cases whose
time is up, archives them (one JSON record per case with its files, and a manifest of SHA-256
sums, as `ejcms backup` writes one) and erases their personal data, keeping what the statistics
count: office, dates, state and outcome, the ledger's amounts, the days in each stage, the
deadlines met or missed, and how many parties, measures and documents there were.

Erasing needs an archive and erases only a case that is in it exactly as it is now: the case's
record is made again inside the erasing transaction and must have the SHA-256 the manifest
gives (and the manifest's files must all be there, unchanged). Each case is erased in its own
transaction, with its audit record; files are deleted only once that transaction has
committed, so an interrupted run leaves each case untouched or erased, and a file an
interruption left behind is deleted by the next run given the same archive.

Other apps keep parts of a case (the ledger, assets and measures, documents, the search index);
`cases` does not import them (ADR 0004): each registers a `Part` when it loads."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.files.storage import Storage, default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from ejcms.cases.choices import FINAL_STATES, IdDocumentType
from ejcms.cases.models import (
    CaseParty,
    Complaint,
    Deadline,
    Decision,
    EnforcementCase,
    Obligation,
    Party,
    TimelineEvent,
)
from ejcms.core.audit import audit_write
from ejcms.core.backup import MANIFEST, BackupError, check_files, file_entries, sha256

logger = logging.getLogger(__name__)

FORMAT = "ejcms-retention/1"
CASES = "cases"
FILES = "files"


class RetentionError(Exception):
    """An archive that cannot be written or read, or a case that may not be erased; the
    message says why (for the operator: the command's output is in English)."""


# ---------------------------------------------------------------- which files are due


def retention_years() -> int:
    return int(settings.EJCMS_RETENTION_YEARS)


def retention_cutoff(as_of: date, years: int | None = None) -> date:
    """The earliest closing day whose file is still kept on `as_of`: a file is due once more
    than `years` years have passed since its closure, i.e. when it was closed before this day.
    (For an `as_of` of 29 February, the day is 1 March of the year `years` before.)"""
    years = retention_years() if years is None else years
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28) + timedelta(days=1)


def due_cases(as_of: date, years: int | None = None) -> QuerySet[EnforcementCase]:
    """Closed (or refused) cases whose file has been kept its time on `as_of` and whose
    personal data are still held, by office and day closed."""
    return (
        EnforcementCase.objects.filter(
            state__in=FINAL_STATES,
            closed_on__lt=retention_cutoff(as_of, years),
            erased_on__isnull=True,
        )
        .select_related("office")
        .order_by("office__code", "closed_on", "pk")
    )


# ---------------------------------------------------------------- the parts of a case


@dataclass(frozen=True)
class Part:
    """What another app keeps of a case, for its archive, its erasure and a person's export."""

    app: str
    # Its rows of the case, by name: {"ledger": rows(...)}.
    archive: Callable[[EnforcementCase], dict[str, list[dict[str, Any]]]]
    # Its files of the case (uploads, issued PDFs); empty fields are skipped.
    files: Callable[[EnforcementCase], list[FieldFile]]
    # Blank its personal fields in the case and forget its files; how many rows, by name.
    erase: Callable[[EnforcementCase], dict[str, int]]
    # What it holds about one party of the case, by name: {"payments": [...]}.
    person: Callable[[EnforcementCase, Party], dict[str, Any]]


PARTS: list[Part] = []
# Run in the erasing transaction once the case is marked erased (the search index forgets it).
AFTER_ERASE: list[Callable[[EnforcementCase], object]] = []


def register_part(part: Part) -> None:
    """Called by an app when it loads (once per app, whatever the number of calls)."""
    PARTS[:] = [p for p in PARTS if p.app != part.app] + [part]


def rows(queryset: QuerySet[Any]) -> list[dict[str, Any]]:
    """Rows as Django's serializer writes them ({"model", "pk", "fields"}), by primary key."""
    return serializers.serialize("python", queryset.order_by("pk"))


def case_record(case: EnforcementCase) -> dict[str, Any]:
    """Everything ejcms holds of a case, as rows: what the archive keeps of it."""
    links = CaseParty.objects.filter(case=case)
    record: dict[str, Any] = {
        "format": FORMAT,
        "case": rows(EnforcementCase.objects.filter(pk=case.pk)),
        "decision": rows(Decision.objects.filter(pk=case.decision_id)),
        "case_parties": rows(links),
        "parties": rows(Party.objects.filter(pk__in=links.values("party_id"))),
        "obligations": rows(Obligation.objects.filter(case=case)),
        "timeline": rows(TimelineEvent.objects.filter(case=case)),
        "deadlines": rows(Deadline.objects.filter(case=case)),
        "complaints": rows(Complaint.objects.filter(case=case)),
    }
    for part in PARTS:
        record.update(part.archive(case))
    return record


def record_bytes(record: dict[str, Any]) -> bytes:
    """The record as stored: UTF-8 JSON, Lao unescaped, keys sorted (the same record always
    gives the same bytes, hence the same SHA-256)."""
    text = json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, indent=1)
    return text.encode("utf-8")


def case_sha256(case: EnforcementCase) -> str:
    return hashlib.sha256(record_bytes(case_record(case))).hexdigest()


def case_files(case: EnforcementCase) -> list[FieldFile]:
    return [file for part in PARTS for file in part.files(case) if file and file.name]


# ---------------------------------------------------------------- the archive


@dataclass(frozen=True)
class ArchiveResult:
    folder: Path
    cases: int
    files: int
    # Files the database names but the storage lacks (the record still lists them).
    missing: list[str]


def _case_path(case: EnforcementCase) -> str:
    office = case.office.code
    return f"{CASES}/{office}/{case.register_year}-{case.register_number}-{case.pk}.json"


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def is_archive(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def archive_write(
    folder: Path, cases: Iterable[EnforcementCase], *, as_of: date, years: int | None = None
) -> ArchiveResult:
    """Write the archive of `cases` in `folder` (new, or empty): a record per case under
    cases/<office>/, their files under files/, and manifest.json with every file's SHA-256 and,
    per case, its record's. Readable by its owner only: it holds the personal data."""
    years = retention_years() if years is None else years
    folder = folder.resolve()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise RetentionError(f"{folder} is not empty: give a new folder for the archive.")
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    entries: list[dict[str, Any]] = []
    missing: list[str] = []
    for case in cases:
        data = record_bytes(case_record(case))
        record_path = _case_path(case)
        target = folder / record_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        copied = []
        for file in case_files(case):
            name = str(file.name)
            if not _safe_name(name):
                raise RetentionError(f"Case {case.pk}: the file name {name!r} is not safe.")
            path = f"{FILES}/{name}"
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            try:
                with file.storage.open(name, "rb") as source, (folder / path).open("xb") as out:
                    shutil.copyfileobj(source, out)
            except FileNotFoundError:
                missing.append(name)
                continue
            copied.append({"path": path, "media": name, "sha256": sha256(folder / path)})
        entries.append(
            {
                "id": case.pk,
                "office": case.office.code,
                "register": case.register_label,
                "closed_on": case.closed_on.isoformat() if case.closed_on else None,
                "record": record_path,
                "record_sha256": hashlib.sha256(data).hexdigest(),
                "files": copied,
            }
        )
    files = file_entries(folder)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "made_at": timezone.now().isoformat(),
        "as_of": as_of.isoformat(),
        "retention_years": years,
        "closed_before": retention_cutoff(as_of, years).isoformat(),
        "database": connection.vendor,
        "cases": entries,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    copies = sum(len(entry["files"]) for entry in entries)
    with transaction.atomic():
        audit_write(
            actor=None,
            action="retention.archived",
            obj=None,
            payload={
                "cases": len(entries),
                "files": copies,
                "as_of": as_of,
                "retention_years": years,
                "manifest_sha256": sha256(folder / MANIFEST),
            },
        )
    return ArchiveResult(folder, len(entries), copies, missing)


@dataclass(frozen=True)
class ArchivedCase:
    id: int
    office: str
    register: str
    record: str
    record_sha256: str
    # {"path": in the archive, "media": the storage name it had, "sha256"}
    files: list[dict[str, str]]


@dataclass(frozen=True)
class Archive:
    folder: Path
    manifest_sha256: str
    cases: dict[int, ArchivedCase]


def archive_read(folder: Path) -> Archive:
    """The archive in `folder`, after checking that every file its manifest lists is there
    unchanged and that each case's record is one of them."""
    folder = folder.resolve()
    path = folder / MANIFEST
    if not path.is_file():
        raise RetentionError(f"{folder} is not a retention archive: it has no {MANIFEST}.")
    manifest: dict[str, Any] = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise RetentionError(f"{folder} is not a retention archive of ejcms.")
    try:
        check_files(folder, manifest["files"], what="the archive")
    except BackupError as error:
        raise RetentionError(str(error)) from error
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    cases: dict[int, ArchivedCase] = {}
    for entry in manifest["cases"]:
        if listed.get(entry["record"]) != entry["record_sha256"]:
            raise RetentionError(f"The record of case {entry['id']} does not match the manifest.")
        for file in entry["files"]:
            if listed.get(file["path"]) != file["sha256"]:
                raise RetentionError(f"{file['path']} does not match the manifest.")
        cases[int(entry["id"])] = ArchivedCase(
            id=int(entry["id"]),
            office=entry["office"],
            register=entry["register"],
            record=entry["record"],
            record_sha256=entry["record_sha256"],
            files=entry["files"],
        )
    return Archive(folder, sha256(path), cases)


# ---------------------------------------------------------------- erasure

# Timeline details that hold a name or free text, whatever their value looks like.
PERSONAL_KEYS = frozenset(
    {
        "name",
        "winner",
        "next",
        "description",
        "title",
        "summary",
        "note",
        "reason",
        "third_party",
        "payer_name",
        "expert",
        "bank",
        "branch",
        "account_number",
        "plate",
        "chassis",
        "title_number",
        "id_document_number",
        "phone",
        "address_detail",
        "village_name",
        "original_name",
        "operative_part",
    }
)
# What a timeline detail may keep: a code (choice values, ids, "sale:12", "123/2025"), a
# currency, a date or a time stamp, a number.
_KEPT = re.compile(
    r"[a-z0-9_.:/\-]*|[A-Z]{3}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?"
)


def scrub(value: Any, key: str = "") -> Any:
    """A timeline event's details without what may name or identify a person: text under the
    keys that hold names or free text is blanked, and so is any other text that is not a code,
    a date or a number; numbers, dates, codes and the shape (list lengths) are kept, so that
    the timeline's sentences still read."""
    if isinstance(value, dict):
        return {k: scrub(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(item, key) for item in value]
    if isinstance(value, str) and (key in PERSONAL_KEYS or not _KEPT.fullmatch(value)):
        return ""
    return value


def _erase_own(case: EnforcementCase) -> dict[str, int]:
    """Blank the personal fields of the case's own rows (parties, decision, obligations,
    complaints, timeline); keep every date, state, count and key."""
    now = timezone.now()
    party_ids = set(CaseParty.objects.filter(case=case).values_list("party_id", flat=True))
    # A party also named in a case whose file is still kept stays as it is (not the case when
    # parties come through registration, which makes them per case).
    shared = set(
        CaseParty.objects.filter(party_id__in=party_ids, case__erased_on__isnull=True)
        .exclude(case=case)
        .values_list("party_id", flat=True)
    )
    parties = Party.objects.filter(pk__in=party_ids - shared).update(
        name_lo="",
        name_latin="",
        search_text="",
        id_document_type=IdDocumentType.NONE,
        id_document_number="",
        province=None,
        district=None,
        village=None,
        village_name="",
        address_detail="",
        phone="",
        modified_at=now,
    )
    decision = 0
    if (
        not EnforcementCase.objects.filter(decision_id=case.decision_id, erased_on__isnull=True)
        .exclude(pk=case.pk)
        .exists()
    ):
        decision = Decision.objects.filter(pk=case.decision_id).update(
            operative_part="", modified_at=now
        )
    obligations = Obligation.objects.filter(case=case).update(description="", modified_at=now)
    complaints = Complaint.objects.filter(case=case).update(
        summary="", decision_note="", modified_at=now
    )
    events = 0
    for event in TimelineEvent.objects.filter(case=case):
        event.note = ""
        event.payload = scrub(event.payload)
        event.save(update_fields=["note", "payload"])
        events += 1
    return {
        "parties": parties,
        "parties_shared": len(shared),
        "decision": decision,
        "obligations": obligations,
        "complaints": complaints,
        "timeline": events,
    }


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # left for the next run's sweep
            logger.exception("retention: could not delete %s", name)


@dataclass(frozen=True)
class Erased:
    case: EnforcementCase
    rows: dict[str, int]
    files: int


@transaction.atomic
def case_erase(*, case_id: int, archive: Archive, as_of: date, years: int | None = None) -> Erased:
    """Erase the personal data of one archived case whose file has been kept its time; its
    files are deleted once the transaction has committed. Raises RetentionError (and changes
    nothing) if the case is not due, not in the archive, or not as it was archived."""
    years = retention_years() if years is None else years
    today = timezone.localdate()
    if as_of > today:
        raise RetentionError("Personal data are erased as of today or an earlier day only.")
    case = (
        EnforcementCase.objects.select_for_update(of=("self",))
        .select_related("office")
        .get(pk=case_id)
    )
    entry = archive.cases.get(case.pk)
    if entry is None:
        raise RetentionError("it is not in the archive")
    if case.erased_on is not None:
        raise RetentionError(f"its personal data were already erased on {case.erased_on}")
    if (
        case.state not in FINAL_STATES
        or case.closed_on is None
        or case.closed_on >= retention_cutoff(as_of, years)
    ):
        raise RetentionError("its file is still within its retention period")
    if case_sha256(case) != entry.record_sha256:
        raise RetentionError("it has changed since it was archived: archive it again")
    files = [(file.storage, str(file.name)) for file in case_files(case)]
    counts = _erase_own(case)
    for part in PARTS:
        counts.update(part.erase(case))
    EnforcementCase.objects.filter(pk=case.pk).update(erased_on=today, modified_at=timezone.now())
    case.erased_on = today
    for hook in AFTER_ERASE:
        hook(case)
    audit_write(
        actor=None,
        action="case.personal_data_erased",
        obj=case,
        payload={
            "register": case.register_label,
            "office": case.office.code,
            "closed_on": case.closed_on,
            "retention_years": years,
            "as_of": as_of,
            "archive_manifest_sha256": archive.manifest_sha256,
            "record_sha256": entry.record_sha256,
            "files": len(files),
            "rows": counts,
        },
    )
    transaction.on_commit(lambda: _delete_files(files))
    return Erased(case, counts, len(files))


def sweep_leftovers(archive: Archive) -> int:
    """Delete the files of the archive's erased cases that are still stored unchanged (an
    interrupted run's); returns how many."""
    erased = EnforcementCase.objects.filter(
        pk__in=list(archive.cases), erased_on__isnull=False
    ).values_list("pk", flat=True)
    swept = 0
    for case_id in erased:
        for file in archive.cases[case_id].files:
            name = file["media"]
            if not _safe_name(name) or not default_storage.exists(name):
                continue
            digest = hashlib.sha256()
            with default_storage.open(name, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            if digest.hexdigest() == file["sha256"]:
                default_storage.delete(name)
                swept += 1
    return swept


@dataclass
class EraseReport:
    erased: list[Erased] = field(default_factory=list)
    # Due cases left as they are, with the reason.
    kept: list[tuple[EnforcementCase, str]] = field(default_factory=list)
    swept: int = 0


def erase_archived(archive: Archive, *, as_of: date, years: int | None = None) -> EraseReport:
    """Erase every due case that the archive holds as it is now, each in its own transaction."""
    report = EraseReport()
    for case in list(due_cases(as_of, years)):
        if case.pk not in archive.cases:
            report.kept.append((case, "it is not in the archive"))
            continue
        try:
            report.erased.append(
                case_erase(case_id=case.pk, archive=archive, as_of=as_of, years=years)
            )
        except RetentionError as error:
            report.kept.append((case, str(error)))
    report.swept = sweep_leftovers(archive)
    return report
