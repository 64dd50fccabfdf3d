"""The actions of the assets, measures, valuation and sale tabs: a form and a service each."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ejcms.cases.actions import CaseAction, CaseActionForm
from ejcms.cases.choices import IdDocumentType, PartyRole
from ejcms.cases.models import EnforcementCase, Party
from ejcms.cases.selectors import parties_of
from ejcms.cases.workflow import OFFICER_OR_HEAD
from ejcms.core.forms import AmountField, DateInput
from ejcms.core.money import Currency
from ejcms.measures.choices import (
    AUCTION_MODES,
    FREEZABLE,
    AssetKind,
    DeclaredBy,
    ExemptKind,
    MeasureKind,
    MeasureStatus,
    RateBasis,
    SaleMode,
    ValuationMethod,
)
from ejcms.measures.models import Asset, Measure, Objection, Sale, Valuation
from ejcms.measures.services import assets as asset_services
from ejcms.measures.services import orders, sale, valuation

ASSETS = "measures:assets"
MEASURES = "measures:measures"
VALUATION = "measures:valuation"
SALE = "measures:sale"


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), required=required)


def _note(label: Any = None, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label or gettext_lazy("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=required,
        max_length=4000,
    )


def _currency() -> forms.ChoiceField:
    codes = [(c.value, c.label) for c in Currency if c != Currency.OTHER]
    return forms.ChoiceField(label=gettext_lazy("Currency"), choices=codes, initial="LAK")


class _Today(CaseActionForm):
    on = _date(gettext_lazy("Date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


# --- Assets -------------------------------------------------------------------------------


class AssetForm(CaseActionForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of asset"), choices=AssetKind.choices)
    owner = forms.ModelChoiceField(label=gettext_lazy("Owner"), queryset=Party.objects.none())
    description = forms.CharField(label=gettext_lazy("Description"), max_length=300)
    declared_by = forms.ChoiceField(label=gettext_lazy("Declared by"), choices=DeclaredBy.choices)
    declared_on = _date(gettext_lazy("Declared on"))
    title_number = forms.CharField(label=gettext_lazy("Land title number"), required=False)
    area_m2 = forms.DecimalField(label=gettext_lazy("Area (m²)"), required=False, min_value=0)
    plate = forms.CharField(label=gettext_lazy("Number plate"), required=False)
    chassis = forms.CharField(label=gettext_lazy("Chassis number"), required=False)
    bank = forms.CharField(label=gettext_lazy("Bank"), required=False)
    branch = forms.CharField(label=gettext_lazy("Branch"), required=False)
    account_number = forms.CharField(label=gettext_lazy("Account number"), required=False)
    payer_name = forms.CharField(
        label=gettext_lazy("Employer, business or third party"), required=False
    )
    estimated_value = AmountField(label=gettext_lazy("Estimated value"), required=False)
    currency = _currency()
    evidence = forms.FileField(label=gettext_lazy("Evidence (PDF, JPEG, PNG)"), required=False)
    note = _note()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = parties_of(self.case)  # type: ignore[attr-defined]
        debtor = self.case.case_parties.filter(role=PartyRole.DEBTOR).first()
        if debtor is not None:
            self.fields["owner"].initial = debtor.party_id
        self.fields["declared_on"].initial = timezone.localdate()
        self.fields["declared_by"].initial = DeclaredBy.CREDITOR


def _asset_record(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    value = d.get("estimated_value")
    asset = asset_services.asset_record(
        actor=actor,
        case=case,
        evidence=d.get("evidence"),
        data=asset_services.AssetData(
            kind=d["kind"],
            owner=d["owner"],
            description=d["description"],
            declared_by=d["declared_by"],
            declared_on=d["declared_on"],
            title_number=d.get("title_number", ""),
            area_m2=d.get("area_m2"),
            plate=d.get("plate", ""),
            chassis=d.get("chassis", ""),
            bank=d.get("bank", ""),
            branch=d.get("branch", ""),
            account_number=d.get("account_number", ""),
            payer_name=d.get("payer_name", ""),
            estimated_value=value,
            currency=d["currency"] if value is not None else "",
            note=d.get("note", ""),
        ),
    )
    return _("Asset recorded: %(asset)s.") % {"asset": asset.description}


class InspectionForm(_Today):
    found = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Assets found"),
        queryset=Asset.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = _note(gettext_lazy("What was inspected, who was present"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["found"].queryset = self.case.assets.all()  # type: ignore[attr-defined]


def _inspection(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    asset_services.inspection_record(
        actor=actor, case=case, on=d["on"], found=list(d["found"]), note=d["note"]
    )
    return _("Inspection recorded.")


class FreezeForm(_Today):
    requested_on = _date(gettext_lazy("Requested or asset learnt of on"), required=False)
    note = _note()


def _freeze(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    orders.freeze_order(
        actor=actor,
        asset=asset,
        on=d["on"],
        requested_on=d.get("requested_on"),
        note=d.get("note", ""),
    )
    return _("Freezing order recorded: %(asset)s.") % {"asset": asset.description}


class ReasonForm(_Today):
    reason = _note(gettext_lazy("Reason"), required=True)


def _release(actor: User, case: EnforcementCase, measure: Measure, d: dict[str, Any]) -> str:
    orders.freeze_release(actor=actor, measure=measure, on=d["on"], reason=d["reason"])
    return _("Freezing order released.")


ITEM_ROWS = 6


class SeizureForm(_Today):
    household_members = forms.IntegerField(
        label=gettext_lazy("People in the debtor's household"), min_value=1, initial=1
    )
    note = _note()
    row_name, row_count = "item", ITEM_ROWS

    def row_fields(self) -> dict[str, forms.Field]:
        return {
            "description": forms.CharField(label=_("Item"), required=False, max_length=200),
            "quantity": forms.IntegerField(label=_("Quantity"), required=False, min_value=1),
            "value": AmountField(label=_("Value (kip)"), required=False),
            "exempt_kind": forms.ChoiceField(
                label=_("Kind (Art. 57)"),
                choices=[("", _("Other property")), *ExemptKind.choices],
                required=False,
            ),
        }

    def items(self) -> list[orders.ItemData]:
        items = []
        for prefix in self.row_prefixes:
            row = self.row_values(prefix)
            if not row.get("description"):
                continue
            items.append(
                orders.ItemData(
                    description=row["description"],
                    value=row.get("value") or Decimal(0),
                    currency="LAK",
                    quantity=row.get("quantity") or 1,
                    exempt_kind=row.get("exempt_kind") or "",
                )
            )
        return items


def _seize(actor: User, case: EnforcementCase, asset: Asset | None, d: dict[str, Any]) -> str:
    form_items = d["_form"].items()
    orders.seizure_order(
        actor=actor,
        case=case,
        on=d["on"],
        items=form_items,
        asset=asset,
        household_members=d["household_members"],
        note=d.get("note", ""),
    )
    return _("Seizure ordered: %(count)s items.") % {"count": len(form_items)}


class MoneyOrderForm(_Today):
    amount = AmountField(label=gettext_lazy("Amount"))
    currency = _currency()
    note = _note()


def _bank_debit(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    orders.bank_debit_order(
        actor=actor,
        asset=asset,
        on=d["on"],
        amount=d["amount"],
        currency=d["currency"],
        note=d.get("note", ""),
    )
    return _("Bank debit ordered.")


def _garnish(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    orders.garnishment_order(
        actor=actor,
        asset=asset,
        on=d["on"],
        amount=d["amount"],
        currency=d["currency"],
        note=d.get("note", ""),
    )
    return _("Order to hand over the money recorded.")


class DeductionForm(_Today):
    income = AmountField(label=gettext_lazy("Monthly income (net income for a business)"))
    currency = _currency()
    rate = forms.DecimalField(
        label=gettext_lazy("Rate (%)"), max_digits=5, decimal_places=2, min_value=0
    )
    basis = forms.ChoiceField(
        label=gettext_lazy("Basis of the rate"), choices=RateBasis.choices, initial=RateBasis.LAW
    )
    note = _note()


def _deduct(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    measure = orders.deduction_order(
        actor=actor,
        asset=asset,
        on=d["on"],
        income=d["income"],
        currency=d["currency"],
        rate=d["rate"],
        basis=d["basis"],
        note=d.get("note", ""),
    )
    return _("Deduction ordered: %(rate)s %%.") % {"rate": measure.rate}


class UrgentSaleForm(_Today):
    price = AmountField(label=gettext_lazy("Price obtained"))
    currency = _currency()
    reason = _note(gettext_lazy("Why the goods cannot wait"), required=True)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)


def _urgent(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    sale.urgent_sale(
        actor=actor,
        asset=asset,
        on=d["on"],
        price=d["price"],
        currency=d["currency"],
        reason=d["reason"],
        idempotency_key=d.get("idempotency_key"),
    )
    return _("Urgent sale recorded; the proceeds are in the ledger.")


MEMBER_ROWS = 6


class ValuationForm(CaseActionForm):
    method = forms.ChoiceField(
        label=gettext_lazy("How it is valued"), choices=ValuationMethod.choices
    )
    invited_on = _date(gettext_lazy("Invitations delivered on"), required=False)
    scheduled_on = _date(gettext_lazy("Day of the valuation"))
    expert = forms.CharField(label=gettext_lazy("Expert or firm"), required=False)
    row_name, row_count = "member", MEMBER_ROWS

    def row_fields(self) -> dict[str, forms.Field]:
        return {
            "name": forms.CharField(label=_("Committee member"), required=False, max_length=200),
            "role": forms.CharField(
                label=_("Organisation or role"), required=False, max_length=200
            ),
        }


def _valuation_plan(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    form = d["_form"]
    members = [
        valuation.MemberData(name=row.get("name", ""), role=row.get("role", ""))
        for row in (form.row_values(p) for p in form.row_prefixes)
    ]
    valuation.valuation_plan(
        actor=actor,
        asset=asset,
        method=d["method"],
        scheduled_on=d["scheduled_on"],
        invited_on=d.get("invited_on"),
        expert=d.get("expert", ""),
        members=members,
    )
    return _("Valuation planned.")


class ValueForm(CaseActionForm):
    valued_on = _date(gettext_lazy("Valued on"))
    value = AmountField(label=gettext_lazy("Value"))
    currency = _currency()


def _valued(actor: User, case: EnforcementCase, v: Valuation, d: dict[str, Any]) -> str:
    valuation.valuation_result(
        actor=actor,
        valuation=v,
        valued_on=d["valued_on"],
        value=d["value"],
        currency=d["currency"],
    )
    return _("Valuation result recorded.")


def _notified(actor: User, case: EnforcementCase, v: Valuation, d: dict[str, Any]) -> str:
    valuation.valuation_notify(actor=actor, valuation=v, on=d["on"])
    return _("Notice of the valuation result recorded.")


class ObjectionForm(CaseActionForm):
    party = forms.ModelChoiceField(
        label=gettext_lazy("Objecting party"), queryset=Party.objects.none()
    )
    filed_on = _date(gettext_lazy("Filed on"))
    reason = _note(gettext_lazy("Reasons"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties_of(self.case)  # type: ignore[attr-defined]


def _object(actor: User, case: EnforcementCase, v: Valuation, d: dict[str, Any]) -> str:
    valuation.objection_file(
        actor=actor, valuation=v, party=d["party"], filed_on=d["filed_on"], reason=d["reason"]
    )
    return _("Objection recorded.")


def _appeal(actor: User, case: EnforcementCase, o: Objection, d: dict[str, Any]) -> str:
    valuation.objection_file(
        actor=actor,
        valuation=o.valuation,
        party=d["party"],
        filed_on=d["filed_on"],
        reason=d["reason"],
        appeal_of=o,
    )
    return _("Appeal recorded.")


class DecideForm(_Today):
    upheld = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("0", gettext_lazy("Rejected")), ("1", gettext_lazy("Upheld: value again"))],
        coerce=lambda v: v == "1",
    )
    note = _note(gettext_lazy("Reasons"), required=True)


def _decide(actor: User, case: EnforcementCase, o: Objection, d: dict[str, Any]) -> str:
    valuation.objection_decide(
        actor=actor, objection=o, on=d["on"], upheld=d["upheld"], note=d["note"]
    )
    return _("Decision on the objection recorded.")


def _owner_sale(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    sale.owner_sale_allow(actor=actor, asset=asset, on=d["on"])
    return _("The owner may sell the asset himself.")


class OwnerSoldForm(_Today):
    price = AmountField(label=gettext_lazy("Price handed to the office"))
    currency = _currency()
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)


def _owner_sold(actor: User, case: EnforcementCase, s: Sale, d: dict[str, Any]) -> str:
    sale.owner_sale_completed(
        actor=actor,
        sale=s,
        on=d["on"],
        price=d["price"],
        currency=d["currency"],
        idempotency_key=d.get("idempotency_key"),
    )
    return _("Sale by the owner recorded; the proceeds are in the ledger.")


def _advertise(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    sale.sale_advertise(actor=actor, asset=asset, on=d["on"])
    return _("Sale advertised.")


class HandOverForm(_Today):
    creditor = forms.ModelChoiceField(label=gettext_lazy("Creditor"), queryset=Party.objects.none())
    note = _note()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["creditor"].queryset = parties_of(  # type: ignore[attr-defined]
            self.case, PartyRole.CREDITOR
        )


def _hand_over(actor: User, case: EnforcementCase, asset: Asset, d: dict[str, Any]) -> str:
    sale.asset_hand_over(
        actor=actor, asset=asset, creditor=d["creditor"], on=d["on"], note=d.get("note", "")
    )
    return _("Asset handed to the creditor.")


class AnnounceForm(CaseActionForm):
    mode = forms.ChoiceField(
        label=gettext_lazy("How it is sold"),
        choices=[(m.value, m.label) for m in SaleMode if m in AUCTION_MODES],
        initial=SaleMode.OPEN_AUCTION,
    )
    notice_on = _date(gettext_lazy("Announced on"))
    auction_on = _date(gettext_lazy("Day of the auction"))


def _announce(actor: User, case: EnforcementCase, s: Sale, d: dict[str, Any]) -> str:
    sale.auction_announce(
        actor=actor, sale=s, mode=d["mode"], notice_on=d["notice_on"], auction_on=d["auction_on"]
    )
    return _("Auction announced.")


BID_ROWS = 6


class AuctionResultForm(CaseActionForm):
    held_on = _date(gettext_lazy("Held on"))
    row_name, row_count = "bid", BID_ROWS

    def row_fields(self) -> dict[str, forms.Field]:
        return {
            "name": forms.CharField(label=_("Bidder"), required=False, max_length=200),
            "id_document_type": forms.ChoiceField(
                label=_("Identity document"), choices=IdDocumentType.choices, required=False
            ),
            "id_document_number": forms.CharField(
                label=_("Document number"), required=False, max_length=64
            ),
            "amount": AmountField(label=_("Bid"), required=False),
        }


def _auction_result(actor: User, case: EnforcementCase, s: Sale, d: dict[str, Any]) -> str:
    form = d["_form"]
    bids = [
        sale.BidData(
            name=row.get("name", ""),
            id_document_type=row.get("id_document_type", ""),
            id_document_number=row.get("id_document_number", ""),
            amount=row.get("amount") or Decimal(0),
        )
        for row in (form.row_values(p) for p in form.row_prefixes)
        if row.get("name")
    ]
    sale.auction_result(actor=actor, sale=s, held_on=d["held_on"], bids=bids)
    return _("Auction result recorded.")


class DepositForm(_Today):
    amount = AmountField(label=gettext_lazy("Deposit"))
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)


def _deposit(actor: User, case: EnforcementCase, s: Sale, d: dict[str, Any]) -> str:
    bid = sale.auction_deposit(
        actor=actor,
        sale=s,
        on=d["on"],
        amount=d["amount"],
        idempotency_key=d.get("idempotency_key"),
    )
    assert bid.deposit is not None
    return _("Deposit recorded, receipt %(receipt)s.") % {"receipt": bid.deposit.receipt_label}


class BalanceForm(_Today):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)


def _balance(actor: User, case: EnforcementCase, s: Sale, d: dict[str, Any]) -> str:
    bid = sale.auction_balance(
        actor=actor, sale=s, on=d["on"], idempotency_key=d.get("idempotency_key")
    )
    assert bid.balance is not None
    return _("Balance recorded, receipt %(receipt)s: the asset is sold.") % {
        "receipt": bid.balance.receipt_label
    }


class DefaultForm(_Today):
    note = _note()


def _default(actor: User, case: EnforcementCase, s: Sale, d: dict[str, Any]) -> str:
    following = sale.auction_default(actor=actor, sale=s, on=d["on"], note=d.get("note", ""))
    if following is None:
        return _("Default recorded; no bidder is left: the asset is not sold.")
    return _("Default recorded; the lot is offered to %(name)s.") % {"name": following.bidder.name}


# --- Measures on persons, eviction ---------------------------------------------------------


class SummonsForm(CaseActionForm):
    party = forms.ModelChoiceField(
        label=gettext_lazy("Person summoned"), queryset=Party.objects.none()
    )
    served_on = _date(gettext_lazy("Served on"))
    appear_on = _date(gettext_lazy("To appear on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties_of(self.case)  # type: ignore[attr-defined]


def _summons(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    orders.summons_record(
        actor=actor,
        case=case,
        party=d["party"],
        served_on=d["served_on"],
        appear_on=d["appear_on"],
    )
    return _("Summons recorded.")


class SummonsOutcomeForm(_Today):
    appeared = forms.TypedChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[("1", gettext_lazy("Appeared")), ("0", gettext_lazy("Did not appear"))],
        coerce=lambda v: v == "1",
    )


def _summons_outcome(actor: User, case: EnforcementCase, m: Measure, d: dict[str, Any]) -> str:
    orders.summons_outcome(actor=actor, measure=m, appeared=d["appeared"], on=d["on"])
    return _("Outcome of the summons recorded.")


class BringInForm(CaseActionForm):
    party = forms.ModelChoiceField(label=gettext_lazy("Debtor"), queryset=Party.objects.none())
    on = _date(gettext_lazy("Date"))
    time = forms.TimeField(
        label=gettext_lazy("Time (hh:mm)"),
        widget=forms.TimeInput(attrs={"placeholder": "09:00", "inputmode": "numeric"}),
    )
    note = _note()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties_of(  # type: ignore[attr-defined]
            self.case, PartyRole.DEBTOR
        )


def _bring_in(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    at = timezone.make_aware(datetime.combine(d["on"], d["time"]))
    orders.bring_in_order(actor=actor, case=case, party=d["party"], at=at, note=d.get("note", ""))
    return _("Order to bring the debtor in recorded.")


class EvictionForm(_Today):
    period_days = forms.IntegerField(label=gettext_lazy("Days to vacate"), min_value=1)
    asset = forms.ModelChoiceField(
        label=gettext_lazy("Premises"), queryset=Asset.objects.none(), required=False
    )
    note = _note()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = self.case.assets.filter(  # type: ignore[attr-defined]
            kind__in=[AssetKind.LAND, AssetKind.BUILDING]
        )


def _evict(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    orders.eviction_order(
        actor=actor,
        case=case,
        on=d["on"],
        period_days=d["period_days"],
        asset=d.get("asset"),
        note=d.get("note", ""),
    )
    return _("Eviction ordered.")


class CarriedOutForm(_Today):
    note = _note()


def _carried_out(actor: User, case: EnforcementCase, m: Measure, d: dict[str, Any]) -> str:
    orders.measure_carried_out(actor=actor, measure=m, on=d["on"], note=d.get("note", ""))
    return _("Recorded as carried out.")


def _asset(case: EnforcementCase, pk: int) -> Asset | None:
    return case.assets.filter(pk=pk).first()


def _measure(case: EnforcementCase, pk: int) -> Measure | None:
    return case.measures.filter(pk=pk).first()


def _valuation(case: EnforcementCase, pk: int) -> Valuation | None:
    return Valuation.objects.filter(pk=pk, asset__case=case).first()


def _objection(case: EnforcementCase, pk: int) -> Objection | None:
    return Objection.objects.filter(pk=pk, valuation__asset__case=case).first()


def _sale(case: EnforcementCase, pk: int) -> Sale | None:
    return Sale.objects.filter(pk=pk, asset__case=case).select_related("asset").first()


def _a(
    name: str, label: str, form: type[CaseActionForm], perform: Any, back: str, **kw: Any
) -> CaseAction:
    return CaseAction(
        name=name,
        label=gettext_lazy(label),
        form=form,
        perform=perform,
        roles=OFFICER_OR_HEAD,
        back=back,
        **kw,
    )


ACTIONS: dict[str, CaseAction] = {
    a.name: a
    for a in [
        _a("asset_new", "Record an asset", AssetForm, _asset_record, ASSETS, article="24"),
        _a(
            "inspection",
            "Record an inspection and inventory",
            InspectionForm,
            _inspection,
            ASSETS,
            article="24",
        ),
        _a(
            "freeze",
            "Freezing order",
            FreezeForm,
            _freeze,
            ASSETS,
            article="56",
            lookup=_asset,
            style="warning",
        ),
        _a(
            "release",
            "Release the freezing order",
            ReasonForm,
            _release,
            MEASURES,
            article="56",
            lookup=_measure,
            style="secondary",
        ),
        _a(
            "seize",
            "Seizure with inventory",
            SeizureForm,
            _seize,
            ASSETS,
            article="55, 57",
            lookup=_asset,
            style="warning",
        ),
        _a(
            "seize_items",
            "Seizure with inventory",
            SeizureForm,
            _seize,
            MEASURES,
            article="55, 57",
            style="warning",
        ),
        _a(
            "bank_debit",
            "Order a bank debit",
            MoneyOrderForm,
            _bank_debit,
            ASSETS,
            article="58",
            lookup=_asset,
        ),
        _a(
            "deduction",
            "Order a deduction",
            DeductionForm,
            _deduct,
            ASSETS,
            article="59, 60",
            lookup=_asset,
        ),
        _a(
            "garnishment",
            "Order the third party to hand over the money",
            MoneyOrderForm,
            _garnish,
            ASSETS,
            article="61",
            lookup=_asset,
        ),
        _a(
            "urgent_sale",
            "Urgent sale of perishable goods",
            UrgentSaleForm,
            _urgent,
            ASSETS,
            article="62",
            lookup=_asset,
            style="warning",
        ),
        _a(
            "valuation_plan",
            "Plan a valuation",
            ValuationForm,
            _valuation_plan,
            VALUATION,
            article="26–30",
            lookup=_asset,
        ),
        _a(
            "valuation_result",
            "Record the value",
            ValueForm,
            _valued,
            VALUATION,
            article="30",
            lookup=_valuation,
        ),
        _a(
            "valuation_notify",
            "Valuation result notified",
            _Today,
            _notified,
            VALUATION,
            article="31",
            lookup=_valuation,
        ),
        _a(
            "objection",
            "Record an objection",
            ObjectionForm,
            _object,
            VALUATION,
            article="32",
            lookup=_valuation,
            style="secondary",
        ),
        _a(
            "objection_decide",
            "Decide the objection",
            DecideForm,
            _decide,
            VALUATION,
            article="32",
            lookup=_objection,
        ),
        _a(
            "appeal",
            "Appeal to the next level",
            ObjectionForm,
            _appeal,
            VALUATION,
            article="32",
            lookup=_objection,
            style="secondary",
        ),
        _a(
            "owner_sale",
            "Let the owner sell it himself",
            _Today,
            _owner_sale,
            SALE,
            article="35",
            lookup=_asset,
            style="secondary",
        ),
        _a(
            "owner_sold",
            "The owner sold it",
            OwnerSoldForm,
            _owner_sold,
            SALE,
            article="35",
            lookup=_sale,
            style="success",
        ),
        _a(
            "advertise", "Advertise the sale", _Today, _advertise, SALE, article="35", lookup=_asset
        ),
        _a(
            "announce",
            "Announce the auction",
            AnnounceForm,
            _announce,
            SALE,
            article="36",
            lookup=_sale,
        ),
        _a(
            "auction_result",
            "Record the auction",
            AuctionResultForm,
            _auction_result,
            SALE,
            article="36",
            lookup=_sale,
        ),
        _a(
            "deposit",
            "Record the deposit",
            DepositForm,
            _deposit,
            SALE,
            article="36",
            lookup=_sale,
            style="success",
        ),
        _a(
            "balance",
            "Record the balance of the price",
            BalanceForm,
            _balance,
            SALE,
            article="36",
            lookup=_sale,
            style="success",
        ),
        _a(
            "default",
            "Winner did not pay in time",
            DefaultForm,
            _default,
            SALE,
            article="36",
            lookup=_sale,
            style="danger",
        ),
        _a(
            "hand_over",
            "Hand the asset to the creditor",
            HandOverForm,
            _hand_over,
            SALE,
            article="38",
            lookup=_asset,
            style="secondary",
        ),
        _a("summons", "Record a summons", SummonsForm, _summons, MEASURES, article="54"),
        _a(
            "summons_outcome",
            "Outcome of the summons",
            SummonsOutcomeForm,
            _summons_outcome,
            MEASURES,
            article="54",
            lookup=_measure,
        ),
        _a(
            "bring_in",
            "Bring the debtor in with the police",
            BringInForm,
            _bring_in,
            MEASURES,
            article="54",
            style="danger",
        ),
        _a(
            "eviction",
            "Order the eviction",
            EvictionForm,
            _evict,
            MEASURES,
            article="33",
            style="danger",
        ),
        _a(
            "carried_out",
            "Record as carried out",
            CarriedOutForm,
            _carried_out,
            MEASURES,
            lookup=_measure,
            style="success",
        ),
    ]
}


def asset_actions(asset: Asset) -> list[str]:
    """The actions offered on an asset in its current status."""
    if asset.status in ("sold", "handed_over", "released"):
        return []
    names = []
    if asset.kind in FREEZABLE and asset.status != "frozen":
        names.append("freeze")
    if asset.kind == AssetKind.BANK_ACCOUNT and asset.status == "frozen":
        names.append("bank_debit")
    if asset.kind in (AssetKind.WAGES, AssetKind.BUSINESS_INCOME):
        names.append("deduction")
    if asset.kind in (AssetKind.RECEIVABLE, AssetKind.BANK_ACCOUNT):
        names.append("garnishment")
    if asset.kind in (AssetKind.VEHICLE, AssetKind.MOVABLE):
        names += ["seize", "urgent_sale"]
    if asset.kind not in (
        AssetKind.WAGES,
        AssetKind.BUSINESS_INCOME,
        AssetKind.RECEIVABLE,
        AssetKind.BANK_ACCOUNT,
    ):
        names += ["valuation_plan", "owner_sale", "advertise"]
    return names


def measure_actions(measure: Measure) -> list[str]:
    if measure.kind == MeasureKind.FREEZE and measure.status == MeasureStatus.DONE:
        return ["release"]
    if measure.kind == MeasureKind.SUMMONS and measure.status == MeasureStatus.ORDERED:
        return ["summons_outcome"]
    if measure.status == MeasureStatus.ORDERED and measure.kind != MeasureKind.BRING_IN:
        return ["carried_out"]
    return []
