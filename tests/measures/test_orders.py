"""The enforcement measures (Art. 33, 53–62): freezing, seizure and exempt property, bank
debit, deductions, summons and bringing in, eviction; each with its legal limit and time limit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import override

from ejcms.cases.choices import TimelineKind
from ejcms.cases.models import Deadline
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.models import AuditRecord
from ejcms.measures.choices import (
    AssetKind,
    AssetStatus,
    ExemptKind,
    MeasureKind,
    MeasureStatus,
    RateBasis,
)
from ejcms.measures.models import Measure, SeizedItem
from ejcms.measures.services.assets import asset_record
from ejcms.measures.services.orders import (
    ItemData,
    bank_debit_order,
    bring_in_order,
    deduction_order,
    eviction_order,
    freeze_order,
    freeze_release,
    garnishment_order,
    measure_carried_out,
    seizure_order,
    summons_outcome,
    summons_record,
)
from tests.conftest import advance
from tests.measures.conftest import DECLARED_ON, asset_data, last_deadline, open_deadlines

VIENTIANE = ZoneInfo("Asia/Vientiane")


def measure_events(case, action=None):
    events = case.events.filter(kind=TimelineKind.MEASURE).order_by("pk")
    return [e for e in events if action is None or e.payload.get("action") == action]


# --- Freezing (Art. 56) -------------------------------------------------------------------


@pytest.mark.django_db
class TestFreeze:
    @pytest.mark.parametrize("kind", [AssetKind.VEHICLE, AssetKind.MOVABLE, AssetKind.WAGES])
    def test_only_bank_accounts_land_and_buildings_are_frozen(self, add_asset, cast, kind):
        asset = add_asset(kind)
        with pytest.raises(ApplicationError) as exc:
            freeze_order(actor=cast.officer, asset=asset, on=date(2025, 5, 2))
        assert "asset" in exc.value.message_dict
        assert not Measure.objects.filter(asset=asset).exists()
        assert not Deadline.objects.filter(key="freeze_order").exists()
        asset.refresh_from_db()
        assert asset.status == AssetStatus.DECLARED

    @pytest.mark.parametrize("kind", [AssetKind.BANK_ACCOUNT, AssetKind.LAND, AssetKind.BUILDING])
    def test_a_freezable_asset_is_frozen(self, add_asset, cast, kind):
        asset = add_asset(kind)
        measure = freeze_order(actor=cast.officer, asset=asset, on=date(2025, 5, 2))
        assert (measure.kind, measure.status) == (MeasureKind.FREEZE, MeasureStatus.DONE)
        assert measure.done_on == date(2025, 5, 2)
        asset.refresh_from_db()
        assert asset.status == AssetStatus.FROZEN

    def test_an_order_within_five_working_days_meets_its_deadline(
        self, case, add_asset, cast, calendar
    ):
        land = add_asset(AssetKind.LAND)
        due = calendar.add_working_days(DECLARED_ON, 5)
        # Counted from Monday 28 April 2025; Thursday 1 May is Labour Day, so the fifth
        # working day is Tuesday 6 May.
        assert due == date(2025, 5, 6)
        freeze_order(actor=cast.officer, asset=land, on=due)
        deadline = Deadline.objects.get(case=case, key="freeze_order")
        assert (deadline.started_on, deadline.due_on, deadline.met_on) == (DECLARED_ON, due, due)
        assert not deadline.met_late
        assert deadline.rule.article == "56"
        assert measure_events(case, "freeze")[0].payload["late"] is False

    def test_an_order_after_five_working_days_from_the_request_is_late(
        self, case, add_asset, cast, calendar
    ):
        land = add_asset(AssetKind.LAND)
        requested_on = date(2025, 5, 12)
        due = calendar.add_working_days(requested_on, 5)
        late = calendar.next_working_day(due + timedelta(days=1))
        freeze_order(actor=cast.officer, asset=land, on=late, requested_on=requested_on)
        deadline = Deadline.objects.get(case=case, key="freeze_order")
        # Counted from the request, not from the declaration of the asset.
        assert (deadline.started_on, deadline.due_on, deadline.met_on) == (
            requested_on,
            due,
            late,
        )
        assert deadline.met_late
        event = measure_events(case, "freeze")[0]
        assert event.payload["late"] is True
        assert event.payload["asset"] == land.pk

    def test_an_order_before_the_request_is_refused(self, add_asset, cast):
        land = add_asset(AssetKind.LAND)
        with pytest.raises(ApplicationError) as exc:
            freeze_order(
                actor=cast.officer, asset=land, on=date(2025, 5, 2), requested_on=date(2025, 5, 5)
            )
        assert "on" in exc.value.message_dict
        assert not Measure.objects.filter(asset=land).exists()

    def test_an_asset_cannot_be_frozen_twice(self, case, add_asset, cast):
        account = add_asset(AssetKind.BANK_ACCOUNT)
        freeze_order(actor=cast.officer, asset=account, on=date(2025, 5, 2))
        with pytest.raises(ApplicationError) as exc:
            freeze_order(actor=cast.officer, asset=account, on=date(2025, 5, 5))
        assert "asset" in exc.value.message_dict
        assert Measure.objects.filter(asset=account, kind=MeasureKind.FREEZE).count() == 1
        assert Deadline.objects.filter(case=case, key="freeze_order").count() == 1

    def test_release_ends_the_freeze(self, case, add_asset, cast):
        land = add_asset(AssetKind.LAND)
        measure = freeze_order(actor=cast.officer, asset=land, on=date(2025, 5, 2))
        reason = "ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນ ຊຳລະໜີ້ຄົບຖ້ວນແລ້ວ."
        freeze_release(actor=cast.head, measure=measure, on=date(2025, 6, 3), reason=reason)
        measure.refresh_from_db()
        land.refresh_from_db()
        assert (measure.status, measure.ended_on) == (MeasureStatus.RELEASED, date(2025, 6, 3))
        assert land.status == AssetStatus.RELEASED
        event = measure_events(case, "release")[0]
        assert event.note == reason
        assert AuditRecord.objects.filter(
            action="measure.release", object_id=str(measure.pk)
        ).exists()
        # Released once; a released asset takes no further measure.
        with pytest.raises(ApplicationError):
            freeze_release(actor=cast.head, measure=measure, on=date(2025, 6, 4), reason=reason)
        with pytest.raises(ApplicationError):
            freeze_order(actor=cast.officer, asset=land, on=date(2025, 6, 5))

    def test_a_release_needs_a_reason_and_a_date_after_the_order(self, add_asset, cast):
        land = add_asset(AssetKind.LAND)
        measure = freeze_order(actor=cast.officer, asset=land, on=date(2025, 5, 2))
        with pytest.raises(ApplicationError) as exc:
            freeze_release(actor=cast.head, measure=measure, on=date(2025, 6, 3), reason="  ")
        assert "note" in exc.value.message_dict
        with pytest.raises(ApplicationError) as exc:
            freeze_release(actor=cast.head, measure=measure, on=date(2025, 4, 30), reason="ຜິດຊັບ")
        assert "on" in exc.value.message_dict
        measure.refresh_from_db()
        assert measure.status == MeasureStatus.DONE

    def test_an_outsider_may_not_freeze(self, add_asset, cast):
        land = add_asset(AssetKind.LAND)
        with pytest.raises(AccessDenied):
            freeze_order(actor=cast.outsider_district, asset=land, on=date(2025, 5, 2))
        land.refresh_from_db()
        assert land.status == AssetStatus.DECLARED


# --- Seizure (Art. 55) and exempt property (Art. 57) -------------------------------------

TV = ItemData("ໂທລະທັດ ແອວຈີ 55 ນິ້ວ", Decimal("6500000"), "LAK")
FRIDGE = ItemData("ຕູ້ເຢັນ ຊຳຊຸງ 2 ປະຕູ", Decimal("4200000"), "LAK")


@pytest.mark.django_db
class TestSeizure:
    def test_the_order_records_the_inventory_and_starts_seven_working_days(
        self, case, add_asset, cast, calendar
    ):
        bike = add_asset(AssetKind.VEHICLE)
        on = date(2025, 5, 2)
        measure = seizure_order(
            actor=cast.officer, case=case, on=on, items=[TV, FRIDGE], asset=bike
        )
        assert (measure.kind, measure.status, measure.asset) == (
            MeasureKind.SEIZURE,
            MeasureStatus.ORDERED,
            bike,
        )
        items = list(measure.items.values_list("description", "quantity", "value", "currency"))
        assert items == [
            ("ໂທລະທັດ ແອວຈີ 55 ນິ້ວ", 1, Decimal("6500000"), "LAK"),
            ("ຕູ້ເຢັນ ຊຳຊຸງ 2 ປະຕູ", 1, Decimal("4200000"), "LAK"),
        ]
        deadline = Deadline.objects.get(case=case, key="seizure_execution")
        # 7 WD from Friday 2 May 2025: 5–9 and 12–13 May.
        assert deadline.due_on == calendar.add_working_days(on, 7) == date(2025, 5, 13)
        assert deadline.is_open
        assert measure_events(case, "ordered")[0].payload["items"] == 2

    def test_carrying_it_out_meets_the_deadline_and_seizes_the_asset(self, case, add_asset, cast):
        bike = add_asset(AssetKind.VEHICLE)
        measure = seizure_order(
            actor=cast.officer, case=case, on=date(2025, 5, 2), items=[TV], asset=bike
        )
        measure_carried_out(actor=cast.officer, measure=measure, on=date(2025, 5, 8))
        measure.refresh_from_db()
        bike.refresh_from_db()
        assert (measure.status, measure.done_on) == (MeasureStatus.DONE, date(2025, 5, 8))
        assert bike.status == AssetStatus.SEIZED
        deadline = Deadline.objects.get(case=case, key="seizure_execution")
        assert deadline.met_on == date(2025, 5, 8)
        assert not deadline.met_late
        assert measure_events(case, "done")[0].payload["late"] is False
        with pytest.raises(ApplicationError):
            measure_carried_out(actor=cast.officer, measure=measure, on=date(2025, 5, 9))

    def test_a_seizure_carried_out_after_seven_working_days_is_late(
        self, case, add_asset, cast, calendar
    ):
        bike = add_asset(AssetKind.VEHICLE)
        on = date(2025, 5, 2)
        measure = seizure_order(actor=cast.officer, case=case, on=on, items=[TV], asset=bike)
        late = calendar.add_working_days(on, 8)
        measure_carried_out(actor=cast.officer, measure=measure, on=late)
        assert Deadline.objects.get(case=case, key="seizure_execution").met_late
        assert measure_events(case, "done")[0].payload["late"] is True

    def test_carrying_out_one_seizure_leaves_the_time_limit_of_another_running(
        self, case, add_asset, cast, calendar
    ):
        bike = add_asset(AssetKind.VEHICLE)
        fridge = add_asset(AssetKind.MOVABLE)
        first = seizure_order(
            actor=cast.officer, case=case, on=date(2025, 5, 2), items=[TV], asset=bike
        )
        seizure_order(
            actor=cast.officer, case=case, on=date(2025, 5, 9), items=[FRIDGE], asset=fridge
        )
        measure_carried_out(actor=cast.officer, measure=first, on=date(2025, 5, 6))
        still_open = open_deadlines(case, "seizure_execution")
        assert [d.started_on for d in still_open] == [date(2025, 5, 9)]
        assert still_open[0].due_on == calendar.add_working_days(date(2025, 5, 9), 7)

    @pytest.mark.parametrize("kind", [AssetKind.LAND, AssetKind.BUILDING, AssetKind.BANK_ACCOUNT])
    def test_land_buildings_and_accounts_are_not_seized(self, case, add_asset, cast, kind):
        asset = add_asset(kind)
        with pytest.raises(ApplicationError) as exc:
            seizure_order(
                actor=cast.officer, case=case, on=date(2025, 5, 2), items=[TV], asset=asset
            )
        assert "asset" in exc.value.message_dict
        assert not Measure.objects.filter(case=case, kind=MeasureKind.SEIZURE).exists()

    def test_an_asset_of_another_case_is_refused(self, case, make_case, cast):
        other = advance(make_case(number="313/ສປ", allow_duplicate=True), cast, "start_compulsory")
        other_debtor = other.case_parties.get(role="debtor").party
        foreign = asset_record(
            actor=cast.officer, case=other, data=asset_data(AssetKind.VEHICLE, other_debtor)
        )
        with pytest.raises(ApplicationError):
            seizure_order(
                actor=cast.officer, case=case, on=date(2025, 5, 2), items=[TV], asset=foreign
            )
        assert not Measure.objects.filter(kind=MeasureKind.SEIZURE).exists()

    @pytest.mark.parametrize(
        ("items", "field"),
        [
            ([], "items"),
            ([ItemData("  ", Decimal("100000"), "LAK")], "items"),
            ([ItemData("ພັດລົມ", Decimal("100000"), "LAK", quantity=0)], "items"),
            ([ItemData("ພັດລົມ", Decimal("0"), "LAK")], "items"),
            ([ItemData("ພັດລົມ", Decimal("100000.5"), "LAK")], "items"),
            ([ItemData("ພັດລົມ", Decimal("100000"), "")], "currency"),
            ([ItemData("ພັດລົມ", Decimal("100000"), "LAK", exempt_kind="jewellery")], "items"),
        ],
    )
    def test_an_incomplete_inventory_is_refused(self, case, cast, items, field):
        with pytest.raises(ApplicationError) as exc:
            seizure_order(actor=cast.officer, case=case, on=date(2025, 5, 2), items=items)
        assert field in exc.value.message_dict
        assert not Measure.objects.filter(case=case).exists()
        assert not Deadline.objects.filter(case=case, key="seizure_execution").exists()


@pytest.mark.django_db
class TestExemptProperty:
    @pytest.mark.parametrize(
        ("description", "kind", "value", "members", "refused"),
        [
            ("ພຣະພຸດທະຮູບ ທອງເຫຼືອງ", ExemptKind.RELIGIOUS, "1000000", 1, True),
            ("ພຣະພຸດທະຮູບ ທອງເຫຼືອງ", ExemptKind.RELIGIOUS, "1000001", 1, False),
            ("ເຄື່ອງນຸ່ງຫົ່ມ ແລະ ເຄື່ອງນອນ", ExemptKind.HOUSEHOLD, "5000000", 1, True),
            ("ເຄື່ອງນຸ່ງຫົ່ມ ແລະ ເຄື່ອງນອນ", ExemptKind.HOUSEHOLD, "5000001", 1, False),
            ("ເຄື່ອງນຸ່ງຫົ່ມ ແລະ ເຄື່ອງນອນ", ExemptKind.HOUSEHOLD, "10000000", 2, True),
            ("ເຄື່ອງນຸ່ງຫົ່ມ ແລະ ເຄື່ອງນອນ", ExemptKind.HOUSEHOLD, "10000001", 2, False),
            ("ຈັກຫຍິບເຄື່ອງ ແລະ ເຄື່ອງມືຕັດຫຍິບ", ExemptKind.WORK_TOOLS, "5000000", 1, True),
            ("ຈັກຫຍິບເຄື່ອງ ແລະ ເຄື່ອງມືຕັດຫຍິບ", ExemptKind.WORK_TOOLS, "5000001", 1, False),
            ("ເຂົ້າສານ ແລະ ຢາປົວພະຍາດ", ExemptKind.FOOD_MEDICINE, "1", 1, True),
            ("ເຂົ້າສານ ແລະ ຢາປົວພະຍາດ", ExemptKind.FOOD_MEDICINE, "80000000", 4, True),
        ],
    )
    def test_thresholds_of_article_57(self, case, cast, description, kind, value, members, refused):
        item = ItemData(description, Decimal(value), "LAK", exempt_kind=kind)
        if refused:
            with override("en"), pytest.raises(ApplicationError) as exc:
                seizure_order(
                    actor=cast.officer,
                    case=case,
                    on=date(2025, 5, 2),
                    items=[item],
                    household_members=members,
                )
            message = " ".join(exc.value.message_dict["items"])
            assert description in message
            assert "Art. 57" in message
            assert not Measure.objects.filter(case=case).exists()
            assert not SeizedItem.objects.exists()
        else:
            measure = seizure_order(
                actor=cast.officer,
                case=case,
                on=date(2025, 5, 2),
                items=[item],
                household_members=members,
            )
            saved = measure.items.get()
            assert (saved.description, saved.value, saved.exempt_kind) == (
                description,
                Decimal(value),
                kind,
            )

    def test_household_items_are_exempt_up_to_five_million_per_person(self, case, cast):
        clothes = ItemData(
            "ເຄື່ອງນຸ່ງຫົ່ມ ແລະ ເຄື່ອງນອນ", Decimal("10000000"), "LAK", exempt_kind="household"
        )
        with override("en"), pytest.raises(ApplicationError) as exc:
            seizure_order(
                actor=cast.officer,
                case=case,
                on=date(2025, 5, 2),
                items=[clothes],
                household_members=2,
            )
        # The threshold of a household of two is 2 × 5,000,000 kip.
        assert "10,000,000" in exc.value.message_dict["items"][0]
        # The same items in a household of one person are above the threshold.
        measure = seizure_order(actor=cast.officer, case=case, on=date(2025, 5, 2), items=[clothes])
        assert measure.items.count() == 1

    def test_an_exempt_item_must_be_valued_in_kip(self, case, cast):
        statue = ItemData(
            "ພຣະພຸດທະຮູບ ທອງເຫຼືອງ", Decimal("5000"), "USD", exempt_kind=ExemptKind.RELIGIOUS
        )
        with pytest.raises(ApplicationError) as exc:
            seizure_order(actor=cast.officer, case=case, on=date(2025, 5, 2), items=[statue])
        assert "ພຣະພຸດທະຮູບ ທອງເຫຼືອງ" in exc.value.message_dict["items"][0]
        assert not Measure.objects.exists()

    def test_nothing_is_saved_when_one_item_of_several_is_exempt(self, case, add_asset, cast):
        bike = add_asset(AssetKind.VEHICLE)
        food = ItemData(
            "ເຂົ້າສານ 50 ກິໂລ", Decimal("750000"), "LAK", exempt_kind=ExemptKind.FOOD_MEDICINE
        )
        statue = ItemData(
            "ພຣະພຸດທະຮູບ ທອງເຫຼືອງ", Decimal("3500000"), "LAK", exempt_kind=ExemptKind.RELIGIOUS
        )
        counts = (
            Measure.objects.count(),
            SeizedItem.objects.count(),
            Deadline.objects.filter(case=case).count(),
            case.events.count(),
            AuditRecord.objects.count(),
        )
        with pytest.raises(ApplicationError) as exc:
            seizure_order(
                actor=cast.officer,
                case=case,
                on=date(2025, 5, 2),
                items=[TV, statue, food, FRIDGE],
                asset=bike,
            )
        message = " ".join(exc.value.message_dict["items"])
        assert "ເຂົ້າສານ 50 ກິໂລ" in message
        assert "ພຣະພຸດທະຮູບ" not in message
        assert TV.description not in message
        assert counts == (
            Measure.objects.count(),
            SeizedItem.objects.count(),
            Deadline.objects.filter(case=case).count(),
            case.events.count(),
            AuditRecord.objects.count(),
        )
        bike.refresh_from_db()
        assert bike.status == AssetStatus.DECLARED


# --- Bank debit (Art. 58) ------------------------------------------------------------------


@pytest.mark.django_db
class TestBankDebit:
    def test_the_account_must_first_be_frozen(self, case, add_asset, cast):
        account = add_asset(AssetKind.BANK_ACCOUNT)
        with pytest.raises(ApplicationError) as exc:
            bank_debit_order(
                actor=cast.officer,
                asset=account,
                on=date(2025, 5, 5),
                amount=Decimal("15000000"),
                currency="LAK",
            )
        assert "asset" in exc.value.message_dict
        assert not Measure.objects.filter(kind=MeasureKind.BANK_DEBIT).exists()
        assert not Deadline.objects.filter(case=case, key="bank_debit_transfer").exists()

    def test_only_a_bank_account_is_debited(self, add_asset, cast):
        land = add_asset(AssetKind.LAND)
        freeze_order(actor=cast.officer, asset=land, on=date(2025, 5, 2))
        with pytest.raises(ApplicationError) as exc:
            bank_debit_order(
                actor=cast.officer,
                asset=land,
                on=date(2025, 5, 5),
                amount=Decimal("15000000"),
                currency="LAK",
            )
        assert "asset" in exc.value.message_dict

    def test_a_debit_of_a_frozen_account_gives_the_bank_seven_working_days(
        self, case, add_asset, cast, calendar
    ):
        account = add_asset(AssetKind.BANK_ACCOUNT)
        freeze_order(actor=cast.officer, asset=account, on=date(2025, 5, 2))
        on = date(2025, 5, 5)
        measure = bank_debit_order(
            actor=cast.officer, asset=account, on=on, amount=Decimal("15000000"), currency="LAK"
        )
        assert (measure.kind, measure.status) == (MeasureKind.BANK_DEBIT, MeasureStatus.ORDERED)
        assert (measure.amount, measure.currency) == (Decimal("15000000"), "LAK")
        assert measure.third_party == "ທະນາຄານການຄ້າຕ່າງປະເທດລາວ (BCEL)"
        deadline = Deadline.objects.get(case=case, key="bank_debit_transfer")
        assert (deadline.started_on, deadline.due_on) == (on, calendar.add_working_days(on, 7))
        assert deadline.rule.article == "58"
        measure_carried_out(actor=cast.officer, measure=measure, on=date(2025, 5, 9))
        deadline.refresh_from_db()
        assert deadline.met_on == date(2025, 5, 9)

    def test_the_amount_must_be_positive(self, add_asset, cast):
        account = add_asset(AssetKind.BANK_ACCOUNT)
        freeze_order(actor=cast.officer, asset=account, on=date(2025, 5, 2))
        with pytest.raises(ApplicationError) as exc:
            bank_debit_order(
                actor=cast.officer,
                asset=account,
                on=date(2025, 5, 5),
                amount=Decimal("0"),
                currency="LAK",
            )
        assert "amount" in exc.value.message_dict
        assert not Measure.objects.filter(kind=MeasureKind.BANK_DEBIT).exists()


# --- Deductions (Art. 59–60) and garnishment (Art. 61) ------------------------------------


def _deduct(cast, asset, rate, basis=RateBasis.LAW, income="5000000"):
    return deduction_order(
        actor=cast.officer,
        asset=asset,
        on=date(2025, 5, 5),
        income=Decimal(income),
        currency="LAK",
        rate=Decimal(rate),
        basis=basis,
    )


@pytest.mark.django_db
class TestDeductions:
    def test_thirty_percent_of_wages_is_deducted_every_month(self, case, add_asset, cast):
        wages = add_asset(AssetKind.WAGES)
        measure = _deduct(cast, wages, "30")
        assert measure.kind == MeasureKind.WAGE_DEDUCTION
        assert (measure.rate, measure.rate_basis) == (Decimal("30"), RateBasis.LAW)
        assert measure.base_amount == Decimal("5000000")
        # 30 % of 5,000,000 kip.
        assert (measure.amount, measure.currency) == (Decimal("1500000"), "LAK")
        assert measure.third_party == "ບໍລິສັດ ລາວໂທລະຄົມ"
        event = measure_events(case, "ordered")[0]
        assert event.payload["rate"] == "30"
        assert Decimal(event.payload["amount"]) == Decimal("1500000")

    def test_above_thirty_percent_of_wages_is_refused_citing_article_59(self, add_asset, cast):
        wages = add_asset(AssetKind.WAGES)
        with override("en"), pytest.raises(ApplicationError) as exc:
            _deduct(cast, wages, "30.01")
        message = exc.value.message_dict["rate"][0]
        assert "30 %" in message
        assert "Art. 59" in message
        with override("lo"), pytest.raises(ApplicationError) as exc:
            _deduct(cast, wages, "30.01")
        message = exc.value.message_dict["rate"][0]
        assert "59" in message
        assert "30" in message
        assert not Measure.objects.filter(asset=wages).exists()

    @pytest.mark.parametrize("basis", [RateBasis.AGREEMENT, RateBasis.COURT])
    def test_more_of_wages_when_the_parties_agreed_or_the_court_decided(
        self, add_asset, cast, basis
    ):
        wages = add_asset(AssetKind.WAGES)
        measure = _deduct(cast, wages, "45", basis)
        measure.refresh_from_db()
        assert (measure.rate, measure.rate_basis) == (Decimal("45"), basis)
        assert measure.amount == Decimal("2250000")

    def test_sixty_percent_of_business_income_is_the_limit_of_article_60(
        self, case, add_asset, cast
    ):
        shop = add_asset(AssetKind.BUSINESS_INCOME)
        measure = _deduct(cast, shop, "60", income="12000000")
        assert measure.kind == MeasureKind.INCOME_DEDUCTION
        assert measure.amount == Decimal("7200000")
        for basis in (RateBasis.LAW, RateBasis.AGREEMENT, RateBasis.COURT):
            with override("en"), pytest.raises(ApplicationError) as exc:
                _deduct(cast, shop, "61", basis, income="12000000")
            message = exc.value.message_dict["rate"][0]
            assert "60 %" in message
            assert "Art. 60" in message
        assert Measure.objects.filter(asset=shop).count() == 1

    def test_a_monthly_deduction_in_kip_is_a_whole_number_of_kip(self, add_asset, cast):
        wages = add_asset(AssetKind.WAGES)
        measure = _deduct(cast, wages, "30", income="3333333")
        measure.refresh_from_db()
        exact = Decimal("3333333") * Decimal("30") / 100  # 999,999.9 kip
        assert measure.amount == measure.amount.to_integral_value()
        assert exact - 1 < measure.amount <= exact

    @pytest.mark.parametrize("rate", ["0", "-5", "100.01"])
    def test_a_rate_outside_zero_to_a_hundred_is_refused(self, add_asset, cast, rate):
        wages = add_asset(AssetKind.WAGES)
        with pytest.raises(ApplicationError) as exc:
            _deduct(cast, wages, rate, RateBasis.COURT)
        assert "rate" in exc.value.message_dict

    def test_only_wages_or_business_income_and_a_known_basis(self, add_asset, cast):
        land = add_asset(AssetKind.LAND)
        with pytest.raises(ApplicationError) as exc:
            _deduct(cast, land, "10")
        assert "asset" in exc.value.message_dict
        wages = add_asset(AssetKind.WAGES)
        with pytest.raises(ApplicationError) as exc:
            _deduct(cast, wages, "10", basis="custom")
        assert "basis" in exc.value.message_dict
        assert not Measure.objects.exists()

    def test_garnishment_of_money_a_third_party_owes(self, case, add_asset, cast):
        loan = add_asset(AssetKind.RECEIVABLE)
        measure = garnishment_order(
            actor=cast.officer,
            asset=loan,
            on=date(2025, 5, 5),
            amount=Decimal("8000000"),
            currency="LAK",
        )
        assert (measure.kind, measure.status) == (MeasureKind.GARNISHMENT, MeasureStatus.ORDERED)
        assert measure.third_party == "ທ້າວ ບຸນທັນ ແສງສຸລິຍາ"
        wages = add_asset(AssetKind.WAGES)
        with pytest.raises(ApplicationError):
            garnishment_order(
                actor=cast.officer,
                asset=wages,
                on=date(2025, 5, 5),
                amount=Decimal("8000000"),
                currency="LAK",
            )

    def test_an_outsider_may_not_order_a_deduction(self, add_asset, cast):
        wages = add_asset(AssetKind.WAGES)
        with pytest.raises(AccessDenied):
            deduction_order(
                actor=cast.outsider_district,
                asset=wages,
                on=date(2025, 5, 5),
                income=Decimal("5000000"),
                currency="LAK",
                rate=Decimal("20"),
            )
        assert not Measure.objects.exists()


# --- Summons and bringing in (Art. 54) -----------------------------------------------------

SUMMONSES = [
    (date(2025, 5, 5), date(2025, 5, 8)),
    (date(2025, 5, 12), date(2025, 5, 15)),
    (date(2025, 5, 19), date(2025, 5, 22)),
]


def _summon(case, cast, party, count, *, appeared_last=False):
    for n, (served_on, appear_on) in enumerate(SUMMONSES[:count], start=1):
        measure = summons_record(
            actor=cast.officer, case=case, party=party, served_on=served_on, appear_on=appear_on
        )
        summons_outcome(
            actor=cast.officer,
            measure=measure,
            appeared=appeared_last and n == count,
            on=appear_on + timedelta(days=1),
        )


def _at(hour, minute):
    return datetime(2025, 5, 26, hour, minute, tzinfo=VIENTIANE)


@pytest.mark.django_db
class TestSummons:
    def test_a_summons_is_recorded_with_its_day_to_appear(self, case, debtor, cast):
        measure = summons_record(
            actor=cast.officer,
            case=case,
            party=debtor,
            served_on=date(2025, 5, 5),
            appear_on=date(2025, 5, 8),
        )
        assert (measure.kind, measure.status) == (MeasureKind.SUMMONS, MeasureStatus.ORDERED)
        assert (measure.ordered_on, measure.appear_on, measure.party) == (
            date(2025, 5, 5),
            date(2025, 5, 8),
            debtor,
        )
        assert measure_events(case, "summons")[0].payload["name"] == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"

    def test_the_day_to_appear_cannot_be_before_the_service(self, case, debtor, cast):
        with pytest.raises(ApplicationError) as exc:
            summons_record(
                actor=cast.officer,
                case=case,
                party=debtor,
                served_on=date(2025, 5, 8),
                appear_on=date(2025, 5, 7),
            )
        assert "appear_on" in exc.value.message_dict
        assert not Measure.objects.exists()

    def test_a_summons_is_ignored_only_after_the_day_to_appear(self, case, debtor, cast):
        measure = summons_record(
            actor=cast.officer,
            case=case,
            party=debtor,
            served_on=date(2025, 5, 5),
            appear_on=date(2025, 5, 8),
        )
        with override("en"), pytest.raises(ApplicationError) as exc:
            summons_outcome(
                actor=cast.officer, measure=measure, appeared=False, on=date(2025, 5, 7)
            )
        assert "8 May 2025" in exc.value.message_dict["on"][0]
        measure.refresh_from_db()
        assert measure.status == MeasureStatus.ORDERED
        summons_outcome(actor=cast.officer, measure=measure, appeared=False, on=date(2025, 5, 9))
        measure.refresh_from_db()
        assert (measure.status, measure.done_on) == (MeasureStatus.IGNORED, date(2025, 5, 9))
        with pytest.raises(ApplicationError):
            summons_outcome(actor=cast.officer, measure=measure, appeared=True, on=date(2025, 5, 9))

    def test_appearing_is_recorded_on_any_day(self, case, debtor, cast):
        measure = summons_record(
            actor=cast.officer,
            case=case,
            party=debtor,
            served_on=date(2025, 5, 5),
            appear_on=date(2025, 5, 8),
        )
        summons_outcome(actor=cast.officer, measure=measure, appeared=True, on=date(2025, 5, 6))
        measure.refresh_from_db()
        assert measure.status == MeasureStatus.DONE


@pytest.mark.django_db
class TestBringIn:
    @pytest.mark.parametrize("ignored", [0, 2])
    def test_fewer_than_three_ignored_summonses_is_refused(self, case, debtor, cast, ignored):
        _summon(case, cast, debtor, ignored)
        with override("en"), pytest.raises(ApplicationError) as exc:
            bring_in_order(actor=cast.officer, case=case, party=debtor, at=_at(9, 0))
        message = exc.value.message_dict["at"][0]
        assert f"has ignored {ignored} summonses" in message
        assert "needs 3" in message
        assert "Art. 54" in message
        assert not Measure.objects.filter(kind=MeasureKind.BRING_IN).exists()

    def test_a_summons_the_debtor_answered_does_not_count(self, case, debtor, cast):
        _summon(case, cast, debtor, 3, appeared_last=True)
        with override("en"), pytest.raises(ApplicationError) as exc:
            bring_in_order(actor=cast.officer, case=case, party=debtor, at=_at(9, 0))
        assert "has ignored 2 summonses" in exc.value.message_dict["at"][0]

    @pytest.mark.parametrize(
        ("hour", "minute", "allowed"),
        [(5, 59, False), (6, 0, True), (12, 30, True), (18, 0, True), (18, 1, False)],
    )
    def test_only_between_six_and_eighteen_hours_local_time(
        self, case, debtor, cast, hour, minute, allowed
    ):
        _summon(case, cast, debtor, 3)
        at = _at(hour, minute)
        if allowed:
            measure = bring_in_order(actor=cast.officer, case=case, party=debtor, at=at)
            measure.refresh_from_db()
            assert measure.kind == MeasureKind.BRING_IN
            assert measure.at == at
            assert measure.ordered_on == date(2025, 5, 26)
            event = measure_events(case, "ordered")[0]
            assert event.payload["at"] == f"{hour:02d}:{minute:02d}"
        else:
            with override("en"), pytest.raises(ApplicationError) as exc:
                bring_in_order(actor=cast.officer, case=case, party=debtor, at=at)
            assert "between 06:00 and 18:00" in exc.value.message_dict["at"][0]
            assert not Measure.objects.filter(kind=MeasureKind.BRING_IN).exists()

    def test_the_hours_are_those_of_vientiane_whatever_the_time_zone_given(
        self, case, debtor, cast
    ):
        _summon(case, cast, debtor, 3)
        # 23:30 UTC on 25 May is 06:30 on 26 May in Vientiane (UTC+7).
        measure = bring_in_order(
            actor=cast.officer,
            case=case,
            party=debtor,
            at=datetime(2025, 5, 25, 23, 30, tzinfo=UTC),
        )
        assert measure.ordered_on == date(2025, 5, 26)
        # 11:30 UTC is 18:30 in Vientiane.
        with pytest.raises(ApplicationError):
            bring_in_order(
                actor=cast.officer,
                case=case,
                party=debtor,
                at=datetime(2025, 5, 26, 11, 30, tzinfo=UTC),
            )

    def test_only_the_debtor_is_brought_in(self, case, creditor, cast):
        _summon(case, cast, creditor, 3)
        with pytest.raises(ApplicationError) as exc:
            bring_in_order(actor=cast.officer, case=case, party=creditor, at=_at(9, 0))
        assert "party" in exc.value.message_dict
        assert not Measure.objects.filter(kind=MeasureKind.BRING_IN).exists()

    def test_an_outsider_may_not_order_it(self, case, debtor, cast):
        _summon(case, cast, debtor, 3)
        with pytest.raises(AccessDenied):
            bring_in_order(actor=cast.outsider_district, case=case, party=debtor, at=_at(9, 0))


# --- Eviction (Art. 33) --------------------------------------------------------------------


@pytest.mark.django_db
class TestEviction:
    def test_ninety_days_to_vacate_is_allowed_and_runs_as_a_deadline(self, case, add_asset, cast):
        house = add_asset(AssetKind.BUILDING)
        on = date(2025, 6, 2)
        measure = eviction_order(actor=cast.officer, case=case, on=on, period_days=90, asset=house)
        assert (measure.kind, measure.period_days, measure.asset) == (
            MeasureKind.EVICTION,
            90,
            house,
        )
        deadline = last_deadline(case, "eviction_period")
        assert (deadline.started_on, deadline.due_on) == (on, date(2025, 8, 31))
        assert deadline.bearer == "debtor"
        measure_carried_out(actor=cast.officer, measure=measure, on=date(2025, 8, 20))
        deadline.refresh_from_db()
        assert deadline.met_on == date(2025, 8, 20)
        assert not deadline.met_late

    def test_the_deadline_is_the_period_given(self, case, cast):
        eviction_order(actor=cast.officer, case=case, on=date(2025, 6, 2), period_days=30)
        assert last_deadline(case, "eviction_period").due_on == date(2025, 7, 2)

    @pytest.mark.parametrize("days", [91, 0])
    def test_a_period_above_ninety_days_or_none_is_refused(self, case, cast, days):
        with override("en"), pytest.raises(ApplicationError) as exc:
            eviction_order(actor=cast.officer, case=case, on=date(2025, 6, 2), period_days=days)
        message = exc.value.message_dict["period_days"][0]
        assert "Art. 33" in message
        assert "90 days" in message
        assert not Measure.objects.exists()
        assert not Deadline.objects.filter(key="eviction_period").exists()

    def test_only_land_or_a_building_is_vacated(self, case, add_asset, cast):
        bike = add_asset(AssetKind.VEHICLE)
        with pytest.raises(ApplicationError) as exc:
            eviction_order(
                actor=cast.officer, case=case, on=date(2025, 6, 2), period_days=30, asset=bike
            )
        assert "asset" in exc.value.message_dict
        assert not Measure.objects.exists()
        assert not Deadline.objects.filter(key="eviction_period").exists()

    def test_an_asset_of_another_case_is_refused(self, case, make_case, cast):
        other = advance(make_case(number="314/ສປ", allow_duplicate=True), cast, "start_compulsory")
        other_debtor = other.case_parties.get(role="debtor").party
        foreign = asset_record(
            actor=cast.officer, case=other, data=asset_data(AssetKind.BUILDING, other_debtor)
        )
        with pytest.raises(ApplicationError):
            eviction_order(
                actor=cast.officer, case=case, on=date(2025, 6, 2), period_days=30, asset=foreign
            )
        assert not Measure.objects.exists()
