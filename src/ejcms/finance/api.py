"""The money part of API v1: the ledger of a case, and a payment received recorded through the
same service as the money tab's "Record a payment" (finance.services.payment_record)."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.cases.models import CaseParty, EnforcementCase, Party
from ejcms.cases.selectors import case_for_user
from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView, RefField
from ejcms.core.ids import decode_id, ref
from ejcms.core.money import DECIMAL_PLACES, MAX_DIGITS, Currency
from ejcms.finance.choices import EntryKind, PaymentMethod
from ejcms.finance.models import LedgerEntry
from ejcms.finance.selectors import case_entries
from ejcms.finance.services import PaymentData, payment_record

CURRENCIES = [c.value for c in Currency if c != Currency.OTHER]


class LedgerEntrySerializer(serializers.Serializer):
    id = RefField(source="pk")
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    amount = serializers.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    currency = serializers.CharField()
    on = serializers.DateField()
    method = serializers.CharField()
    payer = serializers.CharField(source="payer.name_lo", allow_null=True, default=None)
    payee = serializers.CharField(source="payee.name_lo", allow_null=True, default=None)
    receipt = serializers.CharField(source="receipt_label")
    receipt_number = serializers.IntegerField(allow_null=True)
    receipt_year = serializers.IntegerField(allow_null=True)
    original_amount = serializers.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, allow_null=True
    )
    original_currency = serializers.CharField()
    rate = serializers.DecimalField(max_digits=18, decimal_places=6, allow_null=True)
    reverses = RefField(source="reverses_id", allow_null=True)
    reversed = serializers.SerializerMethodField()
    reversed_by = serializers.SerializerMethodField()
    reason = serializers.CharField()
    note = serializers.CharField()
    recorded_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_reversed(self, entry: LedgerEntry) -> bool:
        return _reversal(entry) is not None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_reversed_by(self, entry: LedgerEntry) -> str | None:
        found = _reversal(entry)
        return ref(found.pk) if found is not None else None


def _reversal(entry: LedgerEntry) -> LedgerEntry | None:
    try:
        return entry.reversed_by
    except LedgerEntry.DoesNotExist:
        return None


class PaymentIn(serializers.Serializer):
    """What the money tab's payment form asks (finance.actions.PaymentForm)."""

    amount = serializers.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    currency = serializers.ChoiceField(choices=Currency.choices)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    on = serializers.DateField()
    payer = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="the id of a party of the case, as listed by /cases/{id}/parties/",
    )
    into_currency = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=3,
        help_text="LAK, USD or THB: the currency a payment in another one counts in",
    )
    rate = serializers.DecimalField(
        max_digits=18, decimal_places=6, required=False, allow_null=True
    )
    accept_overpayment = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    idempotency_key = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="the same key sent again returns the payment already recorded",
    )

    def _currency(self, value: str) -> str:
        if value and value not in CURRENCIES:
            message = serializers.ChoiceField.default_error_messages["invalid_choice"]
            raise serializers.ValidationError(str(message).format(input=value))
        return value

    def validate_currency(self, value: str) -> str:
        return self._currency(value)

    def validate_into_currency(self, value: str) -> str:
        return self._currency(value)


def _payer(case: EnforcementCase, token: str) -> Party | None:
    """The party named by its link to the case (the id /parties/ lists)."""
    if not token:
        return None
    try:
        link_id = decode_id(token)
    except (ValueError, KeyError):
        link_id = None
    link = (
        CaseParty.objects.filter(case=case, pk=link_id).select_related("party").first()
        if link_id
        else None
    )
    if link is None:
        raise serializers.ValidationError({"payer": [_("The payer must be a party to this case.")]})
    return link.party


class CasePaymentsView(ApiView):
    """GET: the ledger of a case, oldest first: amounts due, payments with their receipt
    numbers, payouts, refunds and reversals. POST: record money received in the case, with the
    office's next receipt number (the same rules as the money tab)."""

    api_action = ApiAction.MONEY_READ

    def get_permissions(self) -> list[Any]:
        if self.request.method == "POST":
            self.api_action = ApiAction.MONEY_WRITE
        return super().get_permissions()

    @extend_schema(responses=LedgerEntrySerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = case_for_user(request.user, case_id)
        return Response(LedgerEntrySerializer(case_entries(case), many=True).data)

    @extend_schema(
        request=PaymentIn,
        responses={201: LedgerEntrySerializer, 200: LedgerEntrySerializer},
        description="201 with the entry recorded; 200 with the entry already recorded under "
        "the same idempotency_key.",
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_for_user(request.user, case_id, for_write=True)
        given = PaymentIn(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        payer = _payer(case, data["payer"])
        key = data.get("idempotency_key")
        repeated = key is not None and LedgerEntry.objects.filter(idempotency_key=key).exists()
        entry = payment_record(
            actor=request.user,
            case=case,
            idempotency_key=key,
            data=PaymentData(
                amount=data["amount"],
                currency=data["currency"],
                method=data["method"],
                on=data["on"],
                payer=payer,
                into_currency=data["into_currency"] or "",
                rate=data.get("rate"),
                accept_overpayment=data["accept_overpayment"],
                note=data["note"],
            ),
        )
        shown = (
            LedgerEntry.objects.select_related("payer", "payee", "reverses", "reversed_by")
            .filter(pk=entry.pk)
            .first()
        )
        return Response(LedgerEntrySerializer(shown).data, status=200 if repeated else 201)


urlpatterns = [
    path("cases/<ref:case_id>/payments/", CasePaymentsView.as_view(), name="case_payments"),
]
