"""The ledger: what is due, received, paid out and returned, and its invariants."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ejcms.cases.choices import ObligationKind, ObligationStatus, PartyRole
from ejcms.cases.services import ObligationData
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.finance.selectors import Claim, case_balances, case_claims, distribution_plan
from ejcms.finance.services import (
    CostData,
    PaymentData,
    cost_record,
    court_fee_charge,
    entry_reverse,
    payment_record,
    payout_distribute,
    surplus_return,
)
from tests.conftest import party, register

ON = date(2026, 3, 2)


def _pay(case, actor, amount, currency="LAK", **extra):
    return payment_record(
        actor=actor,
        case=case,
        data=PaymentData(amount=Decimal(amount), currency=currency, method="cash", on=ON, **extra),
    )


def _case(cast, **kwargs):
    """A case in 0101 whose officer in charge is `cast.officer` (created first)."""
    cast.officer  # noqa: B018
    return register(cast.clerk, allow_duplicate=True, **kwargs)


def _two_currency_case(cast):
    return _case(
        cast,
        obligations=[
            ObligationData(
                kind=ObligationKind.PAY_MONEY, amount=Decimal("15000000"), currency="LAK"
            ),
            ObligationData(
                kind=ObligationKind.PAY_MONEY, amount=Decimal("2500.50"), currency="USD"
            ),
        ],
    )


@pytest.mark.django_db
class TestWhatIsDue:
    def test_registration_charges_each_money_obligation(self, make_case):
        case = make_case()
        (entry,) = LedgerEntry.objects.filter(case=case)
        assert (entry.kind, entry.amount, entry.currency) == (
            EntryKind.PRINCIPAL,
            Decimal("15000000"),
            "LAK",
        )
        assert case_balances(case)["LAK"].outstanding == Decimal("15000000")

    def test_court_fee_is_two_percent_of_the_claim(self, make_case, cast):
        case = make_case()
        fee = court_fee_charge(actor=cast.officer, case=case, on=ON)
        assert (fee.kind, fee.amount, fee.currency) == (
            EntryKind.COURT_FEE,
            Decimal("300000"),
            "LAK",
        )
        assert case_balances(case)["LAK"].due == Decimal("15300000")
        with translation.override("en"), pytest.raises(ApplicationError, match="already charged"):
            court_fee_charge(actor=cast.officer, case=case, on=ON)

    def test_a_cost_advanced_by_the_creditor_is_repaid_to_them_first(self, make_case, cast):
        case = make_case()
        creditor = case.case_parties.get(role=PartyRole.CREDITOR).party
        cost_record(
            actor=cast.officer,
            case=case,
            data=CostData(
                kind="advertising",
                amount=Decimal("500000"),
                currency="LAK",
                on=ON,
                advanced_by=creditor,
            ),
        )
        _pay(case, cast.clerk, "1000000")
        payouts = payout_distribute(actor=cast.officer, case=case, currency="LAK", on=ON)
        # Costs rank first: the whole cost goes back to the creditor who advanced it.
        assert [(p.charge.kind, p.amount, p.payee_id) for p in payouts] == [
            (EntryKind.COST, Decimal("500000"), creditor.pk),
            (EntryKind.PRINCIPAL, Decimal("500000"), creditor.pk),
        ]

    def test_a_cost_is_advanced_only_by_a_creditor(self, make_case, cast):
        case = make_case()
        debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
        with pytest.raises(ApplicationError) as exc:
            cost_record(
                actor=cast.officer,
                case=case,
                data=CostData(
                    kind="documents",
                    amount=Decimal("1000"),
                    currency="LAK",
                    on=ON,
                    advanced_by=debtor,
                ),
            )
        assert "advanced_by" in exc.value.message_dict


@pytest.mark.django_db
class TestPayments:
    def test_a_payment_gets_the_next_receipt_number_of_the_office_and_year(self, make_case, cast):
        first, second = make_case(), make_case(number="126/ສປ", allow_duplicate=True)
        a = _pay(first, cast.clerk, "1000000")
        b = _pay(second, cast.clerk, "2000000")
        c = _pay(first, cast.clerk, "500000")
        assert [a.receipt_label, b.receipt_label, c.receipt_label] == ["1/2026", "2/2026", "3/2026"]
        assert case_balances(first)["LAK"].received == Decimal("1500000")

    def test_the_same_idempotency_key_records_one_payment(self, make_case, cast):
        case = make_case()
        key = uuid.uuid4()
        first = payment_record(
            actor=cast.clerk,
            case=case,
            idempotency_key=key,
            data=PaymentData(amount=Decimal("1000000"), currency="LAK", method="cash", on=ON),
        )
        again = payment_record(
            actor=cast.clerk,
            case=case,
            idempotency_key=key,
            data=PaymentData(amount=Decimal("1000000"), currency="LAK", method="cash", on=ON),
        )
        assert again.pk == first.pk
        assert LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT).count() == 1

    def test_a_payment_beyond_what_is_due_needs_confirmation_and_is_kept_apart(
        self, make_case, cast
    ):
        case = make_case()
        with pytest.raises(ApplicationError) as exc:
            _pay(case, cast.clerk, "16000000")
        assert "amount" in exc.value.message_dict
        assert not LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT).exists()
        entry = _pay(case, cast.clerk, "16000000", accept_overpayment=True)
        balance = case_balances(case)["LAK"]
        assert (balance.outstanding, balance.surplus_held) == (Decimal(0), Decimal("1000000"))
        assert entry.receipt_number is not None
        refund = surplus_return(actor=cast.officer, case=case, currency="LAK", on=ON)
        assert refund.amount == Decimal("1000000")
        assert refund.payee == case.case_parties.get(role=PartyRole.DEBTOR).party

    def test_another_currency_needs_an_explicit_rate(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError) as exc:
            _pay(case, cast.clerk, "100", currency="USD")
        assert "into_currency" in exc.value.message_dict
        with pytest.raises(ApplicationError) as exc:
            _pay(case, cast.clerk, "100", currency="USD", into_currency="LAK")
        assert "rate" in exc.value.message_dict
        entry = _pay(
            case, cast.clerk, "100", currency="USD", into_currency="LAK", rate=Decimal("21500")
        )
        assert (entry.amount, entry.currency) == (Decimal("2150000"), "LAK")
        assert (entry.original_amount, entry.original_currency, entry.rate) == (
            Decimal("100"),
            "USD",
            Decimal("21500"),
        )

    def test_kip_has_no_decimals_and_amounts_are_positive(self, make_case, cast):
        case = make_case()
        for amount in ("0", "-5", "10.50"):
            with pytest.raises(ApplicationError) as exc:
                _pay(case, cast.clerk, amount)
            assert "amount" in exc.value.message_dict

    def test_an_outsider_records_nothing(self, make_case, cast):
        case = make_case()
        with pytest.raises(AccessDenied):
            _pay(case, cast.outsider_district, "1000")
        assert not LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT).exists()

    def test_refusals_are_in_lao_and_english(self, make_case, cast):
        case = make_case()
        for language, expected in (("en", "Give the exchange rate"), ("lo", "ອັດຕາແລກປ່ຽນ")):
            with translation.override(language), pytest.raises(ApplicationError) as exc:
                _pay(case, cast.clerk, "100", currency="USD", into_currency="LAK")
            assert expected in exc.value.message_dict["rate"][0]


@pytest.mark.django_db
class TestPayouts:
    def test_criminal_case_pays_damages_before_the_fine(self, cast):
        case = _case(
            cast,
            obligations=[
                ObligationData(kind=ObligationKind.FINE, amount=Decimal("3000000"), currency="LAK"),
                ObligationData(
                    kind=ObligationKind.PAY_MONEY, amount=Decimal("5000000"), currency="LAK"
                ),
            ],
        )
        _pay(case, cast.clerk, "6000000")
        payouts = payout_distribute(actor=cast.officer, case=case, currency="LAK", on=ON)
        assert [(p.obligation.kind, p.amount) for p in payouts] == [
            (ObligationKind.PAY_MONEY, Decimal("5000000")),
            (ObligationKind.FINE, Decimal("1000000")),
        ]
        fine = case.obligations.get(kind=ObligationKind.FINE)
        damages = case.obligations.get(kind=ObligationKind.PAY_MONEY)
        assert (damages.status, fine.status) == (ObligationStatus.FULFILLED, ObligationStatus.OPEN)

    def test_creditors_of_one_rank_share_pro_rata(self, cast):
        case = _case(
            cast,
            parties=[
                party(PartyRole.CREDITOR, "ນາງ ແສງເດືອນ ວົງສາ"),
                party(PartyRole.CREDITOR, "ທ່ານ ບຸນທັນ ສີປະເສີດ"),
                party(PartyRole.DEBTOR, "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"),
            ],
            obligations=[
                ObligationData(
                    kind=ObligationKind.PAY_MONEY, amount=Decimal("6000000"), currency="LAK"
                ),
                ObligationData(
                    kind=ObligationKind.PAY_MONEY, amount=Decimal("3000000"), currency="LAK"
                ),
            ],
        )
        _pay(case, cast.clerk, "3000001")
        payouts = payout_distribute(actor=cast.officer, case=case, currency="LAK", on=ON)
        assert sorted(p.amount for p in payouts) == [Decimal("1000000"), Decimal("2000001")]
        assert case_balances(case)["LAK"].held == 0

    def test_nothing_to_pay_out_is_refused(self, make_case, cast):
        case = make_case()
        with (
            translation.override("en"),
            pytest.raises(ApplicationError, match="waiting to be paid out"),
        ):
            payout_distribute(actor=cast.officer, case=case, currency="LAK", on=ON)


@pytest.mark.django_db
class TestReversals:
    def test_a_reversal_is_a_new_entry_with_its_reason(self, make_case, cast):
        case = make_case()
        payment = _pay(case, cast.clerk, "1000000")
        with pytest.raises(AccessDenied):
            entry_reverse(actor=cast.officer, entry=payment, on=ON, reason="ພິມຜິດ")
        with pytest.raises(ApplicationError) as exc:
            entry_reverse(actor=cast.head, entry=payment, on=ON, reason=" ")
        assert "reason" in exc.value.message_dict
        reversal = entry_reverse(actor=cast.head, entry=payment, on=ON, reason="ພິມຈຳນວນເງິນຜິດ")
        assert reversal.amount == Decimal("-1000000")
        assert reversal.reverses_id == payment.pk
        payment.refresh_from_db()
        assert payment.amount == Decimal("1000000")  # the original stands unchanged
        assert case_balances(case)["LAK"].received == 0
        with translation.override("en"), pytest.raises(ApplicationError, match="already reversed"):
            entry_reverse(actor=cast.head, entry=payment, on=ON, reason="ອີກຄັ້ງ")

    def test_money_already_paid_out_cannot_be_reversed_first(self, make_case, cast):
        case = make_case()
        payment = _pay(case, cast.clerk, "1000000")
        (payout,) = payout_distribute(actor=cast.officer, case=case, currency="LAK", on=ON)
        with (
            translation.override("en"),
            pytest.raises(ApplicationError, match="Reverse the payout first"),
        ):
            entry_reverse(actor=cast.head, entry=payment, on=ON, reason="ຜິດ")
        entry_reverse(actor=cast.head, entry=payout, on=ON, reason="ຈ່າຍຜິດຄົນ")
        entry_reverse(actor=cast.head, entry=payment, on=ON, reason="ຜິດ")
        assert case_balances(case)["LAK"].held == 0

    def test_entries_are_never_edited_or_deleted(self, make_case, cast):
        case = make_case()
        payment = _pay(case, cast.clerk, "1000000")
        payment.amount = Decimal("1")
        with pytest.raises(ValueError, match="never edited"):
            payment.save()
        with pytest.raises(ValueError, match="never deleted"):
            payment.delete()


def test_distribution_plan_never_gives_more_than_available_or_due():
    class _Charge:
        def __init__(self, pk):
            self.pk = pk

    claims = [
        Claim(_Charge(1), 2, Decimal("3"), Decimal(0)),  # type: ignore[arg-type]
        Claim(_Charge(2), 2, Decimal("3"), Decimal(0)),  # type: ignore[arg-type]
        Claim(_Charge(3), 2, Decimal("3"), Decimal(0)),  # type: ignore[arg-type]
    ]
    plan = distribution_plan(claims, Decimal("7"), "LAK")
    assert sorted(p.amount for p in plan) == [Decimal(2), Decimal(2), Decimal(3)]
    assert sum(p.amount for p in plan) == 7


# --- Property-based: random sequences of operations keep the ledger's invariants -----------

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("pay"),
            st.integers(1, 20_000_000),
            st.sampled_from(["LAK", "USD"]),
            st.booleans(),
        ),
        st.tuples(st.just("cost"), st.integers(1, 2_000_000), st.booleans()),
        st.tuples(st.just("payout"), st.sampled_from(["LAK", "USD"])),
        st.tuples(st.just("refund"), st.sampled_from(["LAK", "USD"])),
        st.tuples(st.just("reverse"), st.integers(0, 40)),
    ),
    min_size=1,
    max_size=14,
)


def _check_invariants(case) -> None:
    entries = list(LedgerEntry.objects.filter(case=case))
    for currency, balance in case_balances(case).items():
        mine = [e for e in entries if e.currency == currency]

        def total(*kinds, mine=mine):
            return sum((e.amount for e in mine if e.kind in kinds), Decimal(0))

        # Balances are the sums of the entries.
        assert balance.due == total(EntryKind.PRINCIPAL, EntryKind.COURT_FEE, EntryKind.COST)
        assert balance.received == total(EntryKind.PAYMENT)
        assert balance.paid_out == total(EntryKind.PAYOUT)
        # Nothing paid out that was not received.
        assert balance.paid_out <= balance.received
        assert balance.refunded <= balance.overpaid
        assert balance.held >= 0
        # No negative balance: what exceeds the debt is an explicit overpayment entry.
        assert balance.outstanding >= 0
        for claim in case_claims(case, currency):
            assert 0 <= claim.paid_out <= claim.amount
    # Each entry is reversed at most once, by its exact opposite.
    for entry in entries:
        if entry.reverses_id:
            original = next(e for e in entries if e.pk == entry.reverses_id)
            assert entry.amount == -original.amount
            assert entry.kind == original.kind
    # Receipt numbers of the office and year: unique and without gaps.
    numbers = sorted(
        LedgerEntry.objects.filter(office=case.office, receipt_year=ON.year)
        .exclude(receipt_number=None)
        .values_list("receipt_number", flat=True)
    )
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_ledger_invariants_hold_over_random_operations(cast, operations):
    case = _two_currency_case(cast)
    creditor = case.case_parties.get(role=PartyRole.CREDITOR).party
    for operation in operations:
        kind = operation[0]
        try:
            if kind == "pay":
                _, amount, currency, overpay = operation
                value = Decimal(amount) if currency == "LAK" else Decimal(amount) / 100
                _pay(case, cast.clerk, value, currency=currency, accept_overpayment=overpay)
            elif kind == "cost":
                _, amount, advanced = operation
                cost_record(
                    actor=cast.officer,
                    case=case,
                    data=CostData(
                        kind="participants",
                        amount=Decimal(amount),
                        currency="LAK",
                        on=ON,
                        advanced_by=creditor if advanced else None,
                    ),
                )
            elif kind == "payout":
                payout_distribute(actor=cast.officer, case=case, currency=operation[1], on=ON)
            elif kind == "refund":
                surplus_return(actor=cast.officer, case=case, currency=operation[1], on=ON)
            else:
                entries = list(LedgerEntry.objects.filter(case=case).order_by("pk"))
                entry = entries[operation[1] % len(entries)]
                entry_reverse(actor=cast.head, entry=entry, on=ON, reason="ແກ້ໄຂຄວາມຜິດພາດ")
        except ApplicationError:
            pass  # a refused operation must leave the ledger as it was: checked below
        _check_invariants(case)
