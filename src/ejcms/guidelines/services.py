"""Loading the law texts (repeatable): each article is the source's chunks joined in order."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nh3
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.guidelines.models import GuidelineSection, GuidelineVersion, Law, LawArticle
from ejcms.org.selectors import is_national_admin

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


# --- Guidelines ---------------------------------------------------------------------------

# The workflow steps a section may explain; the cases app fills this when it loads (guidelines
# comes before cases in the import order). Measures add theirs as "measure:<kind>".
KNOWN_STEPS: dict[str, Any] = {}
# What else a section may explain, read when the form is shown: legal rules ("rule:<key>") and
# training modules ("module:<code>"), from the apps that own them. Each gives (key, label) pairs.
TARGET_SOURCES: list[Callable[[], list[tuple[str, str]]]] = []


def known_targets() -> dict[str, str]:
    """Every step, measure, rule and module a guideline section may be linked to."""
    targets = {key: str(label) for key, label in KNOWN_STEPS.items()}
    for source in TARGET_SOURCES:
        targets.update(source())
    return targets


ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def sanitise(html: str) -> str:
    """Keep the structure of the text and nothing that runs: no script, style, event handler or
    javascript: link."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan"}},
        url_schemes={"https", "http", "mailto"},
    ).strip()


@dataclass(frozen=True)
class GuidelineData:
    code: str
    title_lo: str
    body_lo: str
    title_en: str = ""
    body_en: str = ""
    note: str = ""
    steps: tuple[str, ...] = ()
    rule_keys: tuple[str, ...] = ()


def may_edit_guidelines(user: User | AnonymousUser) -> bool:
    return is_national_admin(user)


# What a new version may change: its texts, and the steps and rules its section explains.
TEXT_FIELDS = ("title_lo", "title_en", "body_lo", "body_en")
SECTION_FIELDS = ("steps", "rule_keys")


@transaction.atomic
def guideline_save(*, actor: User, data: GuidelineData) -> GuidelineVersion:
    """A new version of a section (created with its first version). Only a national
    administrator edits the Guidelines; every earlier version is kept."""
    if not may_edit_guidelines(actor):
        raise AccessDenied(_("Only a national administrator edits the Guidelines."))
    errors: dict[str, str] = {}
    code = slugify(data.code)
    if not code:
        errors["code"] = _("Give the section a code (letters, digits, hyphens).")
    if not data.title_lo.strip():
        errors["title_lo"] = _("Give the Lao title.")
    body_lo = sanitise(data.body_lo)
    if not strip_tags(body_lo).strip():
        errors["body_lo"] = _("Write the Lao text.")
    known = known_targets()
    unknown = [s for s in data.steps if s not in known]
    if unknown:
        errors["steps"] = _("Unknown workflow steps: %(steps)s.") % {"steps": ", ".join(unknown)}
    if errors:
        raise ApplicationError(errors)
    section, _created = GuidelineSection.objects.select_for_update().get_or_create(code=code)
    last = section.versions.order_by("-version").first()
    before_section = snapshot(section, SECTION_FIELDS)
    rules = [s.removeprefix("rule:") for s in data.steps if s.startswith("rule:")]
    section.steps = list(data.steps)
    section.rule_keys = list(dict.fromkeys([*data.rule_keys, *rules]))
    section.save()
    version = GuidelineVersion.objects.create(
        section=section,
        version=(last.version + 1) if last else 1,
        title_lo=data.title_lo.strip(),
        title_en=data.title_en.strip(),
        body_lo=body_lo,
        body_en=sanitise(data.body_en),
        note=data.note.strip(),
        created_by=actor,
    )
    # A new version of a section edits it: the audit keeps what changed since the last one.
    changed = (
        changes(snapshot(last, TEXT_FIELDS), snapshot(version, TEXT_FIELDS))
        | changes(before_section, snapshot(section, SECTION_FIELDS), prefix="section")
        if last is not None
        else None
    )
    audit_write(
        actor=actor,
        action="guidelines.save",
        obj=version,
        payload={"section": code, "version": version.version},
        changes=changed,
    )
    return version
