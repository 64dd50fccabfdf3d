"""Reading the law: an article, and the articles a reference such as "26–30" or "49, 50" names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ejcms.guidelines.models import GuidelineSection, GuidelineVersion, Law, LawArticle

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


def guideline_sections() -> list[tuple[GuidelineSection, GuidelineVersion]]:
    """Every section with its current (latest) version."""
    current: dict[int, GuidelineVersion] = {}
    for version in GuidelineVersion.objects.order_by("section_id", "-version"):
        current.setdefault(version.section_id, version)
    return [(s, current[s.pk]) for s in GuidelineSection.objects.all() if s.pk in current]


Section = tuple[GuidelineSection, GuidelineVersion]


def sections_for(
    targets: list[str] | set[str], sections: list[Section] | None = None
) -> dict[str, list[Section]]:
    """For each target ("freeze", "measure:seizure", "rule:freeze_order", "module:M3"), the
    sections linked to it (two queries, or none when `sections` is given)."""
    sections = guideline_sections() if sections is None else sections
    return {t: [(s, v) for s, v in sections if t in (s.steps or [])] for t in targets}


def law_panel(
    steps: list[tuple[str, str]],
    law_code: str = "enforcement",
    sections: list[Section] | None = None,
) -> dict[str, tuple[list[ArticleRef], list[Section]]]:
    """For each step (name, article reference): its articles and its guideline sections, in a
    fixed number of queries however many steps there are."""
    if not steps:
        return {}
    law = Law.objects.filter(code=law_code).first()
    wanted = {name: article_numbers(reference) for name, reference in steps}
    found: dict[int, LawArticle] = {}
    if law is not None:
        needed = {n for ns in wanted.values() for n in ns if 1 <= n <= law.article_count}
        found = {a.number: a for a in law.articles.filter(number__in=needed)}
    sections = guideline_sections() if sections is None else sections
    panel = {}
    for name, numbers in wanted.items():
        refs = (
            [ArticleRef(law, n, found.get(n)) for n in numbers if 1 <= n <= law.article_count]
            if law is not None
            else []
        )
        panel[name] = (refs, [(s, v) for s, v in sections if name in (s.steps or [])])
    return panel
