"""The enforcement measures (Art. 53–62, 33): each checks its legal limits, starts its
statutory time limit and leaves a timeline entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import DeadlineBearer, PartyRole, TimelineKind
from ejcms.cases.models import Deadline, EnforcementCase, Party
from ejcms.cases.rules import legal_rule
from ejcms.cases.services.deadlines import deadlines_meet
from ejcms.core.audit import changes, snapshot
from ejcms.core.errors import ApplicationError
from ejcms.core.formatting import format_date
from ejcms.core.money import currency_decimals, format_money, plain_number
from ejcms.measures.choices import (
    EXEMPT_THRESHOLD_RULE,
    FREEZABLE,
    SEIZABLE,
    AssetKind,
    AssetStatus,
    ExemptKind,
    MeasureKind,
    MeasureStatus,
    RateBasis,
)
from ejcms.measures.models import Asset, Measure, SeizedItem
from ejcms.measures.services.common import (
    check_date,
    check_money,
    check_not_before,
    check_party,
    lock_case,
    record,
    rule_value,
    set_status,
    start_limit,
)

# What carrying out or ending a measure changes on it (the audit keeps before and after).
DONE = ("status", "done_on")
ENDED = ("status", "ended_on")

# The time limit each measure's order starts, met when it is carried out.
EXECUTION_DEADLINE = {
    MeasureKind.SEIZURE: "seizure_execution",
    MeasureKind.BANK_DEBIT: "bank_debit_transfer",
}


def _asset_for(actor: User, asset: Asset) -> tuple[EnforcementCase, Asset]:
    case = lock_case(actor, asset.case_id)
    return case, Asset.objects.select_for_update().get(pk=asset.pk)


def _asset_of(case: EnforcementCase, asset: Asset, *, lock: bool = False) -> Asset:
    """The asset, if it is one of this case's; refused otherwise."""
    rows = Asset.objects.select_for_update() if lock else Asset.objects.all()
    found = rows.filter(pk=asset.pk, case=case).first()
    if found is None:
        raise ApplicationError({"asset": _("Choose an asset of this case.")})
    return found


def _measure(case: EnforcementCase, actor: User, **fields: object) -> Measure:
    return Measure.objects.create(case=case, created_by=actor, modified_by=actor, **fields)


def _ordered(measure: Measure, actor: User, on: date, **shown: Any) -> None:
    """The timeline entry and audit record of an order, with what the timeline shows of it."""
    record(
        measure.case,
        TimelineKind.MEASURE,
        actor=actor,
        on=on,
        action="ordered",
        obj=measure,
        kind=measure.kind,
        **shown,
    )


def _require_kind(asset: Asset, kinds: frozenset[str] | set[str], message: str) -> None:
    if asset.kind not in kinds:
        raise ApplicationError({"asset": message})


def _require_not_disposed(asset: Asset) -> None:
    if asset.status in (AssetStatus.SOLD, AssetStatus.HANDED_OVER, AssetStatus.RELEASED):
        raise ApplicationError(
            {
                "asset": _("This asset is “%(status)s”: no measure can be taken on it.")
                % {"status": AssetStatus(asset.status).label}
            }
        )


# --- Freezing (ອາຍັດ) ----------------------------------------------------------------------


@transaction.atomic
def freeze_order(
    *, actor: User, asset: Asset, on: date, requested_on: date | None = None, note: str = ""
) -> Measure:
    """Freeze a bank account or immovable property (Art. 56): the order is due within 5 WD of
    the request or of learning of the asset; an order made later is recorded as late."""
    case, asset = _asset_for(actor, asset)
    _require_kind(
        asset,
        FREEZABLE,
        _("Only bank accounts, land and buildings are frozen (Art. 56); movables are seized."),
    )
    _require_not_disposed(asset)
    if asset.status == AssetStatus.FROZEN:
        raise ApplicationError({"asset": _("This asset is already frozen.")})
    check_date(on)
    start = requested_on or asset.declared_on
    check_not_before(on, start)
    measure = _measure(
        case,
        actor,
        kind=MeasureKind.FREEZE,
        asset=asset,
        ordered_on=on,
        done_on=on,
        status=MeasureStatus.DONE,
        note=note.strip(),
    )
    ref = f"measure:{measure.pk}"
    start_limit(case, "freeze_order", start, ref)
    met = deadlines_meet(case, ["freeze_order"], on=on, ref=ref)
    frozen = set_status(asset, AssetStatus.FROZEN, prefix="asset")
    record(
        case,
        TimelineKind.MEASURE,
        actor=actor,
        on=on,
        action="freeze",
        obj=measure,
        changes=frozen,
        kind=measure.kind,
        asset=asset.pk,
        description=asset.description,
        late=any(d.met_late for d in met),
    )
    return measure


@transaction.atomic
def freeze_release(*, actor: User, measure: Measure, on: date, reason: str) -> Measure:
    """Lift a freezing order (debt paid, wrong asset, court decision)."""
    case = lock_case(actor, measure.case_id)
    measure = (
        Measure.objects.select_for_update(of=("self",)).select_related("asset").get(pk=measure.pk)
    )
    if measure.kind != MeasureKind.FREEZE or measure.status == MeasureStatus.RELEASED:
        raise ApplicationError(_("Only a freezing order in force can be released."))
    check_date(on)
    check_not_before(on, measure.ordered_on)
    if not reason.strip():
        raise ApplicationError({"note": _("Give the reason.")})
    before = snapshot(measure, ENDED)
    measure.status = MeasureStatus.RELEASED
    measure.ended_on = on
    measure.save(update_fields=["status", "ended_on", "modified_at"])
    changed = changes(before, snapshot(measure, ENDED))
    asset = measure.asset
    assert asset is not None
    if asset.status == AssetStatus.FROZEN:
        changed |= set_status(asset, AssetStatus.RELEASED, prefix="asset")
    record(
        case,
        TimelineKind.MEASURE,
        actor=actor,
        on=on,
        action="release",
        obj=measure,
        changes=changed,
        note=reason.strip(),
        kind=measure.kind,
        asset=asset.pk,
        description=asset.description,
    )
    return measure


# --- Seizure (ຍຶດ) and exempt property -----------------------------------------------------


@dataclass(frozen=True)
class ItemData:
    description: str
    value: Decimal
    currency: str
    quantity: int = 1
    exempt_kind: str = ""


def exemption_refusal(item: ItemData, on: date, household_members: int = 1) -> str | None:
    """Why Art. 57 forbids seizing this item, or None. Religious objects, household items and
    work tools are exempt up to their thresholds (household items per person in the household);
    daily food and medicine always."""
    if not item.exempt_kind:
        return None
    kind = ExemptKind(item.exempt_kind)
    if kind == ExemptKind.FOOD_MEDICINE:
        return _("“%(item)s”: daily food and medicine may not be seized (Art. 57.2).") % {
            "item": item.description
        }
    rule = legal_rule(EXEMPT_THRESHOLD_RULE[kind], on)
    if item.currency != "LAK":
        return _("“%(item)s”: give its value in kip, to check it against Art. 57.") % {
            "item": item.description
        }
    threshold = rule.value
    if kind == ExemptKind.HOUSEHOLD:
        threshold = rule.value * max(household_members, 1)
    value = item.value * item.quantity
    if value <= threshold:
        return _(
            "“%(item)s” (%(kind)s, %(value)s) is exempt: property of this kind worth up to "
            "%(threshold)s may not be seized (Art. %(article)s)."
        ) % {
            "item": item.description,
            "kind": kind.label,
            "value": format_money(value, "LAK"),
            "threshold": format_money(threshold, "LAK"),
            "article": rule.article,
        }
    return None


@transaction.atomic
def seizure_order(
    *,
    actor: User,
    case: EnforcementCase,
    on: date,
    items: list[ItemData],
    asset: Asset | None = None,
    household_members: int = 1,
    note: str = "",
) -> Measure:
    """Order the seizure of movables with an itemised inventory (Art. 55). An exempt item
    (Art. 57) is refused with its reason, and nothing is recorded."""
    case = lock_case(actor, case.pk)
    check_date(on)
    if asset is not None:
        asset = _asset_of(case, asset, lock=True)
        _require_kind(
            asset,
            SEIZABLE,
            _("Land, buildings and bank accounts are frozen, not seized (Art. 55–56)."),
        )
        _require_not_disposed(asset)
    if not items:
        raise ApplicationError({"items": _("List at least one item.")})
    refusals = []
    for index, item in enumerate(items, start=1):
        if not item.description.strip():
            raise ApplicationError({"items": _("Item %(n)s has no description.") % {"n": index}})
        if item.quantity < 1:
            raise ApplicationError(
                {"items": _("Item %(n)s: quantity must be at least 1.") % {"n": index}}
            )
        check_money(item.value, item.currency, "items")
        if item.exempt_kind and item.exempt_kind not in ExemptKind.values:
            raise ApplicationError({"items": _("Item %(n)s: unknown kind.") % {"n": index}})
        refusal = exemption_refusal(item, on, household_members)
        if refusal:
            refusals.append(refusal)
    if refusals:
        raise ApplicationError({"items": " ".join(refusals)})
    measure = _measure(
        case, actor, kind=MeasureKind.SEIZURE, asset=asset, ordered_on=on, note=note.strip()
    )
    SeizedItem.objects.bulk_create(
        SeizedItem(
            measure=measure,
            description=i.description.strip(),
            quantity=i.quantity,
            value=i.value,
            currency=i.currency,
            exempt_kind=i.exempt_kind,
        )
        for i in items
    )
    start_limit(case, "seizure_execution", on, f"measure:{measure.pk}")
    _ordered(measure, actor, on, items=len(items))
    return measure


# --- Bank debit, deductions, garnishment ---------------------------------------------------


@transaction.atomic
def bank_debit_order(
    *, actor: User, asset: Asset, on: date, amount: Decimal, currency: str, note: str = ""
) -> Measure:
    """Order the bank to debit a frozen account; it transfers within 7 WD (Art. 58)."""
    case, asset = _asset_for(actor, asset)
    _require_kind(asset, {AssetKind.BANK_ACCOUNT}, _("Choose a bank account."))
    if asset.status != AssetStatus.FROZEN:
        raise ApplicationError({"asset": _("The account must first be frozen (Art. 56, 58).")})
    check_date(on)
    check_money(amount, currency)
    measure = _measure(
        case,
        actor,
        kind=MeasureKind.BANK_DEBIT,
        asset=asset,
        ordered_on=on,
        amount=amount,
        currency=currency,
        third_party=asset.bank,
        note=note.strip(),
    )
    start_limit(case, "bank_debit_transfer", on, f"measure:{measure.pk}")
    _ordered(measure, actor, on, amount=amount, currency=currency)
    return measure


DEDUCTION_RULE: dict[str, str] = {
    MeasureKind.WAGE_DEDUCTION: "wage_deduction_max",
    MeasureKind.INCOME_DEDUCTION: "income_deduction_max",
}


def deduction_refusal(kind: str, rate: Decimal, basis: str, on: date) -> str | None:
    """Why a deduction rate is not allowed, or None. Wages: at most 30 % of the month's income
    unless the parties agreed or the court decided otherwise (Art. 59); business income: at
    most 60 % of net income (Art. 60)."""
    if rate <= 0 or rate > 100:
        return _("The rate must be between 0 and 100 %.")
    limit, article = rule_value(DEDUCTION_RULE[kind], on)
    if rate <= limit:
        return None
    if kind == MeasureKind.WAGE_DEDUCTION and basis in (RateBasis.AGREEMENT, RateBasis.COURT):
        return None
    if kind == MeasureKind.WAGE_DEDUCTION:
        return _(
            "At most %(limit)s %% of the month's income may be deducted from wages "
            "(Art. %(article)s), unless the parties agreed or the court decided otherwise."
        ) % {"limit": plain_number(limit), "article": article}
    return _("At most %(limit)s %% of net business income may be deducted (Art. %(article)s).") % {
        "limit": plain_number(limit),
        "article": article,
    }


@transaction.atomic
def deduction_order(
    *,
    actor: User,
    asset: Asset,
    on: date,
    income: Decimal,
    currency: str,
    rate: Decimal,
    basis: str = RateBasis.LAW,
    note: str = "",
) -> Measure:
    """Deduct a share of wages (Art. 59) or of business income (Art. 60) every month."""
    case, asset = _asset_for(actor, asset)
    kind = {
        AssetKind.WAGES: MeasureKind.WAGE_DEDUCTION,
        AssetKind.BUSINESS_INCOME: MeasureKind.INCOME_DEDUCTION,
    }.get(AssetKind(asset.kind))
    if kind is None:
        raise ApplicationError({"asset": _("Choose wages or business income.")})
    _require_not_disposed(asset)
    check_date(on)
    check_money(income, currency, "income")
    if basis not in RateBasis.values:
        raise ApplicationError({"basis": _("Choose the basis of the rate.")})
    refusal = deduction_refusal(kind, rate, basis, on)
    if refusal:
        raise ApplicationError({"rate": refusal})
    # Rounded down to the currency's unit, so the deduction never exceeds the legal share.
    unit = Decimal(1).scaleb(-currency_decimals(currency))
    monthly = (income * rate / 100).quantize(unit, rounding=ROUND_DOWN)
    measure = _measure(
        case,
        actor,
        kind=kind,
        asset=asset,
        ordered_on=on,
        done_on=on,
        status=MeasureStatus.DONE,
        rate=rate,
        rate_basis=basis,
        base_amount=income,
        amount=monthly,
        currency=currency,
        third_party=asset.payer_name,
        note=note.strip(),
    )
    _ordered(measure, actor, on, rate=rate, amount=monthly, currency=currency, basis=basis)
    return measure


@transaction.atomic
def garnishment_order(
    *, actor: User, asset: Asset, on: date, amount: Decimal, currency: str, note: str = ""
) -> Measure:
    """Order a third party who holds or owes the debtor's money to hand it to the office
    (Art. 61)."""
    case, asset = _asset_for(actor, asset)
    _require_kind(
        asset,
        {AssetKind.RECEIVABLE, AssetKind.BANK_ACCOUNT},
        _("Choose money a third party holds or owes."),
    )
    _require_not_disposed(asset)
    check_date(on)
    check_money(amount, currency)
    measure = _measure(
        case,
        actor,
        kind=MeasureKind.GARNISHMENT,
        asset=asset,
        ordered_on=on,
        amount=amount,
        currency=currency,
        third_party=asset.payer_name or asset.bank,
        note=note.strip(),
    )
    _ordered(measure, actor, on, amount=amount, currency=currency)
    return measure


@transaction.atomic
def measure_carried_out(*, actor: User, measure: Measure, on: date, note: str = "") -> Measure:
    """A seizure carried out, a bank's transfer or a third party's payment arrived, an
    eviction done: meets the measure's time limit."""
    case = lock_case(actor, measure.case_id)
    measure = (
        Measure.objects.select_for_update(of=("self",)).select_related("asset").get(pk=measure.pk)
    )
    if measure.status != MeasureStatus.ORDERED or measure.kind in (
        MeasureKind.SUMMONS,
        MeasureKind.FREEZE,
    ):
        raise ApplicationError(_("This measure is not waiting to be carried out."))
    check_date(on)
    check_not_before(on, measure.ordered_on)
    before = snapshot(measure, DONE)
    measure.status = MeasureStatus.DONE
    measure.done_on = on
    measure.save(update_fields=["status", "done_on", "modified_at"])
    changed = changes(before, snapshot(measure, DONE))
    key = EXECUTION_DEADLINE.get(MeasureKind(measure.kind))
    if measure.kind == MeasureKind.EVICTION:
        key = "eviction_period"
    met = deadlines_meet(case, [key], on=on, ref=f"measure:{measure.pk}") if key else []
    if measure.kind == MeasureKind.SEIZURE and measure.asset is not None:
        changed |= set_status(measure.asset, AssetStatus.SEIZED, prefix="asset")
    record(
        case,
        TimelineKind.MEASURE,
        actor=actor,
        on=on,
        action="done",
        obj=measure,
        changes=changed,
        note=note.strip(),
        kind=measure.kind,
        late=any(d.met_late for d in met),
    )
    return measure


# --- Summons, bringing in, eviction --------------------------------------------------------


@transaction.atomic
def summons_record(
    *, actor: User, case: EnforcementCase, party: Party, served_on: date, appear_on: date
) -> Measure:
    case = lock_case(actor, case.pk)
    check_party(case, party, "party")
    check_date(served_on, "served_on")
    if appear_on < served_on:
        raise ApplicationError(
            {"appear_on": _("The day to appear cannot be before the summons was served.")}
        )
    measure = _measure(
        case,
        actor,
        kind=MeasureKind.SUMMONS,
        party=party,
        ordered_on=served_on,
        appear_on=appear_on,
    )
    record(
        case,
        TimelineKind.MEASURE,
        actor=actor,
        on=served_on,
        action="summons",
        obj=measure,
        kind=measure.kind,
        party=party.pk,
        name=party.name_lo,
        appear_on=appear_on,
    )
    return measure


@transaction.atomic
def summons_outcome(*, actor: User, measure: Measure, appeared: bool, on: date) -> Measure:
    case = lock_case(actor, measure.case_id)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if measure.kind != MeasureKind.SUMMONS or measure.status != MeasureStatus.ORDERED:
        raise ApplicationError(_("This summons already has its outcome."))
    check_date(on)
    assert measure.appear_on is not None
    if not appeared and on < measure.appear_on:
        raise ApplicationError(
            {
                "on": _("A summons is recorded as ignored only from the day to appear (%(date)s).")
                % {"date": format_date(measure.appear_on)}
            }
        )
    before = snapshot(measure, DONE)
    measure.status = MeasureStatus.DONE if appeared else MeasureStatus.IGNORED
    measure.done_on = on
    measure.save(update_fields=["status", "done_on", "modified_at"])
    record(
        case,
        TimelineKind.MEASURE,
        actor=actor,
        on=on,
        action="appeared" if appeared else "ignored",
        obj=measure,
        changes=changes(before, snapshot(measure, DONE)),
        kind=measure.kind,
        party=measure.party_id,
    )
    return measure


def ignored_summonses(case: EnforcementCase, party: Party) -> int:
    return Measure.objects.filter(
        case=case, party=party, kind=MeasureKind.SUMMONS, status=MeasureStatus.IGNORED
    ).count()


def bring_in_refusal(case: EnforcementCase, party: Party, at: datetime) -> str | None:
    """Bringing in with the police needs three ignored summonses, and happens only between
    06:00 and 18:00 (Art. 54)."""
    on = at.date()
    needed, article = rule_value("bring_in_summonses", on)
    ignored = ignored_summonses(case, party)
    if ignored < needed:
        return _(
            "%(name)s has ignored %(ignored)s summonses; bringing in needs %(needed)s "
            "(Art. %(article)s)."
        ) % {"name": party.name_lo, "ignored": ignored, "needed": int(needed), "article": article}
    start, _article = rule_value("bring_in_from_hour", on)
    end, _article = rule_value("bring_in_until_hour", on)
    moment = timezone.localtime(at).time() if timezone.is_aware(at) else at.time()
    if not (time(int(start)) <= moment <= time(int(end))):
        return _(
            "A person may be brought in only between %(start)02d:00 and %(end)02d:00 "
            "(Art. %(article)s)."
        ) % {"start": int(start), "end": int(end), "article": article}
    return None


@transaction.atomic
def bring_in_order(
    *, actor: User, case: EnforcementCase, party: Party, at: datetime, note: str = ""
) -> Measure:
    case = lock_case(actor, case.pk)
    check_party(case, party, "party")
    if not case.case_parties.filter(party=party, role=PartyRole.DEBTOR).exists():
        raise ApplicationError({"party": _("Only the debtor may be brought in (Art. 54).")})
    refusal = bring_in_refusal(case, party, at)
    if refusal:
        raise ApplicationError({"at": refusal})
    if not timezone.is_aware(at):
        at = timezone.make_aware(at)
    measure = _measure(
        case,
        actor,
        kind=MeasureKind.BRING_IN,
        party=party,
        ordered_on=timezone.localtime(at).date(),
        at=at,
        note=note.strip(),
    )
    _ordered(
        measure,
        actor,
        measure.ordered_on,
        party=party.pk,
        name=party.name_lo,
        at=timezone.localtime(at).strftime("%H:%M"),
    )
    return measure


@transaction.atomic
def eviction_order(
    *,
    actor: User,
    case: EnforcementCase,
    on: date,
    period_days: int,
    asset: Asset | None = None,
    note: str = "",
) -> Measure:
    """Order the occupants to vacate within a period of at most 90 days (Art. 33)."""
    case = lock_case(actor, case.pk)
    check_date(on)
    rule = legal_rule("eviction_period", on)
    if period_days < 1 or period_days > rule.days:
        raise ApplicationError(
            {
                "period_days": _(
                    "The period to vacate is at most %(days)s days (Art. %(article)s)."
                )
                % {"days": rule.days, "article": rule.article}
            }
        )
    if asset is not None:
        asset = _asset_of(case, asset)
        _require_kind(asset, {AssetKind.LAND, AssetKind.BUILDING}, _("Choose land or a building."))
    measure = _measure(
        case,
        actor,
        kind=MeasureKind.EVICTION,
        asset=asset,
        ordered_on=on,
        period_days=period_days,
        note=note.strip(),
    )
    Deadline.objects.create(
        case=case,
        key="eviction_period",
        ref=f"measure:{measure.pk}",
        bearer=DeadlineBearer.DEBTOR,
        rule=rule,
        started_on=on,
        due_on=on + timedelta(days=period_days),
    )
    _ordered(measure, actor, on, period_days=period_days)
    return measure
