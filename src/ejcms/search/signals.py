"""The index follows the records it is built from, in the same transaction as the change.

Signals rather than calls in each service: the services of cases, measures and guidelines sit to
the left of this module and must not know it (DESIGN.md, ADR 0006). Bulk writes (bulk_create,
update) send no signal: whoever makes them calls `index.reindex_all` or `index_cases`."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from ejcms.cases.models import CaseParty, Decision, EnforcementCase, Party
from ejcms.guidelines.models import GuidelineVersion, LawArticle
from ejcms.measures.models import Asset
from ejcms.search import index
from ejcms.search.models import EntryKind, SearchEntry


def _case_created(sender: Any, instance: EnforcementCase, created: bool, **kwargs: Any) -> None:
    # A case's number, decision and office do not change after registration.
    if created:
        index.index_cases([instance.pk])


def _decision(sender: Any, instance: Decision, created: bool, **kwargs: Any) -> None:
    if not created:
        index.index_cases(instance.cases.values_list("pk", flat=True))


def _party(sender: Any, instance: Party, created: bool, **kwargs: Any) -> None:
    if not created:
        index.index_cases(instance.case_links.values_list("case_id", flat=True))


def _case_party(sender: Any, instance: CaseParty, **kwargs: Any) -> None:
    index.index_cases([instance.case_id])


def _asset(sender: Any, instance: Asset, **kwargs: Any) -> None:
    index.index_cases([instance.case_id])


# On delete only the entry goes: the case itself may be being deleted in the same operation, and
# rebuilding its entries then would leave rows pointing to it.
def _case_party_deleted(sender: Any, instance: CaseParty, **kwargs: Any) -> None:
    SearchEntry.objects.filter(
        case_id=instance.case_id, kind=EntryKind.PARTY, ref=f"party:{instance.party_id}"
    ).delete()


def _asset_deleted(sender: Any, instance: Asset, **kwargs: Any) -> None:
    SearchEntry.objects.filter(
        case_id=instance.case_id, kind=EntryKind.ASSET, ref=f"asset:{instance.pk}"
    ).delete()


def _article(sender: Any, instance: LawArticle, **kwargs: Any) -> None:
    fresh = index.article_entry(instance)
    SearchEntry.objects.filter(kind=EntryKind.ARTICLE, ref=fresh.ref).delete()
    fresh.save()


def _guideline(sender: Any, instance: GuidelineVersion, **kwargs: Any) -> None:
    index.index_guidelines()


def connect() -> None:
    post_save.connect(_case_created, sender=EnforcementCase, dispatch_uid="search-case")
    post_save.connect(_decision, sender=Decision, dispatch_uid="search-decision")
    post_save.connect(_party, sender=Party, dispatch_uid="search-party")
    post_save.connect(_case_party, sender=CaseParty, dispatch_uid="search-case-party")
    post_delete.connect(_case_party_deleted, sender=CaseParty, dispatch_uid="search-case-party-del")
    post_save.connect(_asset, sender=Asset, dispatch_uid="search-asset")
    post_delete.connect(_asset_deleted, sender=Asset, dispatch_uid="search-asset-del")
    post_save.connect(_article, sender=LawArticle, dispatch_uid="search-article")
    post_save.connect(_guideline, sender=GuidelineVersion, dispatch_uid="search-guideline")
