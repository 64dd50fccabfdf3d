"""Issuing official documents, correcting them, uploading scans and revising templates.

Every write is here, in one transaction with its timeline entry and audit record."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ejcms.cases.choices import CaseSource, TimelineKind
from ejcms.cases.models import EnforcementCase
from ejcms.cases.permissions import require_act
from ejcms.cases.timeline import event_record
from ejcms.cases.workflow import OFFICER_OR_HEAD
from ejcms.core.api_actions import ApiAction, actions_of
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.counters import take_next_number
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.uploads import check_upload
from ejcms.documents.kinds import KINDS, DocKind, envelope, find_subject
from ejcms.documents.models import (
    Attachment,
    AttachmentKind,
    BatchStatus,
    DocumentBatch,
    DocumentTemplate,
    IssuedDocument,
    RegisterCounter,
)
from ejcms.documents.render import TemplateError, render_source, template_source
from ejcms.documents.samples import sample_data
from ejcms.org.roles import Role
from ejcms.org.selectors import is_national_admin

LANGUAGES = ("lo", "en")
# What a new revision changes from the last one (the audit keeps before and after).
REVISED = ("revision", "effective_from", "sha256")
# The first revision of every template takes effect with the rules it follows.
FIRST_EFFECTIVE = date(2024, 1, 1)
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _kind(key: str) -> DocKind:
    if key not in KINDS:
        raise ApplicationError({"kind": _("Unknown kind of document.")})
    return KINDS[key]


# ---------------------------------------------------------------- templates


def current_template(kind: str, on: date) -> DocumentTemplate:
    """The revision in use on `on`; the packaged source becomes revision 1 the first time."""
    template = (
        DocumentTemplate.objects.filter(kind=kind, effective_from__lte=on)
        .order_by("-effective_from", "-revision")
        .first()
    )
    if template is not None:
        return template
    if DocumentTemplate.objects.filter(kind=kind).exists():
        # Only later revisions exist: the earliest one serves.
        return DocumentTemplate.objects.filter(kind=kind).order_by("revision").first()  # type: ignore[return-value]
    source = template_source(kind)
    template, _created = DocumentTemplate.objects.get_or_create(
        kind=kind,
        revision=1,
        defaults={
            "effective_from": FIRST_EFFECTIVE,
            "source": source,
            "sha256": hashlib.sha256(source.encode()).hexdigest(),
            "note": "",
        },
    )
    return template


def templates_load() -> int:
    """Make the packaged sources revision 1 of each kind (repeatable: never changes a revision)."""
    count = 0
    for key in KINDS:
        with transaction.atomic():
            if not DocumentTemplate.objects.filter(kind=key).exists():
                current_template(key, FIRST_EFFECTIVE)
                count += 1
    return count


def template_check(kind: str, source: str) -> None:
    """Render the sample data in both languages; refuse with Typst's own message if it fails."""
    spec = _kind(kind)
    for language in LANGUAGES:
        with translation.override(language):
            try:
                render_source(source, sample_data(kind, language, str(spec.title)))
            except TemplateError as exc:
                raise ApplicationError(
                    {
                        "source": _("Typst could not use this template (%(language)s): %(error)s")
                        % {"language": language, "error": exc.message}
                    }
                ) from exc


def _require_national_admin(actor: User) -> None:
    if not is_national_admin(actor):
        raise AccessDenied(_("Only a national administrator may revise document templates."))


@transaction.atomic
def template_revise(
    *, actor: User, kind: str, source: str, effective_from: date, note: str
) -> DocumentTemplate:
    """A new revision of a kind's template, checked before it is accepted."""
    _require_national_admin(actor)
    _kind(kind)
    errors: dict[str, str] = {}
    if not source.strip():
        errors["source"] = _("The template is empty.")
    if not note.strip():
        errors["note"] = _("Say what changed in this revision.")
    if effective_from < timezone.localdate():
        errors["effective_from"] = _("A revision cannot take effect in the past.")
    if errors:
        raise ApplicationError(errors)
    template_check(kind, source)
    current_template(kind, effective_from)  # revision 1 exists before revision 2
    last = (
        DocumentTemplate.objects.select_for_update().filter(kind=kind).order_by("-revision").first()
    )
    before = snapshot(last, REVISED) if last is not None else None
    revision = DocumentTemplate.objects.create(
        kind=kind,
        revision=(last.revision if last else 0) + 1,
        effective_from=effective_from,
        source=source,
        sha256=hashlib.sha256(source.encode()).hexdigest(),
        note=note.strip(),
        created_by=actor,
    )
    audit_write(
        actor=actor,
        action="document.template_revised",
        obj=revision,
        payload={"kind": kind, "revision": revision.revision, "effective_from": effective_from},
        # The revision that takes over from the last one, and how it differs.
        changes=changes(before, snapshot(revision, REVISED)) if before else None,
    )
    return revision


# ---------------------------------------------------------------- registers


def register_label(number: int, office_code: str, year: int) -> str:
    """7/VT-XS/2026: the number in the office's register for the year."""
    return f"{number}/{office_code}/{year}"


# ---------------------------------------------------------------- issuing


def _clean_extra(kind: DocKind, extra: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for spec in kind.extra:
        value = extra.get(spec.name)
        if spec.required and value in (None, ""):
            errors[spec.name] = _("This field is required.")
        cleaned[spec.name] = value if value is not None else ""
    if errors:
        raise ApplicationError(errors)
    return cleaned


def _existing(case: EnforcementCase, kind: str, subject: str) -> IssuedDocument | None:
    return (
        IssuedDocument.objects.filter(
            case=case, kind=kind, subject=subject, replaced_by__isnull=True
        )
        .order_by("-issued_at")
        .first()
    )


@transaction.atomic
def document_issue(
    *,
    actor: User,
    case: EnforcementCase,
    kind: str,
    subject: str = "",
    language: str = "lo",
    extra: dict[str, Any] | None = None,
    note: str = "",
    replaces: IssuedDocument | None = None,
    reason: str = "",
    on: date | None = None,
    batch: DocumentBatch | None = None,
) -> IssuedDocument:
    """Issue a document of `kind` about `subject`: number it in the office's register, render
    it, keep the PDF with its SHA-256, template revision and data. Issuing a document that
    already exists returns it unchanged; a correction (`replaces`) issues a new one."""
    spec = _kind(kind)
    case = (
        EnforcementCase.objects.select_related(
            "office",
            "office__parent",
            "office__province",
            "office__district",
            "decision",
            "decision__court",
        )
        .select_for_update(of=("self",))
        .get(pk=case.pk)
    )
    require_act(actor, case, OFFICER_OR_HEAD)
    if language not in LANGUAGES:
        raise ApplicationError({"language": _("Choose Lao or English.")})
    found = find_subject(spec, case, subject)
    if found is None:
        raise ApplicationError(_("This document cannot be issued for this case at this point."))
    on = on or timezone.localdate()
    previous = None
    if replaces is not None:
        if replaces.case_id != case.pk or replaces.kind != kind or replaces.subject != subject:
            raise ApplicationError(_("A correction replaces a document of the same kind."))
        if IssuedDocument.objects.filter(replaces=replaces).exists():
            raise ApplicationError(_("This document was already replaced by a correction."))
        if not reason.strip():
            raise ApplicationError({"reason": _("Say what the correction changes.")})
        if spec.ledger_numbered:
            raise ApplicationError(
                _("A receipt is corrected by reversing the payment and recording it again.")
            )
        previous = {
            "number": replaces.register_label,
            "date": "",
            "reason": reason.strip(),
        }
    elif not spec.repeatable:
        existing = _existing(case, kind, subject)
        if existing is not None:
            return existing
    cleaned = _clean_extra(spec, extra or {})

    if spec.ledger_numbered:
        entry = found.obj
        if not entry.receipt_number:
            raise ApplicationError(_("This payment has no receipt number."))
        year, number = entry.receipt_year, entry.receipt_number
        label = f"{number}/{year}"
    else:
        year = on.year
        number = take_next_number(RegisterCounter, office_id=case.office_id, kind=kind, year=year)
        label = register_label(number, case.office.code, year)
    template = current_template(kind, on)
    with translation.override(language):
        if previous is not None and replaces is not None:
            from ejcms.core.formatting import format_date

            previous["date"] = format_date(replaces.issued_on)
        data = envelope(
            case,
            spec,
            number=label,
            issued_on=on,
            subject=found,
            extra=cleaned,
            replaces=previous,
            note=note.strip(),
        )
    try:
        pdf = render_source(template.source, data)
    except TemplateError as exc:
        # The revision was checked when it was accepted: this is a fault in the data or the
        # revision. Nothing is kept and no number is used.
        raise ApplicationError(
            _("The document could not be made: %(error)s") % {"error": exc.message}
        ) from exc
    document = IssuedDocument(
        office_id=case.office_id,
        case=case,
        kind=kind,
        language=language,
        subject=subject,
        year=year,
        number=number,
        register_label=label,
        issued_on=on,
        issued_by=actor,
        template=template,
        data=data,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        pages=max(1, len(_PAGE.findall(pdf))),
        replaces=replaces,
        reason=reason.strip(),
        batch=batch,
    )
    document.file.save(f"{kind}-{year}-{number}.pdf", ContentFile(pdf), save=False)
    document.save(force_insert=True)
    event_record(
        case,
        TimelineKind.DOCUMENT,
        actor=actor,
        on=on,
        payload={
            "document": str(document.pk),
            "kind": kind,
            "number": label,
            "replaces": replaces.register_label if replaces else "",
        },
    )
    audit_write(
        actor=actor,
        action="document.issued",
        obj=document,
        changes=_corrected(replaces, document) if replaces is not None else None,
        payload={
            "case": case.pk,
            "kind": kind,
            "number": label,
            "sha256": document.sha256,
            "template": template.pk,
            "replaces": str(replaces.pk) if replaces else "",
        },
    )
    return document


# What a correction changes in a document: its number, date, template and bytes, and the
# data it was made from, item by item. The identity numbers in the data are masked.
CORRECTED = ("register_label", "issued_on", "language", "template", "sha256")
_SAME_IN_EVERY_CORRECTION = {"data.number", "data.date", "data.replaces"}


def _flat(value: Any, key: str) -> dict[str, Any]:
    """The items of a document's data by path: {"data.debtors.0.name": "…", …}."""
    if key in _SAME_IN_EVERY_CORRECTION:
        return {}
    if isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        flat: dict[str, Any] = {}
        for name, item in items:
            flat |= _flat(item, f"{key}.{name}")
        return flat
    return {key: value}


def _corrected(replaced: IssuedDocument, document: IssuedDocument) -> dict[str, list[Any]]:
    return changes(snapshot(replaced, CORRECTED), snapshot(document, CORRECTED)) | changes(
        _flat(replaced.data, "data"), _flat(document.data, "data"), private=("id", "identifier")
    )


# ---------------------------------------------------------------- scans


@transaction.atomic
def attachment_upload(
    *,
    actor: User,
    case: EnforcementCase,
    kind: str,
    title: str,
    upload: UploadedFile | None,
    document: IssuedDocument | None = None,
) -> Attachment:
    """Keep a scan with the case: PDF, JPEG or PNG by content and by name, 10 MB at most."""
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    require_act(actor, case, OFFICER_OR_HEAD)
    errors: dict[str, str] = {}
    if kind not in AttachmentKind.values:
        errors["kind"] = _("Choose what the file is.")
    if kind == AttachmentKind.SIGNED_COPY and document is None:
        errors["document"] = _("Choose the document this is a signed copy of.")
    if document is not None and document.case_id != case.pk:
        errors["document"] = _("Choose a document of this case.")
    if errors:
        raise ApplicationError(errors)
    return _attachment_store(
        actor=actor, case=case, kind=kind, title=title, upload=upload, document=document
    )


@transaction.atomic
def attachment_receive_from_court(
    *, actor: User, case: EnforcementCase, upload: UploadedFile | None, field: str = "file"
) -> Attachment:
    """Keep the PDF of the decision that a court's system sent with the case it just created
    (cases.services.case_receive_from_court): only that client, only into that case, only a
    PDF; the same checks of content, name and size as every scan."""
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    if (
        ApiAction.INTAKE not in actions_of(actor)
        or case.created_by_id != actor.pk
        or case.source != CaseSource.COURT
    ):
        raise AccessDenied(_("Only the court's client that sent the decision may attach it."))
    if check_upload(upload, field) != "application/pdf":
        raise ApplicationError({field: _("Send the decision as a PDF file.")})
    return _attachment_store(
        actor=actor,
        case=case,
        kind=AttachmentKind.DECISION,
        title=_("Court decision"),
        upload=upload,
        document=None,
        field=field,
    )


def _attachment_store(
    *,
    actor: User,
    case: EnforcementCase,
    kind: str,
    title: str,
    upload: UploadedFile | None,
    document: IssuedDocument | None,
    field: str = "file",
) -> Attachment:
    content_type = check_upload(upload, field)
    assert upload is not None
    content = upload.read()
    attachment = Attachment(
        case=case,
        kind=kind,
        document=document,
        title=title.strip() or (upload.name or "")[:200],
        content_type=content_type,
        original_name=(upload.name or "")[:200],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[content_type]
    attachment.file.save(f"{attachment.pk}.{extension}", ContentFile(content), save=False)
    attachment.save(force_insert=True)
    event_record(
        case,
        TimelineKind.DOCUMENT,
        actor=actor,
        on=timezone.localdate(),
        payload={"attachment": str(attachment.pk), "title": attachment.title, "kind": kind},
    )
    audit_write(
        actor=actor,
        action="document.attachment_uploaded",
        obj=attachment,
        payload={"case": case.pk, "kind": kind, "sha256": attachment.sha256},
    )
    return attachment


# ---------------------------------------------------------------- batches

BATCH_KINDS = ("receipt", "payout_record")


def batch_entries(office_id: int, kind: str, period_from: date, period_to: date) -> Any:
    """The payments (or payouts) of an office in a period that have no document of `kind`."""
    from ejcms.finance.models import LedgerEntry

    spec = _kind(kind)
    entry_kinds = ["payment"] if kind == "receipt" else ["payout", "refund"]
    issued = IssuedDocument.objects.filter(office_id=office_id, kind=spec.key).values("subject")
    rows = LedgerEntry.objects.filter(
        office_id=office_id,
        kind__in=entry_kinds,
        amount__gt=0,
        reversed_by__isnull=True,
        on__gte=period_from,
        on__lte=period_to,
    )
    keys = set(issued.values_list("subject", flat=True))
    return [e for e in rows.order_by("on", "pk") if f"entry:{e.pk}" not in keys]


@transaction.atomic
def batch_start(*, actor: User, kind: str, period_from: date, period_to: date) -> DocumentBatch:
    """Ask for all the receipts (or payout records) of the actor's office in a period; they
    are made in the background and the batch shows the progress."""
    from ejcms.org.selectors import staff_profile

    profile = staff_profile(actor)
    if profile is None or profile.role != Role.HEAD:
        raise AccessDenied(_("Only the head of office issues documents in a batch."))
    errors: dict[str, str] = {}
    if kind not in BATCH_KINDS:
        errors["kind"] = _("Only receipts and payout records are issued in a batch.")
    if period_to < period_from:
        errors["period_to"] = _("The end of the period is before its start.")
    if errors:
        raise ApplicationError(errors)
    total = len(batch_entries(profile.office_id, kind, period_from, period_to))
    if total == 0:
        raise ApplicationError(_("There is nothing to issue in this period."))
    batch = DocumentBatch.objects.create(
        office_id=profile.office_id,
        kind=kind,
        period_from=period_from,
        period_to=period_to,
        total=total,
        created_by=actor,
    )
    audit_write(
        actor=actor,
        action="document.batch_started",
        obj=batch,
        payload={"kind": kind, "from": period_from, "to": period_to, "total": total},
    )
    from ejcms.documents.tasks import batch_run

    transaction.on_commit(lambda: batch_run.enqueue(str(batch.pk)))
    return batch


def batch_execute(batch_id: str) -> DocumentBatch:
    """Issue the documents of a batch one by one (each in its own transaction, so a failure
    keeps what was issued before it), counting progress as it goes."""
    batch = DocumentBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.status == BatchStatus.DONE:
        return batch
    DocumentBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    failures: list[str] = []
    entries = batch_entries(batch.office_id, batch.kind, batch.period_from, batch.period_to)
    for entry in entries:
        try:
            document_issue(
                actor=batch.created_by,
                case=entry.case,
                kind=batch.kind,
                subject=f"entry:{entry.pk}",
                on=entry.on if batch.kind == "receipt" else None,
                batch=batch,
            )
        except (ApplicationError, AccessDenied) as exc:
            failures.append(f"{entry.case.register_label}: {exc}")
        DocumentBatch.objects.filter(pk=batch.pk).update(
            done=IssuedDocument.objects.filter(batch=batch).count() + len(failures)
        )
    DocumentBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.FAILED if failures else BatchStatus.DONE,
        error="\n".join(failures),
        finished_at=timezone.now(),
    )
    batch.refresh_from_db()
    return batch
