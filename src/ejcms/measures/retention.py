"""Assets, measures, valuations and sales in a case's retention (cases.retention): archived
with the case; on erasure what describes or identifies a person or their property goes
(descriptions, title and plate numbers, accounts, names of payers, experts, committee members
and bidders, notes, evidence files) and the kinds, statuses, dates and amounts stay; a
person's export lists the assets they own and the measures taken about them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from ejcms.cases.choices import IdDocumentType
from ejcms.cases.models import EnforcementCase, Party
from ejcms.cases.retention import Part, register_part, rows
from ejcms.measures.models import (
    Asset,
    Bid,
    Bidder,
    Measure,
    Objection,
    Sale,
    SeizedItem,
    Valuation,
    ValuationMember,
)


def _archive(case: EnforcementCase) -> dict[str, list[dict[str, Any]]]:
    return {
        "assets": rows(Asset.objects.filter(case=case)),
        "measures": rows(Measure.objects.filter(case=case)),
        "seized_items": rows(SeizedItem.objects.filter(measure__case=case)),
        "valuations": rows(Valuation.objects.filter(asset__case=case)),
        "valuation_members": rows(ValuationMember.objects.filter(valuation__asset__case=case)),
        "objections": rows(Objection.objects.filter(valuation__asset__case=case)),
        "sales": rows(Sale.objects.filter(asset__case=case)),
        "bidders": rows(Bidder.objects.filter(sale__asset__case=case)),
        "bids": rows(Bid.objects.filter(sale__asset__case=case)),
    }


def _files(case: EnforcementCase) -> list[FieldFile]:
    return [asset.evidence for asset in Asset.objects.filter(case=case).exclude(evidence="")]


def _erase(case: EnforcementCase) -> dict[str, int]:
    now = timezone.now()
    # Queryset updates: no signal, so the search index is rebuilt once, after (cases.retention).
    return {
        "assets": Asset.objects.filter(case=case).update(
            description="",
            title_number="",
            village=None,
            plate="",
            chassis="",
            bank="",
            branch="",
            account_number="",
            payer_name="",
            evidence="",
            note="",
            modified_at=now,
        ),
        "measures": Measure.objects.filter(case=case).update(
            third_party="", note="", modified_at=now
        ),
        "seized_items": SeizedItem.objects.filter(measure__case=case).update(description=""),
        "valuations": Valuation.objects.filter(asset__case=case).update(expert="", modified_at=now),
        "valuation_members": ValuationMember.objects.filter(valuation__asset__case=case).update(
            name=""
        ),
        "objections": Objection.objects.filter(valuation__asset__case=case).update(
            reason="", decision_note="", modified_at=now
        ),
        "bidders": Bidder.objects.filter(sale__asset__case=case).update(
            name="", id_document_type=IdDocumentType.NONE, id_document_number="", phone=""
        ),
    }


def _person(case: EnforcementCase, party: Party) -> dict[str, Any]:
    assets = Asset.objects.filter(case=case, owner=party).select_related("village")
    measures = (
        Measure.objects.filter(case=case)
        .filter(Q(party=party) | Q(asset__owner=party))
        .select_related("asset")
    )
    objections = Objection.objects.filter(valuation__asset__case=case, party=party)
    return {
        "assets": [
            {
                "kind": asset.kind,
                "kind_label": asset.get_kind_display(),
                "description": asset.description,
                "title_number": asset.title_number,
                "area_m2": asset.area_m2,
                "village": asset.village.name if asset.village else "",
                "plate": asset.plate,
                "chassis": asset.chassis,
                "bank": asset.bank,
                "branch": asset.branch,
                "account_number": asset.account_number,
                "payer_name": asset.payer_name,
                "estimated_value": asset.estimated_value,
                "currency": asset.currency,
                "status": asset.status,
                "status_label": asset.get_status_display(),
                "declared_on": asset.declared_on,
                "evidence_file": bool(asset.evidence),
                "note": asset.note,
            }
            for asset in assets
        ],
        "measures": [
            {
                "kind": measure.kind,
                "kind_label": measure.get_kind_display(),
                "status": measure.status,
                "status_label": measure.get_status_display(),
                "asset": measure.asset.description if measure.asset else "",
                "ordered_on": measure.ordered_on,
                "done_on": measure.done_on,
                "ended_on": measure.ended_on,
                "rate": measure.rate,
                "amount": measure.amount,
                "currency": measure.currency,
                "appear_on": measure.appear_on,
                "note": measure.note,
            }
            for measure in measures
        ],
        "objections": [
            {
                "filed_on": objection.filed_on,
                "reason": objection.reason,
                "level": objection.level,
                "level_label": objection.get_level_display(),
                "decided_on": objection.decided_on,
                "upheld": objection.upheld,
                "decision": objection.decision_note,
            }
            for objection in objections
        ],
    }


def register() -> None:
    register_part(
        Part(app="measures", archive=_archive, files=_files, erase=_erase, person=_person)
    )
