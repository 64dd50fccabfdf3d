"""Recording the assets of a case (Art. 24) and inspecting them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ejcms.cases.choices import TimelineKind
from ejcms.cases.models import EnforcementCase, Party
from ejcms.core.audit import row_key
from ejcms.core.errors import ApplicationError
from ejcms.core.uploads import check_upload
from ejcms.measures.choices import (
    AssetKind,
    AssetStatus,
    DeclaredBy,
    MeasureKind,
    MeasureStatus,
)
from ejcms.measures.models import Asset, Measure
from ejcms.measures.services.common import (
    check_date,
    check_money,
    check_party,
    lock_case,
    record,
    set_status,
)
from ejcms.org.models import Village

# What identifies each kind of asset: the fields that must be filled in.
REQUIRED_BY_KIND: dict[str, tuple[str, ...]] = {
    AssetKind.LAND: ("title_number",),
    AssetKind.BUILDING: (),
    AssetKind.VEHICLE: (),  # the plate or the chassis number: checked below
    AssetKind.BANK_ACCOUNT: ("bank", "account_number"),
    AssetKind.WAGES: ("payer_name",),
    AssetKind.BUSINESS_INCOME: ("payer_name",),
    AssetKind.RECEIVABLE: ("payer_name",),
    AssetKind.MOVABLE: (),
}


@dataclass(frozen=True)
class AssetData:
    kind: str
    owner: Party | None
    description: str
    declared_by: str
    declared_on: date
    title_number: str = ""
    area_m2: Decimal | None = None
    village: Village | None = None
    plate: str = ""
    chassis: str = ""
    bank: str = ""
    branch: str = ""
    account_number: str = ""
    payer_name: str = ""
    estimated_value: Decimal | None = None
    currency: str = ""
    note: str = ""


def _validate(case: EnforcementCase, data: AssetData) -> None:
    errors: dict[str, str] = {}
    if data.kind not in AssetKind.values:
        errors["kind"] = _("Choose the kind of asset.")
    if data.declared_by not in DeclaredBy.values:
        errors["declared_by"] = _("Say who declared the asset.")
    if not data.description.strip():
        errors["description"] = _("Describe the asset.")
    for name in REQUIRED_BY_KIND.get(data.kind, ()):
        if not str(getattr(data, name)).strip():
            errors[name] = _("Required for this kind of asset.")
    if data.kind == AssetKind.VEHICLE and not (data.plate.strip() or data.chassis.strip()):
        errors["plate"] = _("Give the number plate or the chassis number.")
    if data.area_m2 is not None and data.area_m2 <= 0:
        errors["area_m2"] = _("Enter an area greater than zero.")
    if errors:
        raise ApplicationError(errors)
    check_party(case, data.owner, "owner")
    check_date(data.declared_on, "declared_on")
    if data.estimated_value is not None or data.currency:
        check_money(data.estimated_value, data.currency, "estimated_value")


def _check_evidence(evidence: UploadedFile | None) -> None:
    check_upload(evidence, "evidence", required=False)


@transaction.atomic
def asset_record(
    *,
    actor: User,
    case: EnforcementCase,
    data: AssetData,
    evidence: UploadedFile | None = None,
) -> Asset:
    """Enter an asset in the case's register, with who declared it and the evidence."""
    case = lock_case(actor, case.pk)
    _validate(case, data)
    _check_evidence(evidence)
    status = (
        AssetStatus.FOUND if data.declared_by == DeclaredBy.INSPECTION else (AssetStatus.DECLARED)
    )
    asset = Asset.objects.create(
        case=case,
        kind=data.kind,
        owner=check_party(case, data.owner, "owner"),
        description=data.description.strip(),
        title_number=data.title_number.strip(),
        area_m2=data.area_m2,
        village=data.village,
        plate=data.plate.strip().upper(),
        chassis=data.chassis.strip().upper(),
        bank=data.bank.strip(),
        branch=data.branch.strip(),
        account_number=data.account_number.strip(),
        payer_name=data.payer_name.strip(),
        estimated_value=data.estimated_value,
        currency=data.currency if data.estimated_value is not None else "",
        status=status,
        declared_by=data.declared_by,
        declared_on=data.declared_on,
        note=data.note.strip(),
        created_by=actor,
        modified_by=actor,
    )
    if evidence is not None:
        asset.evidence.save(evidence.name or "evidence", evidence, save=True)
    record(
        case,
        TimelineKind.ASSET,
        actor=actor,
        on=data.declared_on,
        action="recorded",
        obj=asset,
        asset=asset.pk,
        description=asset.description,
        kind=asset.kind,
        declared_by=asset.declared_by,
    )
    return asset


@transaction.atomic
def inspection_record(
    *, actor: User, case: EnforcementCase, on: date, found: list[Asset], note: str
) -> Measure:
    """Asset inspection and inventory (Art. 24): the assets found on the spot are confirmed."""
    case = lock_case(actor, case.pk)
    check_date(on)
    if not note.strip():
        raise ApplicationError({"note": _("Write what was inspected and who was present.")})
    if any(asset.case_id != case.pk for asset in found):
        raise ApplicationError({"found": _("Choose assets of this case.")})
    measure = Measure.objects.create(
        case=case,
        kind=MeasureKind.INSPECTION,
        status=MeasureStatus.DONE,
        ordered_on=on,
        done_on=on,
        note=note.strip(),
        created_by=actor,
        modified_by=actor,
    )
    confirmed: dict[str, list[Any]] = {}
    for asset in Asset.objects.select_for_update().filter(
        pk__in=[a.pk for a in found], status=AssetStatus.DECLARED
    ):
        confirmed |= set_status(asset, AssetStatus.FOUND, prefix=row_key(asset))
    record(
        case,
        TimelineKind.MEASURE,
        actor=actor,
        on=on,
        action="inspection",
        obj=measure,
        kind=measure.kind,
        measure=measure.pk,
        found=[a.pk for a in found],
        changes=confirmed,
    )
    return measure
