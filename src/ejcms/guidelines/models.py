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
