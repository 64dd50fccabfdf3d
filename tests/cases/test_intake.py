"""Registering a court decision: numbers, validation, duplicates and assignment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ejcms.cases.choices import ObligationKind, PartyRole, State
from ejcms.cases.models import Decision, EnforcementCase, Party, TimelineEvent
from ejcms.cases.services import DuplicateDecision, ObligationData
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.models import District, Province, Village
from tests.conftest import party, register


@pytest.mark.django_db
class TestRegisterNumbers:
    def test_numbers_run_per_office_and_year(self, cast):
        first = register(cast.clerk, number="1/ສປ")
        second = register(cast.clerk, number="2/ສປ")
        next_year = register(cast.clerk, number="3/ສປ", received_on=date(2026, 1, 5))
        elsewhere = register(cast.head_other_district, number="4/ສປ")
        assert [first.register_label, second.register_label] == ["1/2025", "2/2025"]
        assert next_year.register_label == "1/2026"
        assert elsewhere.register_label == "1/2025"
        assert elsewhere.office.code == "0102"

    def test_lao_text_is_stored_in_its_normal_form_and_found_by_either_spelling(self, cast):
        case = register(
            cast.clerk,
            parties=[
                party(PartyRole.CREDITOR, "ບໍລິສັດ ນໍ້າງື່ມ ຈໍາກັດ"),
                party(PartyRole.DEBTOR, "ທ່ານ ສົມພອນ ຫນໍ່ແກ້ວ"),
            ],
        )
        names = set(Party.objects.filter(case_links__case=case).values_list("name_lo", flat=True))
        assert names == {"ບໍລິສັດ ນ້ຳງື່ມ ຈຳກັດ", "ທ່ານ ສົມພອນ ໜໍ່ແກ້ວ"}


@pytest.mark.django_db
class TestValidation:
    def _count(self):
        return (EnforcementCase.objects.count(), Decision.objects.count(), Party.objects.count())

    def test_a_refused_registration_saves_nothing(self, cast):
        before = self._count()
        with pytest.raises(ApplicationError) as refused:
            register(
                cast.clerk,
                received_on=date(2025, 2, 1),  # before the decision became final (14 Feb)
                obligations=[
                    ObligationData(
                        kind=ObligationKind.PAY_MONEY, amount=Decimal("15000000.5"), currency="LAK"
                    )
                ],
            )
        errors = refused.value.error_dict
        assert "received_on" in errors
        assert "obligations-0-amount" in errors  # kip has no decimals
        assert self._count() == before

    def test_a_case_needs_a_debtor(self, cast):
        with pytest.raises(ApplicationError, match="ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ"):
            register(cast.clerk, parties=[party(PartyRole.CREDITOR, "ນາງ ແສງເດືອນ ວົງສາ")])

    def test_a_fine_needs_no_creditor_but_a_debt_does(self, cast):
        fine = [ObligationData(kind=ObligationKind.FINE, amount=Decimal("5000000"), currency="LAK")]
        debtor_only = [party(PartyRole.DEBTOR, "ທ່ານ ບຸນມີ ວົງສາ")]
        case = register(cast.clerk, parties=debtor_only, obligations=fine)
        assert case.obligations.get().creditor is None
        with pytest.raises(ApplicationError, match="ເຈົ້າໜີ້"):
            register(cast.clerk, number="7/ສປ", parties=debtor_only)

    def test_the_village_must_be_in_the_district(self, cast):
        capital = Province.objects.get(code="01")
        chanthabouly = District.objects.get(code="0101")
        elsewhere = Village.objects.filter(district__code="0601").first()
        with pytest.raises(ApplicationError) as refused:
            register(
                cast.clerk,
                parties=[
                    party(PartyRole.CREDITOR, "ນາງ ແສງເດືອນ ວົງສາ"),
                    party(
                        PartyRole.DEBTOR,
                        "ທ່ານ ສົມສັກ",
                        province=capital,
                        district=chanthabouly,
                        village=elsewhere,
                    ),
                ],
            )
        assert "parties-1-village" in refused.value.error_dict

    def test_a_non_money_obligation_needs_a_description(self, cast):
        with pytest.raises(ApplicationError) as refused:
            register(cast.clerk, obligations=[ObligationData(kind=ObligationKind.VACATE)])
        assert "obligations-0-description" in refused.value.error_dict

    @pytest.mark.parametrize("who", ["auditor_district", "trainer", "dej", "admin"])
    def test_only_officers_heads_and_clerks_register(self, cast, who):
        with pytest.raises(AccessDenied):
            register(getattr(cast, who))


@pytest.mark.django_db
class TestDuplicates:
    def test_the_same_court_and_number_warns_before_a_second_case(self, cast):
        first = register(cast.clerk, number="125/ສປ")
        with pytest.raises(DuplicateDecision) as warned:
            register(cast.clerk, number="ເລກທີ 125 / ສປ")
        assert warned.value.cases == [first]
        assert EnforcementCase.objects.count() == 1

    def test_a_confirmed_duplicate_is_registered_and_remembers_the_first(self, cast):
        first = register(cast.clerk, number="125/ສປ")
        second = register(cast.clerk, number="125/ສປ", allow_duplicate=True)
        assert second.pk != first.pk
        from ejcms.core.models import AuditRecord

        record = AuditRecord.objects.get(action="case.register", object_id=str(second.pk))
        assert record.payload["duplicate_of"] == [first.pk]

    def test_another_court_with_the_same_number_is_no_duplicate(self, cast):
        register(cast.clerk, number="125/ສປ", court_code="01")
        register(cast.clerk, number="125/ສປ", court_code="06")
        assert EnforcementCase.objects.count() == 2


@pytest.mark.django_db
class TestAssignment:
    def test_a_new_case_goes_to_the_least_loaded_officer(self, cast):
        cast.officer, cast.officer2  # noqa: B018
        cases = [register(cast.clerk, number=f"{n}/ສປ") for n in range(1, 5)]
        assert [c.assigned_officer for c in cases] == [
            cast.officer,
            cast.officer2,
            cast.officer,
            cast.officer2,
        ]
        event = TimelineEvent.objects.get(case=cases[2], kind="assigned")
        assert event.payload["officer"] == cast.officer.pk
        assert event.payload["open_cases"] == 1

    def test_closed_cases_do_not_count_as_load(self, cast):
        from tests.conftest import advance

        cast.officer, cast.officer2  # noqa: B018
        first = register(cast.clerk, number="1/ສປ")
        advance(first, cast, "record_closure_notice")
        assert EnforcementCase.objects.get(pk=first.pk).state == State.CLOSED
        assert register(cast.clerk, number="2/ສປ").assigned_officer == cast.officer

    def test_without_an_officer_the_case_waits_for_the_head(self, cast):
        case = register(cast.head_other_district)  # Sikhottabong has a head but no officer
        assert case.assigned_officer is None
        assert TimelineEvent.objects.get(case=case, kind="assigned").payload["officer"] is None

    def test_the_head_reassigns_with_a_reason_on_the_timeline(self, make_case, cast):
        from ejcms.cases.services import case_reassign

        case = make_case()
        case_reassign(actor=cast.head, case=case, officer=cast.officer2, reason="ພະນັກງານລາພັກ")
        case.refresh_from_db()
        assert case.assigned_officer == cast.officer2
        event = TimelineEvent.objects.get(case=case, kind="reassigned")
        assert event.note == "ພະນັກງານລາພັກ"
        assert event.actor == cast.head

    def test_reassignment_is_refused_without_reason_or_to_a_stranger(self, make_case, cast):
        from ejcms.cases.services import case_reassign

        case = make_case()
        with pytest.raises(ApplicationError):
            case_reassign(actor=cast.head, case=case, officer=cast.officer2, reason=" ")
        with pytest.raises(ApplicationError):
            case_reassign(
                actor=cast.head, case=case, officer=cast.outsider_district, reason="ເຫດຜົນ"
            )
        with pytest.raises(AccessDenied):
            case_reassign(actor=cast.officer, case=case, officer=cast.officer2, reason="ເຫດຜົນ")
        assert EnforcementCase.objects.get(pk=case.pk).assigned_officer == cast.officer
