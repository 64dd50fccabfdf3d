"""Importing historic cases: who may, the check of an uploaded file, and the import itself (all
or nothing, repeatable). The cases are written in bulk, as an import is thousands of them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ejcms.cases.choices import (
    MONEY_OBLIGATIONS,
    STATE_OBLIGATIONS,
    CaseSource,
    IdDocumentType,
    ObligationKind,
    ObligationStatus,
    Outcome,
    PartyKind,
    PartyRole,
    State,
)
from ejcms.cases.models import (
    CaseParty,
    Decision,
    EnforcementCase,
    Obligation,
    Party,
    RegisterCounter,
)
from ejcms.cases.timeline import event_registered
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.faults import crash_point
from ejcms.core.text import number_key, search_key
from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.org.models import Office
from ejcms.org.roles import MATRIX, Action
from ejcms.org.selectors import office_scope, staff_profile
from ejcms.reports.legacy import parse
from ejcms.reports.legacy_rows import against_existing, check_rows, existing_cases
from ejcms.reports.models import LegacyImport
from ejcms.search.index import index_cases

# What an import changes on the checked batch (the audit keeps before and after; not the rows
# themselves, which are dropped once they are cases).
IMPORT_FIELDS = ("status", "imported_rows", "skipped_rows", "valid_rows", "imported_at")

# Who brings an office's earlier register in: the head of office or the registry clerk.
IMPORTERS = MATRIX[Action.LEGACY_IMPORT]

AnyUser = User | AnonymousUser


def _audited(batch: LegacyImport) -> dict[str, Any]:
    """What every audit record of an import names: the office, the file and its rows."""
    return {
        "office": batch.office.code,
        "file": batch.file_name,
        "sha256": batch.sha256,
        "rows": batch.rows,
    }


# ---------------------------------------------------------------- reads


def imports_visible_to(user: AnyUser) -> QuerySet[LegacyImport]:
    """The imports of the offices the user sees (the same rule as their cases)."""
    return LegacyImport.objects.filter(office_scope(user).q("office")).select_related(
        "office", "uploaded_by__staff_profile"
    )


def import_for_user(user: AnyUser, import_id: int) -> LegacyImport:
    found = imports_visible_to(user).filter(pk=import_id).first()
    if found is None:
        raise AccessDenied(_("No such import."), visible=False)
    return found


def import_refusal(user: AnyUser, office: Office) -> str | None:
    """Why `user` may not import into `office`, or None."""
    profile = staff_profile(user)
    if profile is None or profile.role not in IMPORTERS:
        return _("Only the head of office or the registry clerk imports an earlier register.")
    if profile.office_id != office.pk:
        return _("You may import cases only into your own office.")
    return None


def _require_importer(actor: User, office: Office) -> None:
    refusal = import_refusal(actor, office)
    if refusal is not None:
        raise AccessDenied(refusal)


# ---------------------------------------------------------------- writes


@transaction.atomic
def legacy_check(*, actor: User, office: Office, file_name: str, data: bytes) -> LegacyImport:
    """Read and check a file; keep the report and the valid rows. Nothing is imported yet."""
    _require_importer(actor, office)
    parsed = parse(file_name, data)
    result = check_rows(parsed, office=office, today=timezone.localdate())
    batch = LegacyImport.objects.create(
        office=office,
        file_name=(file_name or "")[-200:],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=result.rows,
        valid_rows=len(result.valid),
        skipped_rows=result.skipped,
        report=result.report,
        data=result.valid,
        uploaded_by=actor,
    )
    audit_write(
        actor=actor,
        action="reports.legacy_check",
        obj=batch,
        payload={
            **_audited(batch),
            "valid_rows": batch.valid_rows,
            "rows_with_errors": len(result.report),
            "already_imported": batch.skipped_rows,
        },
    )
    return batch


def _party_kind(name_lo: str, name_latin: str) -> str:
    """The register does not say; an organisation's name says what it is."""
    lao = ("ບໍລິສັດ", "ທະນາຄານ", "ຮ້ານ", "ສະຫະກອນ", "ລັດວິສາຫະກິດ", "ກະຊວງ", "ກົມ", "ອົງການ")
    latin = re.compile(r"\b(company|ltd|bank|enterprise|cooperative|shop)\b", re.IGNORECASE)
    if name_lo.startswith(lao) or latin.search(name_latin):
        return PartyKind.ORGANISATION
    return PartyKind.PERSON


def _party(name_lo: str, name_latin: str, actor: User) -> Party:
    latin = " ".join((name_latin or "").split())
    return Party(
        kind=_party_kind(name_lo, latin),
        name_lo=name_lo,
        name_latin=latin,
        search_text=search_key(f"{name_lo} {latin}")[:410],
        id_document_type=IdDocumentType.NONE,
        created_by=actor,
        modified_by=actor,
    )


def _lock_counters(office: Office, years: Iterable[int]) -> dict[int, RegisterCounter]:
    """The office's register counters of these years, locked in year order: a case registered
    meanwhile waits, so it cannot take a number this import is about to use."""
    counters = {}
    for year in sorted(set(years)):
        try:
            with transaction.atomic():
                RegisterCounter.objects.get_or_create(office=office, year=year)
        except IntegrityError:  # created at the same moment by another transaction
            pass
        counters[year] = RegisterCounter.objects.select_for_update().get(office=office, year=year)
    return counters


# Obligations of a case closed with this outcome; the others stay outstanding, as the register
# does not say which were met.
OBLIGATION_STATUS: dict[str, str] = {
    Outcome.FULLY_ENFORCED: ObligationStatus.FULFILLED,
    Outcome.ANNULLED: ObligationStatus.CANCELLED,
}


def _write(rows: list[dict[str, Any]], *, office: Office, actor: User) -> list[int]:
    """The cases of the rows, in bulk (an import is thousands of cases); returns their ids."""
    decisions = []
    for row in rows:
        decisions.append(
            Decision(
                court_id=row["court"],
                number=row["decision_number"],
                number_key=number_key(row["decision_number"]),
                decided_on=date.fromisoformat(row["decided_on"]),
                final_on=date.fromisoformat(row["final_on"]),
                kind=row["decision_kind"],
                operative_part="",
                created_by=actor,
                modified_by=actor,
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=1000)
    crash_point("legacy_import.decisions_written")
    cases = []
    for row, decision in zip(rows, decisions, strict=True):
        received = date.fromisoformat(row["received_on"])
        closed_on = date.fromisoformat(row["closed_on"]) if row["closed"] else None
        outcome = row["outcome"] if row["closed"] else ""
        # A closed case is CLOSED (or REFUSED, when the request was refused). An open one is
        # RECEIVED: the register does not say which acts were done, and every later state would
        # claim an order, a notice or a time limit that the system has no date for. From RECEIVED
        # the officer takes the file up through the workflow, each step with its real date.
        if closed_on is None:
            state, since = State.RECEIVED, received
        elif outcome == Outcome.REFUSED:
            state, since = State.REFUSED, closed_on
        else:
            state, since = State.CLOSED, closed_on
        cases.append(
            EnforcementCase(
                office=office,
                register_year=row["register_year"],
                register_number=row["register_number"],
                decision=decision,
                source=CaseSource.LEGACY,
                received_on=received,
                state=state,
                state_since=since,
                closed_on=closed_on,
                outcome=outcome,
                created_by=actor,
                modified_by=actor,
            )
        )
    EnforcementCase.objects.bulk_create(cases, batch_size=1000)

    parties: list[Party] = []
    links: list[tuple[EnforcementCase, str, int]] = []
    creditors: dict[int, Party] = {}
    for row, case in zip(rows, cases, strict=True):
        if row["creditor_name_lo"]:
            creditor = _party(row["creditor_name_lo"], row["creditor_name_latin"] or "", actor)
            parties.append(creditor)
            links.append((case, PartyRole.CREDITOR, 0))
            creditors[id(case)] = creditor
        parties.append(_party(row["debtor_name_lo"], row["debtor_name_latin"] or "", actor))
        links.append((case, PartyRole.DEBTOR, 1))
    Party.objects.bulk_create(parties, batch_size=2000)
    CaseParty.objects.bulk_create(
        [
            CaseParty(case=case, party=party, role=role, position=position)
            for (case, role, position), party in zip(links, parties, strict=True)
        ],
        batch_size=2000,
    )

    obligations = []
    for row, case in zip(rows, cases, strict=True):
        kind = row["obligation_kind"]
        money = kind in MONEY_OBLIGATIONS
        obligations.append(
            Obligation(
                case=case,
                kind=kind,
                amount=Decimal(row["amount"]) if money else None,
                currency=row["currency"] if money else "",
                creditor=None if kind in STATE_OBLIGATIONS else creditors.get(id(case)),
                status=OBLIGATION_STATUS.get(case.outcome, ObligationStatus.OPEN),
                created_by=actor,
                modified_by=actor,
            )
        )
    Obligation.objects.bulk_create(obligations, batch_size=2000)

    # What was due and what was recovered, as the ledger of a registered case has them: the
    # charge on the day the case was received (as ledger_open writes it), the money recovered
    # on the day the case was closed, or for an open case on the day received (the register
    # gives no date; the office's cash book of today must not show historic money).
    entries = []
    for row, case, obligation in zip(rows, cases, obligations, strict=True):
        if obligation.amount is None:
            continue
        charge = (
            EntryKind.COURT_FEE
            if obligation.kind == ObligationKind.COURT_FEES
            else EntryKind.PRINCIPAL
        )
        common = {"case": case, "office": office, "obligation": obligation, "recorded_by": actor}
        entries.append(
            LedgerEntry(
                kind=charge,
                amount=obligation.amount,
                currency=obligation.currency,
                on=case.received_on,
                **common,
            )
        )
        if row["amount_recovered"]:
            entries.append(
                LedgerEntry(
                    kind=EntryKind.PAYMENT,
                    amount=Decimal(row["amount_recovered"]),
                    currency=obligation.currency,
                    on=case.closed_on or case.received_on,
                    **common,
                )
            )
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)

    for case in cases:
        event_registered(case, actor=actor)
    return [case.pk for case in cases]


@transaction.atomic
def legacy_import(*, actor: User, batch: LegacyImport, accept_valid_rows: bool) -> LegacyImport:
    """Import the checked rows of a file, all or nothing. Refused while any row has a problem,
    unless `accept_valid_rows`. Rows imported meanwhile (by another file) are skipped."""
    batch = LegacyImport.objects.select_for_update().select_related("office").get(pk=batch.pk)
    office = batch.office
    _require_importer(actor, office)
    if batch.status != LegacyImport.Status.CHECKED:
        raise ApplicationError(_("This file has already been imported."))
    errors = len(batch.report)
    if errors and not accept_valid_rows:
        raise ApplicationError(
            ngettext(
                "%(count)s row has problems: correct the file and upload it again, "
                "or import only the valid rows.",
                "%(count)s rows have problems: correct the file and upload it again, "
                "or import only the valid rows.",
                errors,
            )
            % {"count": errors}
        )
    if not batch.data and not batch.skipped_rows:
        raise ApplicationError(_("No row of this file can be imported."))

    rows: list[dict[str, Any]] = list(batch.data)
    counters = _lock_counters(office, (row["register_year"] for row in rows))
    existing = existing_cases(office, (row["register_year"] for row in rows))
    to_write, skipped, taken = [], 0, []
    for row in rows:
        verdict = against_existing(row, existing)
        if verdict == "skip":
            skipped += 1
        elif verdict is not None:
            taken.append(str(row["row"]))
        else:
            to_write.append(row)
    if taken:
        raise ApplicationError(
            _(
                "Since the file was checked, cases were registered under the numbers of rows "
                "%(rows)s. Upload the file again to check it."
            )
            % {"rows": ", ".join(taken)}
        )
    try:
        with transaction.atomic():
            ids = _write(to_write, office=office, actor=actor) if to_write else []
    except IntegrityError as exc:
        raise ApplicationError(
            _("Another case took one of these register numbers meanwhile. Upload the file again.")
        ) from exc

    highest: dict[int, int] = {}
    for row in to_write:
        year = row["register_year"]
        highest[year] = max(highest.get(year, 0), row["register_number"])
    for year, number in highest.items():
        counter = counters[year]
        if counter.last_number < number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])
    # bulk_create sends no signal: the search index is built here (see search/signals.py).
    if ids:
        index_cases(ids, replace=False)

    before = snapshot(batch, IMPORT_FIELDS)
    batch.status = LegacyImport.Status.IMPORTED
    batch.imported_rows = len(ids)
    batch.skipped_rows += skipped
    # Rows found imported meanwhile count as already imported, no longer as valid.
    batch.valid_rows = len(ids)
    batch.imported_at = timezone.now()
    batch.data = []  # the rows now live in the cases; the copy is not kept
    batch.save(
        update_fields=[
            "status",
            "imported_rows",
            "skipped_rows",
            "valid_rows",
            "imported_at",
            "data",
        ]
    )
    audit_write(
        actor=actor,
        action="reports.legacy_import",
        obj=batch,
        payload={
            **_audited(batch),
            "imported": batch.imported_rows,
            "already_imported": batch.skipped_rows,
            "rows_with_errors": errors,
            "accept_valid_rows": accept_valid_rows,
            "first_case": min(ids) if ids else None,
            "last_case": max(ids) if ids else None,
        },
        changes=changes(before, snapshot(batch, IMPORT_FIELDS)),
    )
    return batch
