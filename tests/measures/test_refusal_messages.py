"""Every refusal of a legal limit says why, with its article, in Lao and in English."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import override

from ejcms.core.errors import ApplicationError
from ejcms.measures.choices import AssetKind, ExemptKind, RateBasis, ValuationMethod
from ejcms.measures.services.orders import (
    ItemData,
    bring_in_order,
    deduction_order,
    eviction_order,
    seizure_order,
    summons_outcome,
    summons_record,
)
from ejcms.measures.services.sale import auction_announce, sale_advertise
from ejcms.measures.services.valuation import (
    MemberData,
    objection_file,
    valuation_notify,
    valuation_plan,
    valuation_result,
)

pytestmark = pytest.mark.django_db


def _wages(ctx: dict[str, Any], rate: str) -> None:
    wages = ctx["add_asset"](AssetKind.WAGES)
    deduction_order(
        actor=ctx["cast"].officer,
        asset=wages,
        on=date(2025, 5, 5),
        income=Decimal("5000000"),
        currency="LAK",
        rate=Decimal(rate),
        basis=RateBasis.LAW,
    )


def _income(ctx: dict[str, Any], rate: str) -> None:
    business = ctx["add_asset"](AssetKind.BUSINESS_INCOME)
    deduction_order(
        actor=ctx["cast"].officer,
        asset=business,
        on=date(2025, 5, 5),
        income=Decimal("8000000"),
        currency="LAK",
        rate=Decimal(rate),
        basis=RateBasis.AGREEMENT,
    )


def _religious(ctx: dict[str, Any], value: str) -> None:
    seizure_order(
        actor=ctx["cast"].officer,
        case=ctx["case"],
        on=date(2025, 5, 5),
        items=[ItemData("ພຣະພຸດທະຮູບ ທອງເຫຼືອງ", Decimal(value), "LAK", 1, ExemptKind.RELIGIOUS)],
    )


def _eviction(ctx: dict[str, Any], days: str) -> None:
    eviction_order(
        actor=ctx["cast"].officer, case=ctx["case"], on=date(2025, 5, 5), period_days=int(days)
    )


def _bring_in(ctx: dict[str, Any], hour: str) -> None:
    cast, case, debtor = ctx["cast"], ctx["case"], ctx["debtor"]
    for day in (5, 12, 19):
        summons = summons_record(
            actor=cast.officer,
            case=case,
            party=debtor,
            served_on=date(2025, 5, day - 3),
            appear_on=date(2025, 5, day),
        )
        summons_outcome(actor=cast.officer, measure=summons, appeared=False, on=date(2025, 5, day))
    at = timezone.make_aware(datetime(2025, 5, 26, int(hour), 30))
    bring_in_order(actor=cast.officer, case=case, party=debtor, at=at)


def _bring_in_early(ctx: dict[str, Any], _unused: str) -> None:
    cast, case, debtor = ctx["cast"], ctx["case"], ctx["debtor"]
    at = timezone.make_aware(datetime(2025, 5, 26, 9, 0))
    bring_in_order(actor=cast.officer, case=case, party=debtor, at=at)


def _invitation(ctx: dict[str, Any], _unused: str) -> None:
    bike = ctx["add_asset"](AssetKind.VEHICLE)
    valuation_plan(
        actor=ctx["cast"].officer,
        asset=bike,
        method=ValuationMethod.COMMITTEE,
        invited_on=date(2025, 5, 5),
        scheduled_on=date(2025, 5, 6),
        members=[MemberData("ທ່ານ ບຸນທັນ", "ນາຍບ້ານ"), MemberData("ນາງ ພອນ", "ພະແນກການເງິນ")],
    )


def _late_objection(ctx: dict[str, Any], _unused: str) -> None:
    cast = ctx["cast"]
    bike = ctx["add_asset"](AssetKind.VEHICLE)
    valuation = valuation_plan(
        actor=cast.officer,
        asset=bike,
        method=ValuationMethod.EXPERT,
        expert="ບໍລິສັດ ປະເມີນລາຄາ ລາວ",
        invited_on=date(2025, 5, 5),
        scheduled_on=date(2025, 5, 12),
    )
    valuation = valuation_result(
        actor=cast.officer,
        valuation=valuation,
        valued_on=date(2025, 5, 12),
        value=Decimal("9000000"),
        currency="LAK",
    )
    valuation = valuation_notify(actor=cast.officer, valuation=valuation, on=date(2025, 5, 13))
    objection_file(
        actor=cast.officer,
        valuation=valuation,
        party=ctx["debtor"],
        filed_on=date(2025, 6, 2),
        reason="ລາຄາຕ່ຳເກີນໄປ",
    )


def _auction_notice(ctx: dict[str, Any], _unused: str) -> None:
    cast = ctx["cast"]
    bike = ctx["add_asset"](AssetKind.VEHICLE)
    valuation = valuation_plan(
        actor=cast.officer,
        asset=bike,
        method=ValuationMethod.AGREEMENT,
        scheduled_on=date(2025, 5, 12),
    )
    valuation_result(
        actor=cast.officer,
        valuation=valuation,
        valued_on=date(2025, 5, 12),
        value=Decimal("9000000"),
        currency="LAK",
    )
    sale = sale_advertise(actor=cast.officer, asset=bike, on=date(2025, 5, 13))
    auction_announce(
        actor=cast.officer,
        sale=sale,
        mode="open_auction",
        notice_on=date(2025, 6, 16),
        auction_on=date(2025, 6, 20),
    )


# (what is tried, its argument, the field refused, the article, the Lao words, the English)
CASES: list[tuple[Callable[[dict[str, Any], str], None], str, str, str, str, str]] = [
    (_wages, "31", "rate", "59", "ການຫັກລາຍຮັບ", "wages"),
    (_income, "61", "rate", "60", "ລາຍໄດ້ສຸດທິ", "net business income"),
    (_religious, "1000000", "items", "57", "ສັກກາລະບູຊາ", "Religious objects"),
    (_eviction, "91", "period_days", "33", "90", "at most 90 days"),
    (_bring_in_early, "", "at", "54", "ໝາຍຮຽກ", "summonses"),
    (_bring_in, "19", "at", "54", "06:00", "between 06:00 and 18:00"),
    (_invitation, "", "scheduled_on", "26", "ບັດເຊີນ", "Invitations"),
    (_late_objection, "", "filed_on", "32", "15", "objection period ended"),
    (_auction_notice, "", "auction_on", "36", "10", "10 working days"),
]


@pytest.mark.parametrize(
    ("attempt", "arg", "field", "article", "lao", "english"),
    CASES,
    ids=[c[0].__name__.strip("_") for c in CASES],
)
@pytest.mark.parametrize("language", ["lo", "en"])
def test_a_refused_limit_names_its_field_and_article(
    case, add_asset, cast, debtor, attempt, arg, field, article, lao, english, language
):
    ctx = {"case": case, "add_asset": add_asset, "cast": cast, "debtor": debtor}
    with override(language), pytest.raises(ApplicationError) as exc:
        attempt(ctx, arg)
    message = " ".join(exc.value.message_dict[field])
    if language == "lo":
        assert f"ມາດຕາ {article}" in message
        assert lao in message
        # Lao through and through: no English word of the source text is left.
        assert not re.search(r"\b(Art|the|and|of|may|must)\b", message), message
    else:
        assert f"Art. {article}" in message
        assert english in message
