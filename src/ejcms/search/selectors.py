"""Search across Lao and Latin, scoped to what the user may see, ranked and highlighted.

The query is folded like the index (core.text.search_key: ໜ = ຫນ, ຫຼ = ຫລ, ຳ, Lao digits,
zero-width spaces, Latin case and accents); Latin words are also matched by their sound
(core.text.latin_key: Souksavanh = Souksavan). Substrings of three characters or more are found
through the trigram index of each database; shorter queries match whole numbers only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, Subquery, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ejcms.core.text import latin_key, search_key
from ejcms.org.selectors import AnyUser, office_scope, offices_visible_to, staff_profile
from ejcms.search.models import EntryKind, SearchEntry

MIN_SUBSTRING = 3
# Per kind, how many candidates are ranked; the page shows the best of them.
CANDIDATES = 100
# How many of the entries found are considered at all (a very common fragment: refine it).
CAP = 2_000
KIND_WEIGHT = {
    EntryKind.CASE: 6,
    EntryKind.PARTY: 5,
    EntryKind.DECISION: 4,
    EntryKind.ASSET: 3,
    EntryKind.GUIDELINE: 2,
    EntryKind.ARTICLE: 1,
}


@dataclass(frozen=True)
class Terms:
    """What is looked for: the folded query and the sound of its Latin words."""

    folded: str
    sound: str

    @property
    def usable(self) -> bool:
        return bool(self.folded)

    @property
    def patterns(self) -> list[str]:
        return [p for p in dict.fromkeys((self.folded, self.sound)) if p]


def terms(query: str) -> Terms:
    return Terms(folded=search_key(query)[:100], sound=latin_key(query)[:100])


def _visible(user: AnyUser) -> Q:
    """Entries of the offices the user sees, and the law and Guidelines for any staff member."""
    scope = office_scope(user)
    if staff_profile(user) is None:
        return Q(pk__in=[])
    public = Q(office__isnull=True, kind__in=[EntryKind.ARTICLE, EntryKind.GUIDELINE])
    return public | (Q(office__isnull=False) & scope.q("office"))


def _fts_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _matching(patterns: list[str]) -> Q:
    """Entries whose text contains one of the patterns, through the database's trigram index."""
    long = [p for p in patterns if len(p) >= MIN_SUBSTRING]
    short = [p for p in patterns if len(p) < MIN_SUBSTRING]
    q = Q(pk__in=[])
    if long:
        if connection.vendor == "sqlite":
            match = " OR ".join(_fts_quote(p) for p in long)
            q |= Q(pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match]))
        else:
            for pattern in long:
                q |= Q(text__contains=pattern)
    for pattern in short:
        # One or two characters: only a whole number (a register number such as "7").
        if pattern.isdigit():
            q |= Q(kind=EntryKind.CASE, title__startswith=f"{pattern}/")
    return q


def _newest_visible(user: AnyUser, found: Terms) -> Q:
    """At most CAP entries the user may see that the query finds (the newest, on SQLite): a
    bounded set, so that a fragment common to half the country's names costs no more than a
    rare one."""
    patterns = found.patterns
    long = [p for p in patterns if len(p) >= MIN_SUBSTRING]
    if connection.vendor != "sqlite" or not long:
        # PostgreSQL: any CAP of them, unordered, so that the bitmap of the trigram index is
        # read only until CAP rows are found (ordering would read every match first).
        ids = SearchEntry.objects.filter(_visible(user)).filter(_matching(patterns)).values("pk")
        return Q(pk__in=Subquery(ids[:CAP]))
    # SQLite: walk the trigram index newest first and stop at CAP entries in scope.
    scope = office_scope(user)
    if staff_profile(user) is None:
        return Q(pk__in=[])
    where, params = "", []
    if not scope.everything:
        offices = list(offices_visible_to(user).values_list("pk", flat=True))
        marks = ", ".join(["%s"] * len(offices)) or "NULL"
        where = f" AND (e.office_id IN ({marks}) OR (e.office_id IS NULL AND e.kind IN (%s, %s)))"
        params = [*offices, EntryKind.ARTICLE.value, EntryKind.GUIDELINE.value]
    match = " OR ".join(_fts_quote(p) for p in long)
    sql = (
        "SELECT e.id FROM search_fts f JOIN search_searchentry e ON e.id = f.rowid "
        f"WHERE search_fts MATCH %s{where} ORDER BY f.rowid DESC LIMIT {CAP}"
    )
    q = Q(pk__in=RawSQL(sql, [match, *params]))
    short = [p for p in patterns if len(p) < MIN_SUBSTRING and p.isdigit()]
    if short:
        q |= Q(_visible(user), _matching(short))
    return q


def case_ids_matching(query: str) -> QuerySet[SearchEntry, Any]:
    """The ids of cases with an entry the query finds (not scoped: for the case list, whose own
    selector is scoped)."""
    found = terms(query)
    if not found.usable:
        return SearchEntry.objects.none().values("case_id")
    return (
        SearchEntry.objects.filter(_matching(found.patterns), case__isnull=False)
        # Register numbers are matched exactly by the case list itself (12/2025 is not 112/2025).
        .exclude(kind__in=[EntryKind.CASE, EntryKind.ARTICLE, EntryKind.GUIDELINE])
        .values("case_id")
    )


# ------------------------------------------------------------------------------ ranking


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    title: SafeString
    detail: SafeString
    url: str


@dataclass
class Group:
    kind: EntryKind
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


def _score(entry: SearchEntry, found: Terms) -> float:
    title = entry.title_key
    score = 0.0
    if title == found.folded:
        score = 100
    elif title.startswith(found.folded) or f" {found.folded}" in f" {title}":
        score = 70
    elif found.folded and found.folded in title:
        score = 50
    elif found.sound and found.sound in latin_key(f"{entry.title} {entry.detail}"):
        score = 40
    elif found.folded in entry.text:
        score = 25
    else:
        score = 15  # found by the sound of a word of the text
    return score + KIND_WEIGHT.get(EntryKind(entry.kind), 0)


def highlight(text: str, found: Terms) -> SafeString:
    """`text` with the part the query matched marked; the fold keeps Lao lengths (ໜ is one
    character in the stored text), so positions carry over."""
    folded = search_key(text)
    if found.folded and len(folded) == len(text):
        start = folded.find(found.folded)
        if start >= 0:
            end = start + len(found.folded)
            return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])
    if found.sound:
        words = text.split(" ")
        marked = [
            format_html("<mark>{}</mark>", w) if w and found.sound in latin_key(w) else escape(w)
            for w in words
        ]
        if any("<mark>" in m for m in marked):
            return mark_safe(" ".join(str(m) for m in marked))
    return escape(text)


def entry_url(entry: SearchEntry) -> str:
    kind = entry.kind
    if kind == EntryKind.ARTICLE:
        _prefix, code, number = entry.ref.split(":")
        return reverse("guidelines:article", args=[code, int(number)])
    if kind == EntryKind.GUIDELINE:
        return reverse("guidelines:guideline", args=[entry.ref.split(":", 1)[1]])
    if kind == EntryKind.ASSET:
        return reverse("measures:assets", args=[entry.case_id]) + f"#asset-{entry.ref[6:]}"
    return reverse("cases:detail", args=[entry.case_id])


def search(user: AnyUser, query: str, *, per_kind: int = 8) -> list[Group]:
    """The best entries of each kind for the query, ranked, with the match highlighted."""
    found = terms(query)
    if not found.usable:
        return []
    # One query: the newest candidates of each kind among the newest CAP entries found.
    ranked = (
        SearchEntry.objects.filter(_newest_visible(user, found))
        .annotate(place=Window(RowNumber(), partition_by=[F("kind")], order_by=F("pk").desc()))
        .filter(place__lte=CANDIDATES)
    )
    by_kind: dict[str, list[SearchEntry]] = {}
    for entry in ranked:
        by_kind.setdefault(entry.kind, []).append(entry)
    groups = []
    for kind in EntryKind:
        rows = by_kind.get(kind.value, [])
        if not rows:
            continue
        scored = sorted(((_score(e, found), e) for e in rows), key=lambda x: (-x[0], -x[1].pk))
        # Only the shown hits are highlighted.
        hits = [
            Hit(e, score, highlight(e.title, found), highlight(e.detail, found), entry_url(e))
            for score, e in scored[:per_kind]
        ]
        groups.append(Group(kind, hits, more=len(scored) > per_kind))
    return groups
