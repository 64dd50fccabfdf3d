"""A person's access request: everything ejcms holds about one person, in the cases the user
may see, as one JSON file. For the head of an office or a DEJ supervisor; each export is
recorded in the audit log (how many records, never what they hold).

The same person is found by their identity document (same kind, same number, whatever its
spaces and dashes) or, where one of the two records has no identity number, by the same name
(Lao script, folded as search folds it). ejcms records no date of birth, so a match by name
alone is offered unticked: the user confirms it is the same person before it is exported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import F, Func, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils.translation import gettext as _

from ejcms.cases.choices import IdDocumentType
from ejcms.cases.models import CaseParty, EnforcementCase, Party
from ejcms.cases.retention import PARTS
from ejcms.cases.selectors import cases_visible_to
from ejcms.core.audit import audit_write
from ejcms.core.text import search_key
from ejcms.org.roles import Action, may
from ejcms.org.selectors import staff_profile

AnyUser = User | AnonymousUser

FORMAT = "ejcms-access-request/1"
# How a record was found to be the person's: the one the user started from, the same identity
# document, or the same name only.
BY_START = "this_record"
BY_NUMBER = "identity_number"
BY_NAME = "name"

_NOISE = re.compile(r"[\s\-./]+")


def export_refusal(user: AnyUser) -> str | None:
    """Why `user` may not export a person's data; None when they may, in the cases they see
    (the permission matrix: heads of office and DEJ supervisors)."""
    profile = staff_profile(user)
    if profile is None or not may(profile.role, Action.PERSONAL_DATA_EXPORT):
        return _("Only the head of an office or a DEJ supervisor may export a person's data.")
    return None


def id_key(number: str) -> str:
    """An identity number without spaces, dashes, dots and slashes, in capitals."""
    return _NOISE.sub("", number).upper()


def _id_key_sql(field: str) -> Func:
    expression: Any = F(field)
    for noise in (" ", "-", ".", "/"):
        expression = Replace(expression, Value(noise), Value(""))
    return Upper(expression)


@dataclass(frozen=True)
class Match:
    link: CaseParty
    by: str

    @property
    def sure(self) -> bool:
        """The record the user started from, or one with the same identity document."""
        return self.by != BY_NAME


def _links_in_scope(user: AnyUser) -> QuerySet[CaseParty]:
    return CaseParty.objects.filter(
        case__in=cases_visible_to(user).filter(erased_on__isnull=True)
    ).select_related("party", "case", "case__office", "case__decision__court")


def person_matches(user: AnyUser, start: CaseParty) -> list[Match]:
    """The party records, in the cases `user` sees, of the person of `start`: `start` itself,
    those with the same identity document, then those of the same name where one of the two
    has no identity number recorded. Records of cases whose personal data were erased are not
    found."""
    party = start.party
    links = _links_in_scope(user)
    found: dict[int, Match] = {start.pk: Match(start, BY_START)}
    number = id_key(party.id_document_number)
    if number and party.id_document_type != IdDocumentType.NONE:
        same = (
            links.filter(party__id_document_type=party.id_document_type)
            .annotate(number_key=_id_key_sql("party__id_document_number"))
            .filter(number_key=number)
        )
        for link in same.order_by("case__received_on", "pk"):
            found.setdefault(link.pk, Match(link, BY_NUMBER))
    name = search_key(party.name_lo)
    if name:
        named = links.filter(party__kind=party.kind, party__search_text__startswith=name)
        if number:
            # Another identity number is another person; a record without one may be theirs.
            named = named.filter(party__id_document_number="")
        for namesake in named.order_by("case__received_on", "pk"):
            if search_key(namesake.party.name_lo) == name:
                found.setdefault(namesake.pk, Match(namesake, BY_NAME))
    return list(found.values())


def _label(obj: Any, field: str) -> str:
    value = getattr(obj, field)
    return str(getattr(obj, f"get_{field}_display")()) if value else ""


def _party(party: Party) -> dict[str, Any]:
    return {
        "kind": party.kind,
        "kind_label": _label(party, "kind"),
        "name_lo": party.name_lo,
        "name_latin": party.name_latin,
        "id_document_type": party.id_document_type,
        "id_document_type_label": _label(party, "id_document_type"),
        "id_document_number": party.id_document_number,
        "province": party.province.name if party.province else "",
        "district": party.district.name if party.district else "",
        "village": party.village.name if party.village else party.village_name,
        "address": party.address_detail,
        "phone": party.phone,
    }


def _record(link: CaseParty) -> dict[str, Any]:
    case: EnforcementCase = link.case
    party = link.party
    decision = case.decision
    record: dict[str, Any] = {
        "role": link.role,
        "role_label": _label(link, "role"),
        "party": _party(party),
        "case": {
            "register_number": case.register_label,
            "office": {"code": case.office.code, "name": case.office.name},
            "state": case.state,
            "state_label": _label(case, "state"),
            "received_on": case.received_on,
            "closed_on": case.closed_on,
            "outcome": case.outcome,
            "outcome_label": _label(case, "outcome"),
            "decision": {
                "court": decision.court.name,
                "number": decision.number,
                "decided_on": decision.decided_on,
                "final_on": decision.final_on,
                "kind_label": _label(decision, "kind"),
                "operative_part": decision.operative_part,
            },
        },
        "obligations": [
            {
                "kind": obligation.kind,
                "kind_label": _label(obligation, "kind"),
                "amount": obligation.amount,
                "currency": obligation.currency,
                "description": obligation.description,
                "status_label": _label(obligation, "status"),
                "in_their_favour": obligation.creditor_id == party.pk,
            }
            for obligation in case.obligations.all()
        ],
    }
    for part in PARTS:
        record.update(part.person(case, party))
    return record


def person_export(matches: list[Match], *, today: date) -> dict[str, Any]:
    """The export of the person of the first match, with one record per match."""
    person = matches[0].link.party
    return {
        "format": FORMAT,
        "exported_on": today,
        "source": "ejcms",
        "person": {
            "kind": person.kind,
            "name_lo": person.name_lo,
            "name_latin": person.name_latin,
            "id_document_type": person.id_document_type,
            "id_document_number": person.id_document_number,
        },
        "records": [{"matched_by": match.by, **_record(match.link)} for match in matches],
    }


@transaction.atomic
def export_record(*, actor: User, start: CaseParty, matches: list[Match]) -> None:
    """The audit record of an export: who, from which case and party, how many records and
    cases, and how the person was matched; nothing of what the records hold."""
    audit_write(
        actor=actor,
        action="party.data_exported",
        obj=start.party,
        payload={
            "case": start.case_id,
            "party": start.party_id,
            "records": len(matches),
            "cases": len({match.link.case_id for match in matches}),
            "by_name": sum(1 for match in matches if not match.sure),
        },
    )
