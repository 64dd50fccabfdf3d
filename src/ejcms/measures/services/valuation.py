"""Valuation of an asset (Art. 26–32): by agreement, by an expert, or by a committee; its
notice, the objection period and the appeal chain district → province → DEJ → Minister."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import TimelineKind
from ejcms.cases.models import EnforcementCase, Party
from ejcms.cases.rules import legal_rule
from ejcms.cases.services.deadlines import (
    case_calendar,
    deadline_of,
    deadlines_meet,
)
from ejcms.core.audit import changes, snapshot
from ejcms.core.errors import ApplicationError
from ejcms.core.formatting import format_date
from ejcms.measures.choices import (
    LEVEL_CHAIN,
    SALEABLE,
    AssetStatus,
    Level,
    ValuationMethod,
    ValuationStatus,
)
from ejcms.measures.models import Asset, Objection, Valuation, ValuationMember
from ejcms.measures.services.common import (
    check_date,
    check_money,
    check_not_before,
    check_party,
    lock_case,
    record,
    set_status,
    start_limit,
)
from ejcms.org.models import Office

OfficeLevel = Office.Level

LEVEL_OF_OFFICE = {
    OfficeLevel.DISTRICT: Level.DISTRICT,
    OfficeLevel.PROVINCIAL: Level.PROVINCE,
    OfficeLevel.CENTRAL: Level.DEJ,
}


# What each step of a valuation changes (the audit keeps the values before and after).
RESULT = ("valued_on", "value", "currency", "status")
ASSET_VALUE = ("status", "estimated_value", "currency")
NOTIFIED = ("notified_on", "status")
DECIDED = ("decided_on", "upheld", "decision_note")


def level_above(level: str) -> Level | None:
    index = LEVEL_CHAIN.index(Level(level))
    return LEVEL_CHAIN[index + 1] if index + 1 < len(LEVEL_CHAIN) else None


@dataclass(frozen=True)
class MemberData:
    name: str
    role: str


def _valuation(actor: User, valuation: Valuation) -> tuple[EnforcementCase, Valuation]:
    v = Valuation.objects.select_related("asset").get(pk=valuation.pk)
    case = lock_case(actor, v.asset.case_id)
    return case, Valuation.objects.select_for_update().select_related("asset").get(pk=v.pk)


@transaction.atomic
def valuation_plan(
    *,
    actor: User,
    asset: Asset,
    method: str,
    scheduled_on: date,
    invited_on: date | None = None,
    expert: str = "",
    members: list[MemberData] | None = None,
) -> Valuation:
    """Plan a valuation. Participants must hold their invitations at least 3 WD before the day
    (Art. 26); a committee's members are recorded."""
    case = lock_case(actor, asset.case_id)
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    if asset.kind not in SALEABLE:
        raise ApplicationError({"asset": _("Money and income are not valued; only property.")})
    if asset.status in (AssetStatus.SOLD, AssetStatus.HANDED_OVER, AssetStatus.RELEASED):
        raise ApplicationError({"asset": _("This asset can no longer be valued.")})
    today = timezone.localdate()
    if any(
        not valuation_is_final(v, today)
        for v in asset.valuations.exclude(status=ValuationStatus.SET_ASIDE)
    ):
        raise ApplicationError({"asset": _("A valuation of this asset is still under way.")})
    if method not in ValuationMethod.values:
        raise ApplicationError({"method": _("Choose how the asset is valued.")})
    members = [m for m in (members or []) if m.name.strip()]
    if method == ValuationMethod.EXPERT and not expert.strip():
        raise ApplicationError({"expert": _("Name the expert or firm chosen by the parties.")})
    if method == ValuationMethod.COMMITTEE and len(members) < 2:
        raise ApplicationError(
            {"members": _("Record the members of the committee (at least two).")}
        )
    if method != ValuationMethod.AGREEMENT:
        check_date(invited_on, "invited_on")
        assert invited_on is not None
        rule = legal_rule("valuation_invitation", invited_on)
        earliest = case_calendar(case).add_working_days(invited_on, rule.days)
        if scheduled_on < earliest:
            raise ApplicationError(
                {
                    "scheduled_on": _(
                        "Invitations must reach the participants at least %(days)s working days "
                        "before the valuation (Art. %(article)s): the earliest day is %(date)s."
                    )
                    % {"days": rule.days, "article": rule.article, "date": format_date(earliest)}
                }
            )
    valuation = Valuation.objects.create(
        asset=asset,
        method=method,
        level=LEVEL_OF_OFFICE[OfficeLevel(case.office.level)],
        expert=expert.strip(),
        invited_on=invited_on,
        scheduled_on=scheduled_on,
        created_by=actor,
        modified_by=actor,
    )
    ValuationMember.objects.bulk_create(
        ValuationMember(valuation=valuation, name=m.name.strip(), role=m.role.strip())
        for m in members
    )
    record(
        case,
        TimelineKind.VALUATION,
        actor=actor,
        on=invited_on or scheduled_on,
        action="planned",
        obj=valuation,
        asset=asset.pk,
        description=asset.description,
        method=method,
        scheduled_on=scheduled_on,
    )
    return valuation


@transaction.atomic
def valuation_result(
    *, actor: User, valuation: Valuation, valued_on: date, value: Decimal, currency: str
) -> Valuation:
    """Record the value found; the result must be notified within 3 WD (Art. 31)."""
    case, valuation = _valuation(actor, valuation)
    if valuation.status != ValuationStatus.PLANNED:
        raise ApplicationError(_("This valuation already has its result."))
    check_date(valued_on, "valued_on")
    check_not_before(valued_on, valuation.scheduled_on, "valued_on")
    check_money(value, currency, "value")
    asset = valuation.asset
    before = snapshot(valuation, RESULT)
    before_asset = snapshot(asset, ASSET_VALUE)
    valuation.valued_on, valuation.value, valuation.currency = valued_on, value, currency
    valuation.status = ValuationStatus.VALUED
    valuation.save()
    asset.status = AssetStatus.VALUED if asset.status != AssetStatus.FROZEN else asset.status
    asset.estimated_value, asset.currency = value, currency
    asset.save(update_fields=["status", "estimated_value", "currency", "modified_at"])
    changed = changes(before, snapshot(valuation, RESULT)) | changes(
        before_asset, snapshot(asset, ASSET_VALUE), prefix="asset"
    )
    start_limit(case, "valuation_notice", valued_on, f"valuation:{valuation.pk}")
    record(
        case,
        TimelineKind.VALUATION,
        actor=actor,
        on=valued_on,
        action="valued",
        obj=valuation,
        changes=changed,
        asset=asset.pk,
        description=asset.description,
        value=value,
        currency=currency,
    )
    return valuation


@transaction.atomic
def valuation_notify(*, actor: User, valuation: Valuation, on: date) -> Valuation:
    """The result notified to the parties, third parties and the owner: the 15-day objection
    period runs from it (Art. 31–32)."""
    case, valuation = _valuation(actor, valuation)
    if valuation.status != ValuationStatus.VALUED:
        raise ApplicationError(_("Only a valuation with a result can be notified."))
    check_date(on)
    assert valuation.valued_on is not None
    check_not_before(on, valuation.valued_on)
    met = deadlines_meet(case, ["valuation_notice"], on=on, ref=f"valuation:{valuation.pk}")
    before = snapshot(valuation, NOTIFIED)
    valuation.notified_on = on
    valuation.status = ValuationStatus.NOTIFIED
    valuation.save(update_fields=["notified_on", "status", "modified_at"])
    start_limit(case, "valuation_objection", on, f"valuation:{valuation.pk}")
    record(
        case,
        TimelineKind.VALUATION,
        actor=actor,
        on=on,
        action="notified",
        obj=valuation,
        changes=changes(before, snapshot(valuation, NOTIFIED)),
        asset=valuation.asset_id,
        late=any(d.met_late for d in met),
    )
    return valuation


def valuation_is_final(valuation: Valuation, on: date) -> bool:
    """Whether the value stood on `on`: agreed by the parties, or notified with the 15-day
    objection period over by then, and no objection pending on that day (Art. 31–32)."""
    if valuation.status == ValuationStatus.FINAL:
        return True
    if valuation.status == ValuationStatus.SET_ASIDE or valuation.valued_on is None:
        return False
    pending = valuation.objections.filter(filed_on__lte=on).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gt=on)
    )
    if pending.exists():
        return False
    if valuation.method == ValuationMethod.AGREEMENT:
        return valuation.valued_on <= on
    if valuation.notified_on is None or valuation.notified_on > on:
        return False
    period = deadline_of(valuation.asset.case, "valuation_objection", f"valuation:{valuation.pk}")
    return period is None or on > period.due_on


@transaction.atomic
def objection_file(
    *,
    actor: User,
    valuation: Valuation,
    party: Party,
    filed_on: date,
    reason: str,
    appeal_of: Objection | None = None,
) -> Objection:
    """An objection to the valuation, within 15 days of its notice (Art. 32), decided one level
    above the valuer; or an appeal of that decision to the next level, up to the Minister."""
    case, valuation = _valuation(actor, valuation)
    check_party(case, party, "party")
    check_date(filed_on, "filed_on")
    if not reason.strip():
        raise ApplicationError({"reason": _("Give the reasons of the objection.")})
    if appeal_of is None:
        if valuation.status != ValuationStatus.NOTIFIED:
            raise ApplicationError(_("Objections are made once the result is notified."))
        assert valuation.notified_on is not None
        check_not_before(filed_on, valuation.notified_on, "filed_on")
        period = deadline_of(case, "valuation_objection", f"valuation:{valuation.pk}")
        if period is not None and filed_on > period.due_on:
            raise ApplicationError(
                {
                    "filed_on": _(
                        "The objection period ended on %(date)s (15 days from the notice, Art. 32)."
                    )
                    % {"date": format_date(period.due_on)}
                }
            )
        level = level_above(valuation.level)
    else:
        appeal_of = Objection.objects.get(pk=appeal_of.pk, valuation=valuation)
        if appeal_of.decided_on is None:
            raise ApplicationError(_("The objection has not been decided yet."))
        if hasattr(appeal_of, "appeal"):
            raise ApplicationError(_("This decision has already been appealed."))
        level = level_above(appeal_of.level)
        if level is None:
            raise ApplicationError(_("The Minister's decision is the last level (Art. 32)."))
    assert level is not None
    objection = Objection.objects.create(
        valuation=valuation,
        appeal_of=appeal_of,
        party=party,
        filed_on=filed_on,
        reason=reason.strip(),
        level=level,
        created_by=actor,
        modified_by=actor,
    )
    start_limit(case, "objection_decision", filed_on, f"objection:{objection.pk}")
    record(
        case,
        TimelineKind.VALUATION,
        actor=actor,
        on=filed_on,
        action="appeal" if appeal_of else "objection",
        obj=objection,
        asset=valuation.asset_id,
        level=level,
        name=party.name_lo,
    )
    return objection


@transaction.atomic
def objection_decide(
    *, actor: User, objection: Objection, on: date, upheld: bool, note: str
) -> Objection:
    """The decision on an objection, due within 10 WD (Art. 32). Upheld: the valuation is set
    aside and the asset valued again."""
    objection = Objection.objects.select_related("valuation").get(pk=objection.pk)
    case, valuation = _valuation(actor, objection.valuation)
    if objection.decided_on is not None:
        raise ApplicationError(_("This objection is already decided."))
    check_date(on)
    check_not_before(on, objection.filed_on)
    if not note.strip():
        raise ApplicationError({"note": _("Give the reasons of the decision.")})
    met = deadlines_meet(case, ["objection_decision"], on=on, ref=f"objection:{objection.pk}")
    before = snapshot(objection, DECIDED)
    objection.decided_on, objection.upheld = on, upheld
    objection.decision_note = note.strip()
    objection.save()
    changed = changes(before, snapshot(objection, DECIDED))
    if upheld:
        changed |= set_status(valuation, ValuationStatus.SET_ASIDE, prefix="valuation")
    record(
        case,
        TimelineKind.VALUATION,
        actor=actor,
        on=on,
        action="decided",
        obj=objection,
        changes=changed,
        asset=valuation.asset_id,
        level=objection.level,
        upheld=upheld,
        late=any(d.met_late for d in met),
    )
    return objection
