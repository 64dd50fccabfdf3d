"""The search index: one row per thing a user may look for, with its text folded for search
(Lao spellings and Lao digits unified, Latin names reduced to their sound) and the office that
owns it, so that results are scoped like everything else."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ejcms.cases.models import EnforcementCase
from ejcms.org.models import Office


class EntryKind(models.TextChoices):
    CASE = "case", _("Cases")
    PARTY = "party", _("Parties")
    DECISION = "decision", _("Court decisions")
    ASSET = "asset", _("Assets")
    GUIDELINE = "guideline", _("Guidelines")
    ARTICLE = "article", _("Law articles")


class SearchEntry(models.Model):
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    # What the entry stands for: "party:12", "article:enforcement:20"…
    ref = models.CharField(max_length=60)
    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The office whose users may find it; none for the law and the Guidelines (every user).
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=300)
    # The title folded (search_key), for ranking without folding it again.
    title_key = models.CharField(max_length=300, default="")
    detail = models.CharField(max_length=300, blank=True)
    # Folded text (core.text.search_key) and the sound of its Latin words (latin_key); indexed
    # for substring search: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL.
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "ref", "case"], name="search_entry_unique")
        ]
        indexes = [models.Index(fields=["case"], name="search_entry_case_idx")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
