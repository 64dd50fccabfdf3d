"""The register of assets (Art. 24): what identifies each kind, whose it is, who may record it,
and the trace it leaves; the inspection that confirms the assets found."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import override

from ejcms.cases.choices import PartyKind, PartyRole, TimelineKind
from ejcms.cases.services import PartyData
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.models import AuditRecord
from ejcms.measures.choices import AssetKind, AssetStatus, DeclaredBy, MeasureKind
from ejcms.measures.models import Asset, Measure
from ejcms.measures.services.assets import asset_record, inspection_record
from tests.conftest import advance
from tests.measures.conftest import ASSET_DEFAULTS, DECLARED_ON, asset_data


@pytest.mark.django_db
class TestRequiredFields:
    @pytest.mark.parametrize("kind", list(AssetKind))
    def test_every_kind_is_recorded_with_what_identifies_it(self, case, debtor, cast, kind):
        asset = asset_record(actor=cast.officer, case=case, data=asset_data(kind, debtor))
        asset.refresh_from_db()
        assert asset.case == case
        assert asset.kind == kind
        assert asset.owner == debtor
        assert asset.description == ASSET_DEFAULTS[kind]["description"]
        assert asset.status == AssetStatus.DECLARED
        assert asset.declared_on == DECLARED_ON
        for field, value in ASSET_DEFAULTS[kind].items():
            assert getattr(asset, field) == value, field

    @pytest.mark.parametrize(
        ("kind", "field"),
        [
            (AssetKind.LAND, "title_number"),
            (AssetKind.VEHICLE, "plate"),
            (AssetKind.BANK_ACCOUNT, "bank"),
            (AssetKind.BANK_ACCOUNT, "account_number"),
            (AssetKind.WAGES, "payer_name"),
            (AssetKind.BUSINESS_INCOME, "payer_name"),
            (AssetKind.RECEIVABLE, "payer_name"),
        ],
    )
    @pytest.mark.parametrize("blank", ["", "   "])
    def test_a_missing_identifying_field_is_refused_and_named(
        self, case, debtor, cast, kind, field, blank
    ):
        with pytest.raises(ApplicationError) as exc:
            asset_record(
                actor=cast.officer, case=case, data=asset_data(kind, debtor, **{field: blank})
            )
        assert field in exc.value.message_dict
        assert not Asset.objects.filter(case=case).exists()

    @pytest.mark.parametrize("kind", list(AssetKind))
    def test_every_kind_needs_a_description(self, case, debtor, cast, kind):
        with pytest.raises(ApplicationError) as exc:
            asset_record(
                actor=cast.officer, case=case, data=asset_data(kind, debtor, description="  ")
            )
        assert list(exc.value.message_dict) == ["description"]
        assert not Asset.objects.filter(case=case).exists()

    def test_several_missing_fields_are_named_together(self, case, debtor, cast):
        with pytest.raises(ApplicationError) as exc:
            asset_record(
                actor=cast.officer,
                case=case,
                data=asset_data(AssetKind.BANK_ACCOUNT, debtor, bank="", account_number=""),
            )
        assert set(exc.value.message_dict) == {"bank", "account_number"}

    def test_a_vehicle_with_neither_plate_nor_chassis_is_refused(self, case, debtor, cast):
        with override("en"), pytest.raises(ApplicationError) as exc:
            asset_record(
                actor=cast.officer,
                case=case,
                data=asset_data(AssetKind.VEHICLE, debtor, plate="", chassis=""),
            )
        assert exc.value.message_dict["plate"] == ["Give the number plate or the chassis number."]

    def test_a_vehicle_known_by_its_chassis_number_alone_is_recorded(self, case, debtor, cast):
        # The service's own message asks for "the number plate or the chassis number": an
        # unregistered motorbike is identified by its chassis number.
        asset = asset_record(
            actor=cast.officer,
            case=case,
            data=asset_data(
                AssetKind.VEHICLE,
                debtor,
                description="ລົດຈັກ ຊູຊູກິ ສະແມັດ ບໍ່ມີປ້າຍທະບຽນ",
                plate="",
                chassis="mh8bg41ca-j1234567",
            ),
        )
        assert asset.plate == ""
        assert asset.chassis == "MH8BG41CA-J1234567"

    def test_building_and_other_movables_need_only_a_description(self, case, debtor, cast):
        for kind in (AssetKind.BUILDING, AssetKind.MOVABLE):
            asset_record(actor=cast.officer, case=case, data=asset_data(kind, debtor))
        assert Asset.objects.filter(case=case).count() == 2

    def test_identifying_fields_are_trimmed_and_plates_upper_cased(self, case, debtor, cast):
        asset = asset_record(
            actor=cast.officer,
            case=case,
            data=asset_data(
                AssetKind.VEHICLE,
                debtor,
                description="  ລົດໃຫຍ່ ໂຕໂຍຕ້າ ວີໂກ້  ",
                plate=" vt 1234 ",
            ),
        )
        assert asset.description == "ລົດໃຫຍ່ ໂຕໂຍຕ້າ ວີໂກ້"
        assert asset.plate == "VT 1234"

    def test_an_area_must_be_positive(self, case, debtor, cast):
        with pytest.raises(ApplicationError) as exc:
            asset_record(
                actor=cast.officer,
                case=case,
                data=asset_data(AssetKind.LAND, debtor, area_m2=Decimal("0")),
            )
        assert "area_m2" in exc.value.message_dict

    def test_an_estimated_value_needs_its_currency_and_whole_kip(self, case, debtor, cast):
        for fields, error_field in [
            ({"estimated_value": Decimal("250000000"), "currency": ""}, "currency"),
            ({"estimated_value": Decimal("250000000.50"), "currency": "LAK"}, "estimated_value"),
            ({"estimated_value": Decimal("-1"), "currency": "LAK"}, "estimated_value"),
        ]:
            with pytest.raises(ApplicationError) as exc:
                asset_record(
                    actor=cast.officer,
                    case=case,
                    data=asset_data(AssetKind.LAND, debtor, **fields),
                )
            assert error_field in exc.value.message_dict, fields
        assert not Asset.objects.filter(case=case).exists()
        asset = asset_record(
            actor=cast.officer,
            case=case,
            data=asset_data(
                AssetKind.LAND, debtor, estimated_value=Decimal("250000000"), currency="LAK"
            ),
        )
        assert (asset.estimated_value, asset.currency) == (Decimal("250000000"), "LAK")

    def test_a_declaration_dated_in_the_future_is_refused(self, case, debtor, cast):
        tomorrow = timezone.localdate() + timedelta(days=1)
        with pytest.raises(ApplicationError) as exc:
            asset_record(
                actor=cast.officer,
                case=case,
                data=asset_data(AssetKind.LAND, debtor, declared_on=tomorrow),
            )
        assert "declared_on" in exc.value.message_dict

    def test_an_unknown_kind_or_declarant_is_refused(self, case, debtor, cast):
        with pytest.raises(ApplicationError) as exc:
            asset_record(
                actor=cast.officer,
                case=case,
                data=replace(asset_data(AssetKind.MOVABLE, debtor), kind="gold", declared_by="x"),
            )
        assert set(exc.value.message_dict) == {"kind", "declared_by"}

    def test_evidence_must_be_a_pdf_or_an_image_of_at_most_ten_megabytes(self, case, debtor, cast):
        data = asset_data(AssetKind.LAND, debtor)
        text = SimpleUploadedFile("ໃບຕາດິນ.txt", b"title deed", content_type="text/plain")
        with pytest.raises(ApplicationError) as exc:
            asset_record(actor=cast.officer, case=case, data=data, evidence=text)
        assert "evidence" in exc.value.message_dict
        big = SimpleUploadedFile("ໃບຕາດິນ.pdf", b"%PDF-1.4", content_type="application/pdf")
        big.size = 10 * 1024 * 1024 + 1
        with pytest.raises(ApplicationError) as exc:
            asset_record(actor=cast.officer, case=case, data=data, evidence=big)
        assert "evidence" in exc.value.message_dict
        assert not Asset.objects.filter(case=case).exists()


@pytest.mark.django_db
class TestOwner:
    def test_the_owner_must_be_a_party_of_the_case(self, case, make_case, cast):
        other = make_case(
            number="311/ສປ",
            parties=[
                PartyData(role=PartyRole.CREDITOR, kind=PartyKind.PERSON, name_lo="ນາງ ຄຳແພງ ສີວົງ"),
                PartyData(role=PartyRole.DEBTOR, kind=PartyKind.PERSON, name_lo="ທ້າວ ວິໄລ ພົມມະສອນ"),
            ],
        )
        stranger = other.case_parties.get(role=PartyRole.DEBTOR).party
        for owner in (stranger, None):
            with pytest.raises(ApplicationError) as exc:
                asset_record(actor=cast.officer, case=case, data=asset_data(AssetKind.LAND, owner))
            assert "owner" in exc.value.message_dict
        assert not Asset.objects.filter(case=case).exists()

    def test_an_asset_of_the_creditor_or_a_third_party_of_the_case_is_accepted(
        self, case, creditor, cast
    ):
        asset = asset_record(
            actor=cast.officer, case=case, data=asset_data(AssetKind.VEHICLE, creditor)
        )
        assert asset.owner == creditor


@pytest.mark.django_db
class TestTrace:
    def test_recording_writes_a_timeline_event_and_an_audit_record(self, case, debtor, cast):
        asset = asset_record(
            actor=cast.officer, case=case, data=asset_data(AssetKind.VEHICLE, debtor)
        )
        event = case.events.filter(kind=TimelineKind.ASSET).get()
        assert event.actor == cast.officer
        assert event.on == DECLARED_ON
        assert event.payload == {
            "action": "recorded",
            "asset": asset.pk,
            "description": "ລົດຈັກ ຮອນດ້າ ເວບ 110",
            "kind": AssetKind.VEHICLE.value,
            "declared_by": DeclaredBy.CREDITOR.value,
        }
        audit = AuditRecord.objects.get(object_type="measures.asset", object_id=str(asset.pk))
        assert audit.action == "asset.recorded"
        assert audit.actor == cast.officer
        assert audit.payload["case"] == case.pk
        assert audit.payload["on"] == DECLARED_ON.isoformat()

    def test_a_refusal_leaves_no_trace(self, case, debtor, cast):
        events = case.events.count()
        audits = AuditRecord.objects.count()
        with pytest.raises(ApplicationError):
            asset_record(
                actor=cast.officer,
                case=case,
                data=asset_data(AssetKind.LAND, debtor, title_number=""),
            )
        assert case.events.count() == events
        assert AuditRecord.objects.count() == audits


@pytest.mark.django_db
class TestWhoMayRecord:
    @pytest.mark.parametrize(
        "who",
        ["outsider_district", "head_other_district", "outsider_province", "officer2", "clerk"],
    )
    def test_only_the_officer_in_charge_or_the_head_may_record(self, case, debtor, cast, who):
        with pytest.raises(AccessDenied):
            asset_record(
                actor=getattr(cast, who), case=case, data=asset_data(AssetKind.LAND, debtor)
            )
        assert not Asset.objects.filter(case=case).exists()
        assert not AuditRecord.objects.filter(object_type="measures.asset").exists()

    def test_the_head_of_office_may_record(self, case, debtor, cast):
        asset = asset_record(actor=cast.head, case=case, data=asset_data(AssetKind.LAND, debtor))
        assert asset.created_by == cast.head

    def test_no_asset_is_recorded_in_a_terminated_case(self, make_case, cast):
        case = advance(make_case(), cast, "terminate")
        debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
        with pytest.raises(ApplicationError):
            asset_record(
                actor=cast.head,
                case=case,
                data=asset_data(AssetKind.LAND, debtor, declared_on=date(2025, 5, 6)),
            )
        assert not Asset.objects.filter(case=case).exists()


@pytest.mark.django_db
class TestInspection:
    def test_an_asset_declared_at_inspection_is_found(self, case, debtor, cast):
        asset = asset_record(
            actor=cast.officer,
            case=case,
            data=asset_data(AssetKind.MOVABLE, debtor, declared_by=DeclaredBy.INSPECTION),
        )
        assert asset.status == AssetStatus.FOUND

    def test_the_inspection_confirms_the_assets_found(self, case, add_asset, cast):
        land = add_asset(AssetKind.LAND)
        car = add_asset(AssetKind.VEHICLE)
        on = date(2025, 5, 6)
        measure = inspection_record(
            actor=cast.officer,
            case=case,
            on=on,
            found=[land],
            note="ກວດກາຊັບສິນ ຢູ່ບ້ານໂພນສະອາດ ຕໍ່ໜ້າ ນາຍບ້ານ ແລະ ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນ.",
        )
        assert (measure.kind, measure.done_on) == (MeasureKind.INSPECTION, on)
        land.refresh_from_db()
        car.refresh_from_db()
        assert land.status == AssetStatus.FOUND
        assert car.status == AssetStatus.DECLARED
        event = case.events.filter(kind=TimelineKind.MEASURE).get()
        assert event.payload["found"] == [land.pk]

    def test_an_inspection_needs_its_report_and_assets_of_the_case(
        self, case, add_asset, make_case, cast
    ):
        land = add_asset(AssetKind.LAND)
        with pytest.raises(ApplicationError) as exc:
            inspection_record(
                actor=cast.officer, case=case, on=date(2025, 5, 6), found=[land], note=" "
            )
        assert "note" in exc.value.message_dict
        other = advance(make_case(number="312/ສປ", allow_duplicate=True), cast, "start_compulsory")
        other_debtor = other.case_parties.get(role=PartyRole.DEBTOR).party
        foreign = asset_record(
            actor=cast.officer, case=other, data=asset_data(AssetKind.LAND, other_debtor)
        )
        with pytest.raises(ApplicationError) as exc:
            inspection_record(
                actor=cast.officer, case=case, on=date(2025, 5, 6), found=[foreign], note="ກວດກາ"
            )
        assert "found" in exc.value.message_dict
        assert not Measure.objects.filter(case=case).exists()
