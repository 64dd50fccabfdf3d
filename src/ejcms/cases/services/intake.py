"""Registering a court decision for enforcement (Art. 11, 44–46)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import (
    MONEY_OBLIGATIONS,
    STATE_OBLIGATIONS,
    CaseSource,
    IdDocumentType,
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
from ejcms.cases.selectors import duplicate_cases
from ejcms.cases.services.assignment import case_assign_automatically
from ejcms.cases.services.deadlines import case_calendar, deadline_start
from ejcms.cases.timeline import event_registered
from ejcms.core.api_actions import ApiAction, actions_of
from ejcms.core.audit import audit_write
from ejcms.core.counters import take_next_number
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.money import currency_decimals, is_currency_code
from ejcms.core.text import normalize_lao, number_key, search_key
from ejcms.org.models import Court, District, Office, Province, Village
from ejcms.org.roles import CASE_REGISTRARS
from ejcms.org.selectors import office_scope, staff_profile

# The time limits that start when a case is registered, by how it came.
INTAKE_DEADLINES = {
    CaseSource.COURT: ("call_parties",),
    CaseSource.REQUEST: ("request_check", "call_parties"),
}


@dataclass(frozen=True)
class DecisionData:
    court: Court
    number: str
    decided_on: date
    final_on: date
    kind: str
    operative_part: str


@dataclass(frozen=True)
class PartyData:
    role: str
    kind: str
    name_lo: str
    name_latin: str = ""
    id_document_type: str = IdDocumentType.NONE
    id_document_number: str = ""
    province: Province | None = None
    district: District | None = None
    village: Village | None = None
    village_name: str = ""
    address_detail: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ObligationData:
    kind: str
    amount: Decimal | None = None
    currency: str = ""
    description: str = ""


class DuplicateDecision(ApplicationError):
    """The same court and decision number is already registered; the user must confirm."""

    def __init__(self, cases: list[EnforcementCase]) -> None:
        super().__init__(
            _(
                "A case for this court decision is already registered. "
                "Check it before registering another."
            ),
            code="duplicate",
        )
        self.cases = cases


def validate_decision(data: DecisionData, *, received_on: date, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.number.strip():
        errors["number"] = _("Give the decision number.")
    if not data.operative_part.strip():
        errors["operative_part"] = _("Copy the operative part of the decision.")
    if data.final_on < data.decided_on:
        errors["final_on"] = _("A decision cannot become final before the date it was made.")
    if received_on < data.final_on:
        errors["received_on"] = _(
            "The date received cannot be before the date the decision became final."
        )
    if received_on > today:
        errors["received_on"] = _("The date received cannot be in the future.")
    return errors


def validate_party(data: PartyData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name_lo.strip():
        errors["name_lo"] = _("Give the name in Lao script.")
    if data.id_document_type != IdDocumentType.NONE and not data.id_document_number.strip():
        errors["id_document_number"] = _("Give the number of the identity document.")
    if (
        data.district is not None
        and data.province is not None
        and data.district.province_id != data.province.pk
    ):
        errors["district"] = _("This district is not in the province chosen.")
    if data.village is not None and (
        data.district is None or data.village.district_id != data.district.pk
    ):
        errors["village"] = _("This village is not in the district chosen.")
    return errors


def validate_obligation(data: ObligationData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.kind in MONEY_OBLIGATIONS:
        if data.amount is None:
            errors["amount"] = _("Give the amount to pay.")
        elif data.amount <= 0:
            errors["amount"] = _("The amount must be more than zero.")
        if not is_currency_code(data.currency):
            errors["currency"] = _("Choose the currency, or give its three-letter code (e.g. CNY).")
        elif data.amount is not None and data.amount != round(
            data.amount, currency_decimals(data.currency)
        ):
            errors["amount"] = _("Amounts in %(currency)s have no decimals.") % {
                "currency": data.currency
            }
    elif not data.description.strip():
        errors["description"] = _("Describe what must be handed over, vacated or done.")
    return errors


def validate_composition(parties: list[PartyData], obligations: list[ObligationData]) -> list[str]:
    """Who must be named for the case to be enforceable at all."""
    problems: list[str] = []
    roles = {party.role for party in parties}
    kinds = {obligation.kind for obligation in obligations}
    if PartyRole.DEBTOR not in roles:
        problems.append(_("Name at least one person subject to enforcement."))
    if not obligations:
        problems.append(_("Give at least one obligation of the decision."))
    elif PartyRole.CREDITOR not in roles and not kinds <= STATE_OBLIGATIONS:
        problems.append(
            _(
                "Name the judgment creditor (only fines, confiscation and court fees "
                "go to the state alone)."
            )
        )
    return problems


def _next_register_number(office: Office, year: int) -> int:
    return take_next_number(RegisterCounter, office=office, year=year)


def party_values(data: PartyData) -> dict[str, Any]:
    """The stored form of a party's details: Lao normalised, the search key derived."""
    name_lo = normalize_lao(data.name_lo)
    name_latin = " ".join(data.name_latin.split())
    return {
        "kind": data.kind,
        "name_lo": name_lo,
        "name_latin": name_latin,
        "search_text": search_key(f"{name_lo} {name_latin}"),
        "id_document_type": data.id_document_type,
        "id_document_number": data.id_document_number.strip(),
        "province": data.province,
        "district": data.district,
        "village": data.village,
        "village_name": normalize_lao(data.village_name)
        or (data.village.name_lo if data.village else ""),
        "address_detail": normalize_lao(data.address_detail),
        "phone": data.phone.strip(),
    }


def _party(data: PartyData, actor: User) -> Party:
    return Party.objects.create(**party_values(data), created_by=actor, modified_by=actor)


# What other modules do, in the same transaction, when a case is registered (the finance app
# charges the money obligations to the case's ledger).
AFTER_REGISTER: list[Callable[[EnforcementCase, User], object]] = []


@transaction.atomic
def case_register(
    *,
    actor: User,
    decision: DecisionData,
    parties: list[PartyData],
    obligations: list[ObligationData],
    source: CaseSource | str,
    received_on: date,
    allow_duplicate: bool = False,
    office: Office | None = None,
) -> EnforcementCase:
    """Register a final court decision as a new case of the actor's office.

    Validates everything before writing anything; a refused registration leaves no trace.
    """
    profile = staff_profile(actor)
    if profile is None or profile.role not in CASE_REGISTRARS:
        raise AccessDenied(_("Your role may not register cases."))
    office = office or profile.office
    if office.pk != profile.office_id:
        raise AccessDenied(_("You may register cases only in your own office."))
    _validate(decision, parties, obligations, received_on=received_on)
    duplicates = list(duplicate_cases(decision.court.pk, decision.number))
    if duplicates and not allow_duplicate:
        raise DuplicateDecision(duplicates)
    return _write(
        actor=actor,
        office=office,
        decision=decision,
        parties=parties,
        obligations=obligations,
        source=source,
        received_on=received_on,
        audit_action="case.register",
        audit_extra={"duplicate_of": [other.pk for other in duplicates]},
    )


def _validate(
    decision: DecisionData,
    parties: list[PartyData],
    obligations: list[ObligationData],
    *,
    received_on: date,
) -> None:
    """Everything checked before anything is written; a refused registration leaves no trace."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    for name, message in validate_decision(decision, received_on=received_on, today=today).items():
        errors.setdefault(name, []).append(message)
    for index, given in enumerate(parties, start=1):
        for name, message in validate_party(given).items():
            errors.setdefault(f"parties-{index - 1}-{name}", []).append(message)
    for index, obligation in enumerate(obligations, start=1):
        for name, message in validate_obligation(obligation).items():
            errors.setdefault(f"obligations-{index - 1}-{name}", []).append(message)
    composition = validate_composition(parties, obligations)
    if composition:
        errors.setdefault("__all__", []).extend(composition)
    if errors:
        raise ApplicationError(errors)


def _write(
    *,
    actor: User,
    office: Office,
    decision: DecisionData,
    parties: list[PartyData],
    obligations: list[ObligationData],
    source: CaseSource | str,
    received_on: date,
    audit_action: str,
    audit_extra: dict[str, Any],
) -> EnforcementCase:
    decision_row = Decision.objects.create(
        court=decision.court,
        number=normalize_lao(decision.number),
        number_key=number_key(decision.number),
        decided_on=decision.decided_on,
        final_on=decision.final_on,
        kind=decision.kind,
        operative_part=normalize_lao(decision.operative_part, multiline=True),
        created_by=actor,
        modified_by=actor,
    )
    case = EnforcementCase.objects.create(
        office=office,
        register_year=received_on.year,
        register_number=_next_register_number(office, received_on.year),
        decision=decision_row,
        source=source,
        received_on=received_on,
        state=State.RECEIVED,
        state_since=received_on,
        created_by=actor,
        modified_by=actor,
    )
    creditors: list[Party] = []
    for position, party_data in enumerate(parties):
        party = _party(party_data, actor)
        CaseParty.objects.create(case=case, party=party, role=party_data.role, position=position)
        if party_data.role == PartyRole.CREDITOR:
            creditors.append(party)
    for position, data in enumerate(obligations):
        to_state = data.kind in STATE_OBLIGATIONS
        Obligation.objects.create(
            case=case,
            kind=data.kind,
            amount=data.amount if data.kind in MONEY_OBLIGATIONS else None,
            currency=data.currency if data.kind in MONEY_OBLIGATIONS else "",
            description=data.description.strip(),
            # With one creditor the decision is in their favour; with several, the officer says.
            creditor=creditors[0] if len(creditors) == 1 and not to_state else None,
            position=position,
            created_by=actor,
            modified_by=actor,
        )

    event_registered(case, actor=actor)
    calendar = case_calendar(case)
    for key in INTAKE_DEADLINES[CaseSource(source)]:
        deadline_start(case, key, start=received_on, calendar=calendar)
    officer = case_assign_automatically(case=case, actor=actor, on=received_on)
    for hook in AFTER_REGISTER:
        hook(case, actor)
    audit_write(
        actor=actor,
        action=audit_action,
        obj=case,
        payload={
            "register": case.register_label,
            "office": office.code,
            "court": decision.court.pk,
            "decision_number": decision_row.number,
            "parties": len(parties),
            "obligations": len(obligations),
            "assigned_officer": officer.pk if officer else None,
            **audit_extra,
        },
    )
    return case


@dataclass(frozen=True)
class Received:
    """What a court's submission came to: the case, and whether this call created it."""

    case: EnforcementCase
    created: bool


@transaction.atomic
def case_receive_from_court(
    *,
    actor: User,
    office: Office,
    decision: DecisionData,
    parties: list[PartyData],
    obligations: list[ObligationData],
    received_on: date,
    court_reference: str = "",
) -> Received:
    """A final decision sent by a court's system (court intake, API): registered as a case of
    `office`, the office its route gives (org.selectors.receiving_office), not the actor's own.

    This is the one path by which a case is registered into an office other than the actor's,
    and only for an actor that is a machine client given the intake action (ApiAction.INTAKE),
    with a registering role, into an office within its scope. Every check of `case_register`
    applies. Idempotent on (court, decision number): a resend by the same client returns the
    case it created, and creates nothing; a decision already registered otherwise (a paper copy
    entered by a clerk, another client) is refused as a duplicate, without showing that case.
    """
    profile = staff_profile(actor)
    if profile is None or profile.role not in CASE_REGISTRARS:
        raise AccessDenied(_("Your role may not register cases."))
    if ApiAction.INTAKE not in actions_of(actor):
        raise AccessDenied(_("Only a court's intake client may submit decisions."))
    if (
        office.level == Office.Level.CENTRAL
        or not office.is_active
        or not office_scope(actor).contains(office)
    ):
        raise AccessDenied(_("This client may not register cases in this office."))
    _validate(decision, parties, obligations, received_on=received_on)
    # Resends may arrive at the same time: the court's row is locked until this transaction
    # ends, so the second waits here and then finds the first one's case (SQLite takes its
    # write lock at the start of the transaction, which serialises the same way).
    Court.objects.select_for_update().filter(pk=decision.court.pk).first()
    existing = duplicate_cases(decision.court.pk, decision.number).order_by("pk").first()
    if existing is not None:
        if existing.created_by_id != actor.pk or existing.source != CaseSource.COURT:
            raise DuplicateDecision([])
        return Received(case=existing, created=False)
    case = _write(
        actor=actor,
        office=office,
        decision=decision,
        parties=parties,
        obligations=obligations,
        source=CaseSource.COURT,
        received_on=received_on,
        audit_action="case.receive_from_court",
        audit_extra={"court_reference": court_reference.strip()[:100]},
    )
    return Received(case=case, created=True)
