"""Keeping the search index: the entries of a case (its number, decision, parties and assets),
of the law's articles and of the Guidelines, rebuilt whenever they change."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils.html import strip_tags

from ejcms.cases.models import EnforcementCase
from ejcms.core.text import latin_key, number_key, search_key
from ejcms.guidelines.models import GuidelineSection, LawArticle
from ejcms.measures.models import Asset
from ejcms.search.models import EntryKind, SearchEntry

_DIGITS = re.compile(r"\D+")


def fold(*parts: str) -> str:
    """The indexed text of some fields: folded, with the sound of the Latin words after it."""
    text = " ".join(p for p in parts if p)
    folded = search_key(text)
    sound = latin_key(text)
    return f"{folded} {sound}" if sound else folded


def _digits(*values: str) -> str:
    """Numbers also without their separators: 010-12-00-00123456 is found as 0101200…"""
    runs = [_DIGITS.sub("", v) for v in values if v and _DIGITS.search(v)]
    return " ".join(r for r in runs if len(r) >= 4)


def case_entries(case: EnforcementCase) -> list[SearchEntry]:
    office = case.office_id
    decision = case.decision
    court = decision.court.name_lo
    entries = [
        SearchEntry(
            kind=EntryKind.CASE,
            ref=f"case:{case.pk}",
            case=case,
            office_id=office,
            title=case.register_label,
            detail=f"{decision.number} · {court}",
            text=fold(case.register_label, f"{case.register_number}"),
        ),
        SearchEntry(
            kind=EntryKind.DECISION,
            ref=f"decision:{decision.pk}",
            case=case,
            office_id=office,
            title=decision.number,
            detail=court,
            text=fold(decision.number, number_key(decision.number), _digits(decision.number)),
        ),
    ]
    for link in case.case_parties.select_related("party"):
        party = link.party
        entries.append(
            SearchEntry(
                kind=EntryKind.PARTY,
                ref=f"party:{party.pk}",
                case=case,
                office_id=office,
                title=party.name_lo,
                detail=" · ".join(x for x in (party.name_latin, link.get_role_display()) if x),
                text=fold(
                    party.name_lo,
                    party.name_latin,
                    party.id_document_number,
                    _digits(party.id_document_number),
                ),
            )
        )
    for asset in Asset.objects.filter(case=case):
        numbers = (asset.title_number, asset.plate, asset.chassis, asset.account_number)
        entries.append(
            SearchEntry(
                kind=EntryKind.ASSET,
                ref=f"asset:{asset.pk}",
                case=case,
                office_id=office,
                title=asset.description,
                detail=" · ".join(x for x in (asset.get_kind_display(), *numbers) if x),
                text=fold(asset.description, *numbers, asset.payer_name, _digits(*numbers)),
            )
        )
    # Entries with the same ref in one case (a party named twice) are kept once.
    unique = {(e.kind, e.ref): e for e in entries}
    return list(unique.values())


@transaction.atomic
def index_cases(case_ids: Iterable[int]) -> int:
    """Rebuild the entries of these cases; returns how many entries were written."""
    ids = list(case_ids)
    SearchEntry.objects.filter(case_id__in=ids).delete()
    cases = EnforcementCase.objects.filter(pk__in=ids).select_related("decision__court")
    entries = [entry for case in cases for entry in case_entries(case)]
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


@transaction.atomic
def index_law() -> int:
    SearchEntry.objects.filter(kind=EntryKind.ARTICLE).delete()
    entries = [
        SearchEntry(
            kind=EntryKind.ARTICLE,
            ref=f"article:{a.law.code}:{a.number}",
            title=f"{a.law.name_lo} · ມາດຕາ {a.number}",
            detail=a.title,
            text=fold(f"ມາດຕາ {a.number}", a.title, a.text),
        )
        for a in LawArticle.objects.select_related("law")
    ]
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


@transaction.atomic
def index_guidelines() -> int:
    SearchEntry.objects.filter(kind=EntryKind.GUIDELINE).delete()
    entries = []
    for section in GuidelineSection.objects.prefetch_related("versions"):
        versions = sorted(section.versions.all(), key=lambda v: v.version)
        if not versions:
            continue
        current = versions[-1]
        entries.append(
            SearchEntry(
                kind=EntryKind.GUIDELINE,
                ref=f"guideline:{section.code}",
                title=current.title_lo,
                detail=current.title_en,
                text=fold(
                    current.title_lo,
                    current.title_en,
                    strip_tags(current.body_lo),
                    strip_tags(current.body_en),
                ),
            )
        )
    SearchEntry.objects.bulk_create(entries)
    return len(entries)


def reindex_all(batch: int = 2000) -> int:
    """Rebuild the whole index (after a bulk import or the demo); returns the entries written."""
    count = index_law() + index_guidelines()
    ids = list(EnforcementCase.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        count += index_cases(ids[start : start + batch])
    return count
