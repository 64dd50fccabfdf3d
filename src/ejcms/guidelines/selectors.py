"""Reading the law: an article, and the articles a reference such as "26–30" or "49, 50" names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ejcms.guidelines.models import Law, LawArticle

RANGE = re.compile(r"(\d+)\s*[–-]\s*(\d+)")
NUMBER = re.compile(r"\d+")


def article_numbers(reference: str) -> list[int]:
    """ "49, 50" → [49, 50]; "26–30" → [26, …, 30]; "48.1" → [48] (a clause is in its article)."""
    numbers: list[int] = []
    for part in reference.split(","):
        part = part.strip()
        span = RANGE.fullmatch(part)
        if span:
            low, high = int(span.group(1)), int(span.group(2))
            numbers.extend(range(low, min(high, low + 20) + 1))
            continue
        first = NUMBER.match(part)
        if first:
            numbers.append(int(first.group()))
    return list(dict.fromkeys(numbers))


@dataclass
class ArticleRef:
    law: Law
    number: int
    article: LawArticle | None  # None: missing from the source text


def articles_for(law_code: str, reference: str) -> list[ArticleRef]:
    law = Law.objects.filter(code=law_code).first()
    if law is None:
        return []
    numbers = [n for n in article_numbers(reference) if 1 <= n <= law.article_count]
    found = {a.number: a for a in law.articles.filter(number__in=numbers)}
    return [ArticleRef(law, n, found.get(n)) for n in numbers]
