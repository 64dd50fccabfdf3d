"""The closed lists of the training needs assessment (DOMAIN.md "Training needs assessment")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    LAW = "law", _("Judgments and the law")
    PROCEDURE = "procedure", _("Procedure")
    MEASURES = "measures", _("Enforcement measures")
    MONEY = "money", _("Money and accounts")
    ETHICS = "ethics", _("Ethics and integrity")
    COORDINATION = "coordination", _("Coordination and reporting")
    DIGITAL = "digital", _("Digital skills")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")


class Band(models.TextChoices):
    HIGH = "high", _("High")
    MODERATE = "moderate", _("Moderate")
    LOW = "low", _("Low")


# Need = importance − performance; these are the band limits of the method.
HIGH_NEED = 1.5
MODERATE_NEED = 0.5
# Groups smaller than this are not shown apart (anonymity).
SMALL_GROUP = 5
SCALE = range(1, 8)


def band_of(need: float) -> Band:
    if need >= HIGH_NEED:
        return Band.HIGH
    if need >= MODERATE_NEED:
        return Band.MODERATE
    return Band.LOW
