"""Loading the law texts (repeatable): each article is the source's chunks joined in order."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ejcms.guidelines.models import Law, LawArticle

DATA = Path(__file__).resolve().parent / "data" / "law"
SOURCES = {
    "enforcement": ("judgment_enforcement_law_2024.json", "Law on Enforcement of Court Decisions"),
    "court_fees": ("court_fees_law_2019.json", "Court Fees Law"),
}


@dataclass
class LoadResult:
    law: str
    articles: int
    missing: list[int]


@transaction.atomic
def law_load() -> list[LoadResult]:
    results = []
    for code, (filename, name_en) in SOURCES.items():
        source = json.loads((DATA / filename).read_text(encoding="utf-8"))
        law, _created = Law.objects.update_or_create(
            code=code,
            defaults={
                "name_lo": source["law_name_lao"],
                "name_en": name_en,
                "number": source["document_number"],
                "year": source["year"],
                "article_count": source["total_articles_original"],
            },
        )
        chunks: dict[int, list[dict]] = {}
        for item in source["articles"]:
            number = item["metadata"].get("article")
            if isinstance(number, int):
                chunks.setdefault(number, []).append(item)
        for number, items in chunks.items():
            meta = items[0]["metadata"]
            LawArticle.objects.update_or_create(
                law=law,
                number=number,
                defaults={
                    "title": (meta.get("article_title") or "")[:300],
                    "text": "\n\n".join(i["content"].strip() for i in items),
                    "amendment": meta.get("amendment_status") or "",
                },
            )
        LawArticle.objects.filter(law=law).exclude(number__in=list(chunks)).delete()
        missing = sorted(set(range(1, law.article_count + 1)) - set(chunks))
        results.append(LoadResult(code, len(chunks), missing))
    return results
