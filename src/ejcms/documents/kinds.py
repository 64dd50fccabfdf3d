"""The official documents of the procedure, declared in one table: what each is called, the law
it rests on, what it is about (the case, a workflow step taken, a measure, a valuation, a sale,
a payment), when it is offered, and the data its template receives.

The data is built in the document's language (Lao, or English for foreign parties) and has the
same envelope for every kind (see `templates/common.typ`); `body` holds what is particular to
the kind. `samples.py` holds an example of each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ejcms.cases.choices import (
    IdDocumentType,
    PartyRole,
    State,
    SuspensionGround,
    TerminationGround,
    TimelineKind,
)
from ejcms.cases.models import EnforcementCase, Party, TimelineEvent
from ejcms.cases.rules import legal_rule
from ejcms.cases.selectors import timeline_lines
from ejcms.core.formatting import format_date
from ejcms.core.money import format_money
from ejcms.core.words import amount_in_words
from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.measures.choices import MeasureKind, MeasureStatus, SaleMode
from ejcms.measures.models import Asset, Measure, Sale, Valuation
from ejcms.org.models import StaffProfile
from ejcms.org.roles import Role

Body = dict[str, Any]


@dataclass(frozen=True)
class Subject:
    """What one document is about: `key` is stored with the document ("measure:12")."""

    key: str
    label: str
    obj: Any


@dataclass(frozen=True)
class ExtraField:
    """Something the officer gives when issuing (the day the parties are called in…)."""

    name: str
    label: Promise
    type: str = "text"  # "date" or "text"
    required: bool = True


@dataclass(frozen=True)
class DocKind:
    key: str
    title: Promise
    article: str
    # Subjects for which the document may be issued now (only the one with key `only`, if given).
    subjects: Callable[[EnforcementCase, str | None], list[Subject]]
    body: Callable[[EnforcementCase, Any, dict[str, Any]], Body]
    # The workflow step or measure that calls for it (shown where it is offered).
    step: str = ""
    extra: tuple[ExtraField, ...] = ()
    # Several may be issued for the same subject (a new summons for another day).
    repeatable: bool = False
    # Receipts carry the number the ledger gave the payment (Court Fees Law Art. 20).
    ledger_numbered: bool = False
    law: str = "enforcement"


# ---------------------------------------------------------------- formatting, in the doc's language


def money(amount: Decimal | None, currency: str) -> dict[str, str] | None:
    """An amount in figures and in words, in the active language."""
    if amount is None or not currency:
        return None
    language = translation.get_language() or "lo"
    return {
        "figure": format_money(amount, currency),
        "words": amount_in_words(abs(amount), currency, language),
    }


def day(value: date | None) -> str:
    return format_date(value) if value else ""


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def party_data(party: Party) -> dict[str, str]:
    english = (translation.get_language() or "lo").startswith("en")
    place = [
        f"{_('village')} {party.village.name}" if party.village else party.village_name,
        f"{_('district')} {party.district.name}" if party.district else "",
        party.province.name if party.province else "",
    ]
    address = ", ".join(p for p in [party.address_detail, *place] if p)
    ident = ""
    if party.id_document_type and party.id_document_type != IdDocumentType.NONE:
        ident = f"{_label(IdDocumentType, party.id_document_type)} {party.id_document_number}"
    name = party.name_latin if english and party.name_latin else party.name_lo
    latin = party.name_lo if name == party.name_latin else party.name_latin
    return {"name": name, "latin": latin, "id": ident.strip(), "address": address}


def asset_data(asset: Asset | None) -> dict[str, str]:
    if asset is None:
        return {"kind": "", "description": "", "identifier": "", "owner": ""}
    identifier = ", ".join(
        value
        for value in (
            f"{_('land title')} {asset.title_number}" if asset.title_number else "",
            f"{_('plate')} {asset.plate}" if asset.plate else "",
            f"{_('chassis')} {asset.chassis}" if asset.chassis else "",
            " ".join(p for p in (asset.bank, asset.branch) if p),
            f"{_('account')} {asset.account_number}" if asset.account_number else "",
        )
        if value
    )
    return {
        "kind": asset.get_kind_display(),
        "description": asset.description,
        "identifier": identifier,
        "owner": asset.owner.name_lo if asset.owner else "",
    }


def staff_name(user_id: int | None) -> str:
    if user_id is None:
        return ""
    profile = StaffProfile.objects.filter(user_id=user_id).first()
    return profile.display_name if profile else ""


# ---------------------------------------------------------------- subjects


def _pk(only: str, prefix: str) -> int:
    """The primary key in a subject key like "measure:12"; -1 when it names something else."""
    head, _sep, tail = only.partition(":")
    return int(tail) if head == prefix and tail.isdigit() else -1


def _case_only(case: EnforcementCase, only: str | None = None) -> list[Subject]:
    return [Subject("", _("This case"), case)] if only in (None, "") else []


def _after_step(*names: str) -> Callable[[EnforcementCase, str | None], list[Subject]]:
    """Offered once the workflow step was taken: one document per time it was taken."""

    def subjects(case: EnforcementCase, only: str | None = None) -> list[Subject]:
        events = case.events.filter(kind=TimelineKind.TRANSITION, transition__in=names)
        if only is not None:
            events = events.filter(pk=_pk(only, "event"))
        return [
            Subject(f"event:{e.pk}", _("Step of %(date)s") % {"date": day(e.on)}, e)
            for e in events.order_by("on", "pk")
        ]

    return subjects


def _in_states(*states: State) -> Callable[[EnforcementCase, str | None], list[Subject]]:
    def subjects(case: EnforcementCase, only: str | None = None) -> list[Subject]:
        return _case_only(case, only) if case.state in states else []

    return subjects


def _measures(kind: str, *statuses: str) -> Callable[[EnforcementCase, str | None], list[Subject]]:
    def subjects(case: EnforcementCase, only: str | None = None) -> list[Subject]:
        rows = Measure.objects.filter(case=case, kind=kind).select_related("asset", "party")
        if only is not None:
            rows = rows.filter(pk=_pk(only, "measure"))
        if statuses:
            rows = rows.filter(status__in=statuses)
        return [
            Subject(
                f"measure:{m.pk}",
                f"{m.get_kind_display()}: {m.asset.description if m.asset else ''} "
                f"({day(m.ordered_on)})",
                m,
            )
            for m in rows.order_by("pk")
        ]

    return subjects


def _valuations(case: EnforcementCase, only: str | None = None) -> list[Subject]:
    rows = Valuation.objects.filter(asset__case=case, value__isnull=False).select_related("asset")
    if only is not None:
        rows = rows.filter(pk=_pk(only, "valuation"))
    return [
        Subject(f"valuation:{v.pk}", f"{v.asset.description} ({day(v.valued_on)})", v)
        for v in rows.order_by("pk")
    ]


def _sales(
    condition: Callable[[Sale], bool],
) -> Callable[[EnforcementCase, str | None], list[Subject]]:
    def subjects(case: EnforcementCase, only: str | None = None) -> list[Subject]:
        rows = Sale.objects.filter(asset__case=case).select_related("asset").order_by("pk")
        if only is not None:
            rows = rows.filter(pk=_pk(only, "sale"))
        return [
            Subject(f"sale:{s.pk}", f"{s.asset.description} ({day(s.started_on)})", s)
            for s in rows
            if condition(s)
        ]

    return subjects


def _entries(*kinds: str) -> Callable[[EnforcementCase, str | None], list[Subject]]:
    def subjects(case: EnforcementCase, only: str | None = None) -> list[Subject]:
        rows = (
            LedgerEntry.objects.filter(case=case, kind__in=kinds, amount__gt=0)
            .filter(reversed_by__isnull=True)
            .select_related("payer", "payee")
            .order_by("on", "pk")
        )
        if only is not None:
            rows = rows.filter(pk=_pk(only, "entry"))
        return [
            Subject(
                f"entry:{e.pk}",
                f"{day(e.on)} · {format_money(e.amount, e.currency)}"
                + (
                    f" · {_('receipt')} {e.receipt_number}/{e.receipt_year}"
                    if e.receipt_number
                    else ""
                ),
                e,
            )
            for e in rows
        ]

    return subjects


# ---------------------------------------------------------------- bodies


def _event(obj: Any) -> TimelineEvent:
    assert isinstance(obj, TimelineEvent)
    return obj


def _officer(case: EnforcementCase) -> str:
    return staff_name(case.assigned_officer_id)


def _rule_days(key: str, on: date) -> str:
    try:
        return f"{legal_rule(key, on).value.normalize():f}"
    except Exception:  # a rule missing from the table: the template shows the field empty
        return ""


def body_summons(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    return {
        "appear_on": day(extra.get("appear_on")),
        "appear_time": extra.get("appear_time", ""),
    }


def body_voluntary_minutes(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    event = _event(obj)
    names = [p.name_lo for p in _parties(case, PartyRole.CREDITOR, PartyRole.DEBTOR)]
    return {"held_on": day(event.on), "present": names, "outcome": event.note}


def body_enforcement_order(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    event = _event(obj)
    return {
        "noncompliance_on": day(case.noncompliance_on or event.on),
        "officer": _officer(case),
        "comply_days": _rule_days("compliance_period", event.on),
    }


def body_notice(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    event = _event(obj)
    method = (event.payload or {}).get("notice_method") or case.notice_method
    from ejcms.cases.choices import NoticeMethod

    return {
        "comply_days": _rule_days("compliance_period", event.on),
        "method": _label(NoticeMethod, method) if method else "",
        "given_on": day(case.notice_given_on or event.on),
    }


def _holder(measure: Measure) -> str:
    asset = measure.asset
    if measure.third_party:
        return measure.third_party
    if asset is not None and asset.bank:
        return asset.bank
    return ""


def body_freezing(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    measure: Measure = obj
    return {
        "asset": asset_data(measure.asset),
        "ordered_on": day(measure.ordered_on),
        "holder": _holder(measure),
        "amount": money(measure.amount, measure.currency) or _total_due(case),
        "released_on": day(measure.ended_on),
        "reason": measure.note,
    }


def body_seizure(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    measure: Measure = obj
    items = list(measure.items.all())
    currency = items[0].currency if items else ""
    total = sum((i.value * i.quantity for i in items), Decimal(0))
    village = case.office.district.name if case.office.district else ""
    return {
        "done_on": day(measure.done_on or measure.ordered_on),
        "place": measure.asset.description if measure.asset else village,
        "items": [
            {
                "description": i.description,
                "quantity": str(i.quantity),
                "value": format_money(i.value, i.currency),
            }
            for i in items
        ],
        "total": money(total, currency) if items else None,
        "witnesses": [_("Village chief")],
    }


def body_valuation(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    valuation: Valuation = obj
    return {
        "asset": asset_data(valuation.asset),
        "method": valuation.get_method_display(),
        "valued_on": day(valuation.valued_on),
        "members": [{"name": m.name, "role": m.role} for m in valuation.members.all()],
        "value": money(valuation.value, valuation.currency),
        "objection_days": _rule_days("valuation_objection", valuation.valued_on or date.today()),
    }


def _final_value(sale: Sale) -> dict[str, str] | None:
    valuation = sale.asset.valuations.filter(value__isnull=False).order_by("-pk").first()
    if valuation is not None:
        return money(valuation.value, valuation.currency)
    return money(sale.reserve_price, sale.currency)


def body_sale(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    sale: Sale = obj
    bids = sale.bids.select_related("bidder").order_by("-amount")
    winner = next((b for b in bids if b.status in ("winning", "paid")), None)
    return {
        "asset": asset_data(sale.asset),
        "started_on": day(sale.started_on),
        "days": _rule_days("sale_advertisement", sale.started_on),
        "value": _final_value(sale),
        "auction_on": day(sale.auction_on),
        "reserve": money(sale.reserve_price, sale.currency) or _final_value(sale),
        "deposit_rate": _rule_days("auction_deposit_rate", sale.started_on),
        "bids": [
            {
                "bidder": b.bidder.name,
                "amount": format_money(b.amount, sale.currency),
                "status": b.get_status_display(),
            }
            for b in bids
        ],
        "winner": winner.bidder.name if winner else "",
        "price": money(winner.amount, sale.currency) if winner else None,
    }


def body_receipt(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    entry: LedgerEntry = obj
    return {
        "receipt_number": f"{entry.receipt_number}/{entry.receipt_year}"
        if entry.receipt_number
        else "",
        "payer": entry.payer.name_lo if entry.payer else "",
        "amount": money(entry.amount, entry.currency),
        "on": day(entry.on),
        "method": entry.get_method_display() if entry.method else "",
        "purpose": _("Payment under the court decision"),
        "received_by": staff_name(entry.recorded_by_id),
        "original": format_money(entry.original_amount, entry.original_currency)
        if entry.original_amount
        else None,
        "rate": f"{entry.rate.normalize():f}" if entry.rate else "",
    }


def body_payout(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    entry: LedgerEntry = obj
    return {
        "payee": entry.payee.name_lo if entry.payee else "",
        "amount": money(entry.amount, entry.currency),
        "on": day(entry.on),
        "method": entry.get_method_display() if entry.method else "",
        "paid_by": staff_name(entry.recorded_by_id),
    }


def body_suspension(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    event = _event(obj)
    ground = (event.payload or {}).get("ground") or case.suspension_ground
    return {
        "on": day(event.on),
        "ground": _label(SuspensionGround, ground) if ground else event.note,
        "article": "71",
        "note": event.note,
    }


def body_resumption(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    event = _event(obj)
    suspended = (
        case.events.filter(transition="suspend", on__lte=event.on).order_by("-on", "-pk").first()
    )
    return {"on": day(event.on), "suspended_on": day(suspended.on if suspended else None)}


def _largest_total(rows: Iterable[tuple[str, Decimal | None]]) -> dict[str, str] | None:
    """The total of the currency with the most money among (currency, amount) rows."""
    totals: dict[str, Decimal] = {}
    for currency, amount in rows:
        if amount is not None and currency:
            totals[currency] = totals.get(currency, Decimal(0)) + amount
    if not totals:
        return None
    currency = max(totals, key=lambda c: totals[c])
    return money(totals[currency], currency)


def _paid(case: EnforcementCase) -> dict[str, str] | None:
    payments = LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT)
    return _largest_total(payments.values_list("currency", "amount"))


def _total_due(case: EnforcementCase) -> dict[str, str] | None:
    return _largest_total(case.obligations.values_list("currency", "amount"))


def body_closure(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    event = _event(obj)
    terminated = case.events.filter(transition="terminate").order_by("-on", "-pk").first()
    ground = case.termination_ground
    return {
        "on": day(event.on),
        "terminated_on": day(terminated.on if terminated else None),
        "ground": _label(TerminationGround, ground) if ground else "",
        "outcome": case.get_outcome_display() if case.outcome else "",
        "paid": _paid(case),
        "annul_days": _rule_days("closure_challenge", event.on),
    }


def body_cover(case: EnforcementCase, obj: Any, extra: dict[str, Any]) -> Body:
    events = list(case.events.order_by("on", "pk"))
    issued = case.documents.order_by("issued_on", "issued_at")
    return {
        "state": case.get_state_display(),
        "officer": _officer(case),
        "received_on": day(case.received_on),
        "closed_on": day(case.closed_on),
        "events": [
            {"on": day(line.event.on), "text": line.text} for line in timeline_lines(events)
        ],
        "documents": [
            {
                "number": d.register_label,
                "title": str(KINDS[d.kind].title),
                "date": day(d.issued_on),
            }
            for d in issued
            if d.kind in KINDS
        ],
    }


def _parties(case: EnforcementCase, *roles: str) -> list[Party]:
    links = case.case_parties.filter(role__in=roles).select_related(
        "party", "party__village", "party__district", "party__province"
    )
    return [link.party for link in links.order_by("role", "position", "pk")]


# ---------------------------------------------------------------- the table

_MOVABLE_FREEZE = (MeasureStatus.ORDERED, MeasureStatus.DONE, MeasureStatus.RELEASED)

KINDS: dict[str, DocKind] = {
    k.key: k
    for k in [
        DocKind(
            "summons",
            gettext_lazy("Invitation for voluntary compliance"),
            "18",
            _in_states(State.RECEIVED, State.VOLUNTARY),
            body_summons,
            step="call_parties",
            extra=(
                ExtraField("appear_on", gettext_lazy("Day to come to the office"), "date"),
                ExtraField("appear_time", gettext_lazy("Time"), required=False),
            ),
            repeatable=True,
        ),
        DocKind(
            "voluntary_minutes",
            gettext_lazy("Minutes of voluntary compliance"),
            "18",
            _after_step("call_parties"),
            body_voluntary_minutes,
            step="call_parties",
        ),
        DocKind(
            "enforcement_order",
            gettext_lazy("Enforcement order"),
            "20",
            _after_step("issue_order"),
            body_enforcement_order,
            step="issue_order",
        ),
        DocKind(
            "notice_to_debtor",
            gettext_lazy("Notice to the judgment debtor"),
            "22",
            _after_step("notify"),
            body_notice,
            step="notify",
        ),
        DocKind(
            "freezing_order",
            gettext_lazy("Freezing order"),
            "56",
            _measures(MeasureKind.FREEZE, *_MOVABLE_FREEZE),
            body_freezing,
            step="freeze",
        ),
        DocKind(
            "freezing_release",
            gettext_lazy("Order releasing a freeze"),
            "56",
            _measures(MeasureKind.FREEZE, MeasureStatus.RELEASED),
            body_freezing,
            step="freeze_release",
        ),
        DocKind(
            "seizure_minutes",
            gettext_lazy("Seizure minutes with inventory"),
            "55",
            _measures(MeasureKind.SEIZURE, MeasureStatus.ORDERED, MeasureStatus.DONE),
            body_seizure,
            step="seize",
        ),
        DocKind(
            "valuation_record",
            gettext_lazy("Valuation record"),
            "30",
            _valuations,
            body_valuation,
            step="valuation_result",
        ),
        DocKind(
            "valuation_notice",
            gettext_lazy("Notice of the valuation result"),
            "31",
            _valuations,
            body_valuation,
            step="valuation_notify",
        ),
        DocKind(
            "sale_advertisement",
            gettext_lazy("Sale advertisement"),
            "35",
            _sales(lambda s: s.mode != SaleMode.OWNER),
            body_sale,
            step="advertise",
        ),
        DocKind(
            "auction_notice",
            gettext_lazy("Auction notice"),
            "36",
            _sales(lambda s: s.auction_on is not None),
            body_sale,
            step="announce",
        ),
        DocKind(
            "auction_minutes",
            gettext_lazy("Auction minutes"),
            "36",
            _sales(lambda s: s.auction_on is not None and s.bids.exists()),
            body_sale,
            step="auction_result",
        ),
        DocKind(
            "receipt",
            gettext_lazy("Receipt"),
            "20",
            _entries(EntryKind.PAYMENT),
            body_receipt,
            step="payment",
            ledger_numbered=True,
            law="court_fees",
        ),
        DocKind(
            "payout_record",
            gettext_lazy("Payout record"),
            "40",
            _entries(EntryKind.PAYOUT, EntryKind.REFUND),
            body_payout,
            step="payout",
        ),
        DocKind(
            "suspension_order",
            gettext_lazy("Suspension order"),
            "73",
            _after_step("suspend"),
            body_suspension,
            step="suspend",
        ),
        DocKind(
            "resumption_order",
            gettext_lazy("Order resuming enforcement"),
            "44",
            _after_step("resume"),
            body_resumption,
            step="resume",
        ),
        DocKind(
            "closure_order",
            gettext_lazy("Termination and closure order"),
            "49",
            _after_step("close"),
            body_closure,
            step="close",
        ),
        DocKind(
            "case_cover",
            gettext_lazy("Case-file cover sheet"),
            "52",
            _case_only,
            body_cover,
            repeatable=True,
        ),
    ]
}


def find_subject(kind: DocKind, case: EnforcementCase, key: str) -> Subject | None:
    return next((s for s in kind.subjects(case, key) if s.key == key), None)


def head_of(case: EnforcementCase) -> StaffProfile | None:
    return (
        StaffProfile.objects.filter(
            office_id=case.office_id, role=Role.HEAD, is_service_account=False
        )
        .order_by("pk")
        .first()
    )


def envelope(
    case: EnforcementCase,
    kind: DocKind,
    *,
    number: str,
    issued_on: date,
    subject: Subject,
    extra: dict[str, Any],
    replaces: dict[str, str] | None,
    note: str = "",
) -> dict[str, Any]:
    """The whole data of a document, in the active language."""
    office = case.office
    decision = case.decision
    head = head_of(case)
    links = case.case_parties.filter(role__in=(PartyRole.CREDITOR, PartyRole.DEBTOR))
    links = links.select_related("party__village", "party__district", "party__province")
    ordered = list(links.order_by("position", "pk"))
    creditors = [link.party for link in ordered if link.role == PartyRole.CREDITOR]
    debtors = [link.party for link in ordered if link.role == PartyRole.DEBTOR]
    obligations = [
        {
            "label": o.get_kind_display(),
            "text": o.description,
            "money": money(o.amount, o.currency),
        }
        for o in case.obligations.order_by("position", "pk")
    ]
    return {
        "lang": "en" if (translation.get_language() or "lo").startswith("en") else "lo",
        "kind": kind.key,
        "title": str(kind.title),
        "ministry": _("Ministry of Justice"),
        "office_parent": office.parent.name if office.parent_id and office.parent else "",
        "office": office.name,
        "place": office.province.name if office.province_id and office.province else "",
        "number": number,
        "date": day(issued_on),
        "case": {
            "number": case.register_label,
            "received_on": day(case.received_on),
            "officer": _officer(case),
        },
        "decision": {
            "court": decision.court.name,
            "number": decision.number,
            "decided_on": day(decision.decided_on),
            "final_on": day(decision.final_on),
            "kind": decision.get_kind_display(),
            "operative_part": decision.operative_part,
        },
        "creditors": [party_data(p) for p in creditors],
        "debtors": [party_data(p) for p in debtors],
        "obligations": obligations,
        "signatory": {
            "position": _("Head of office"),
            "name": head.display_name if head else "",
        },
        "replaces": replaces,
        "note": note,
        "body": kind.body(case, subject.obj, extra),
    }


def offered_kinds(case: EnforcementCase) -> Iterable[tuple[DocKind, list[Subject]]]:
    """Each kind with the subjects it may be issued for now."""
    for kind in KINDS.values():
        subjects = kind.subjects(case, None)
        if subjects:
            yield kind, subjects
