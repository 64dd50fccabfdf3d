"""The texts of the laws the officers apply, article by article, as the source gives them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Law(models.Model):
    # The same codes as cases.choices.Law, which legal rules cite.
    code = models.CharField(_("code"), max_length=16, unique=True)
    name_lo = models.CharField(_("name (Lao)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    number = models.CharField(_("number"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    # How many articles the law has, present in the source text or not.
    article_count = models.PositiveSmallIntegerField(_("articles"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("law")

    def __str__(self) -> str:
        return self.name_lo

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "lo").startswith("en") else self.name_lo


class LawArticle(models.Model):
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveSmallIntegerField(_("article"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    amendment = models.CharField(_("amendment"), max_length=16, blank=True)

    class Meta:
        ordering = ["law", "number"]
        verbose_name = _("article")
        constraints = [models.UniqueConstraint(fields=["law", "number"], name="law_article_unique")]

    def __str__(self) -> str:
        return f"{self.law.code} {self.number}"


class GuidelineSection(models.Model):
    """A section of the DEJ's Guidelines on the Enforcement of Judgments; its text is versioned."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # The workflow steps and legal rules the section explains (their names and keys).
    steps = models.JSONField(_("workflow steps"), default=list, blank=True)
    rule_keys = models.JSONField(_("legal rules"), default=list, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("guideline section")

    def __str__(self) -> str:
        return self.code


class GuidelineVersion(models.Model):
    """One version of a section's text, never edited: a change is a new version."""

    section = models.ForeignKey(GuidelineSection, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    title_lo = models.CharField(_("title (Lao)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    # Sanitised HTML (nh3) of the Lao and English texts.
    body_lo = models.TextField(_("text (Lao)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["section", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["section", "version"], name="guideline_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.section_id} v{self.version}"

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        english = (get_language() or "lo").startswith("en")
        return self.title_en if english and self.title_en else self.title_lo

    @property
    def body(self) -> str:
        from django.utils.translation import get_language

        english = (get_language() or "lo").startswith("en")
        return self.body_en if english and self.body_en else self.body_lo
