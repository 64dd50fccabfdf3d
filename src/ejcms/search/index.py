"""Keeping the search index: the entries of a case (its number, decision, parties and assets),
of the law's articles and of the Guidelines, rebuilt whenever they change."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.html import strip_tags

from ejcms.cases.models import CaseParty, EnforcementCase
from ejcms.core.text import latin_key_of_folded, number_key, search_key
from ejcms.guidelines.models import GuidelineSection, LawArticle
from ejcms.measures.models import Asset
from ejcms.search.models import EntryKind, SearchEntry

_DIGITS = re.compile(r"\D+")


def fold(*parts: str) -> str:
    """The indexed text of some fields: folded, with the sound of the Latin words after it."""
    text = " ".join(p for p in parts if p)
    folded = search_key(text)
    sound = latin_key_of_folded(folded)
    return f"{folded} {sound}" if sound else folded


def entry(**fields: Any) -> SearchEntry:
    """An entry, with its folded title for ranking."""
    return SearchEntry(title_key=search_key(fields["title"])[:300], **fields)


def _digits(*values: str) -> str:
    """Numbers also without their separators: 010-12-00-00123456 is found as 0101200…"""
    runs = [_DIGITS.sub("", v) for v in values if v and _DIGITS.search(v)]
    return " ".join(r for r in runs if len(r) >= 4)


def case_entries(
    case: EnforcementCase,
    links: list[CaseParty] | None = None,
    assets: list[Asset] | None = None,
) -> list[SearchEntry]:
    """The entries of a case; `links` and `assets` may be given when read in bulk."""
    office = case.office_id
    decision = case.decision
    court = decision.court.name_lo
    entries = [
        entry(
            kind=EntryKind.CASE,
            ref=f"case:{case.pk}",
            case=case,
            office_id=office,
            title=case.register_label,
            detail=f"{decision.number} · {court}",
            text=fold(case.register_label, f"{case.register_number}"),
        ),
        entry(
            kind=EntryKind.DECISION,
            ref=f"decision:{decision.pk}",
            case=case,
            office_id=office,
            title=decision.number,
            detail=court,
            text=fold(decision.number, number_key(decision.number), _digits(decision.number)),
        ),
    ]
    if case.erased_on is not None:
        # Its personal data were erased (cases.retention): found by its numbers only.
        return entries
    if links is None:
        links = list(case.case_parties.select_related("party"))
    for link in links:
        party = link.party
        entries.append(
            entry(
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
    if assets is None:
        assets = list(Asset.objects.filter(case=case))
    for asset in assets:
        numbers = (asset.title_number, asset.plate, asset.chassis, asset.account_number)
        entries.append(
            entry(
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
def index_cases(case_ids: Iterable[int], *, replace: bool = True) -> int:
    """Rebuild the entries of these cases, reading their parties and assets in two queries;
    returns how many entries were written."""
    ids = list(case_ids)
    if replace:
        SearchEntry.objects.filter(case_id__in=ids).delete()
    cases = EnforcementCase.objects.filter(pk__in=ids).select_related("decision__court")
    links: dict[int, list[CaseParty]] = defaultdict(list)
    for link in CaseParty.objects.filter(case_id__in=ids).select_related("party"):
        links[link.case_id].append(link)
    assets: dict[int, list[Asset]] = defaultdict(list)
    for asset in Asset.objects.filter(case_id__in=ids):
        assets[asset.case_id].append(asset)
    entries = [
        entry for case in cases for entry in case_entries(case, links[case.pk], assets[case.pk])
    ]
    SearchEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def forget_erased(case: EnforcementCase) -> None:
    """After a case's personal data are erased: its entries again, without parties or assets
    (in the erasing transaction)."""
    index_cases([case.pk])


@transaction.atomic
def article_entry(article: LawArticle) -> SearchEntry:
    return entry(
        kind=EntryKind.ARTICLE,
        ref=f"article:{article.law.code}:{article.number}",
        title=f"{article.law.name_lo} · ມາດຕາ {article.number}",
        detail=article.title,
        text=fold(f"ມາດຕາ {article.number}", article.title, article.text),
    )


def index_law() -> int:
    SearchEntry.objects.filter(kind=EntryKind.ARTICLE).delete()
    entries = [article_entry(a) for a in LawArticle.objects.select_related("law")]
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
            entry(
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


def reindex_all(batch: int = 5000, *, only_missing: bool = False) -> int:
    """Rebuild the whole index (after a bulk import or the demo), or with `only_missing` add the
    cases that have no entry yet; returns the entries written."""
    count = 0
    if not only_missing:
        count += index_law() + index_guidelines()
        SearchEntry.objects.filter(case__isnull=False).delete()
    cases = EnforcementCase.objects.order_by("pk")
    if only_missing:
        cases = cases.exclude(
            pk__in=SearchEntry.objects.filter(kind=EntryKind.CASE).values("case_id")
        )
    ids = list(cases.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        count += index_cases(ids[start : start + batch], replace=False)
    return count
