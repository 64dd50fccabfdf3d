"""Baseline snapshots of the indicators, and the imports of historic registers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ejcms.org.models import Office


class Snapshot(models.Model):
    """The indicators of one scope and period, frozen as they were computed on a day: a
    baseline that later periods are compared with. Never edited; a wrong one is withdrawn."""

    label = models.CharField(_("label"), max_length=120)
    # The unit it is about: "national", "province-<id>", "office-<id>" (reports.selectors.Unit).
    unit_key = models.CharField(max_length=40, db_index=True)
    unit_name = models.CharField(_("unit"), max_length=200)
    standard_days = models.PositiveIntegerField(_("time standard of the backlog (days)"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    period_label = models.CharField(_("period"), max_length=80)
    indicators = models.JSONField(editable=False)
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = _("baseline snapshot")
        verbose_name_plural = _("baseline snapshots")

    def __str__(self) -> str:
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Frozen: once stored, only its withdrawal may be written.
        if not self._state.adding and set(kwargs.get("update_fields") or ()) != {"withdrawn_at"}:
            raise ValueError("A baseline snapshot is never edited.")
        super().save(*args, **kwargs)


class LegacyImport(models.Model):
    """One file of historic cases brought in from an office's earlier register."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not imported")
        IMPORTED = "imported", _("Imported")

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    imported_rows = models.PositiveIntegerField(_("imported rows"), default=0)
    skipped_rows = models.PositiveIntegerField(_("rows already imported"), default=0)
    # Row by row: [{"row": 3, "errors": [{"field": ..., "message": ...}]}, ...]
    report = models.JSONField(default=list, editable=False)
    # The valid rows, cleaned, kept until they are imported (the file itself is not kept).
    data = models.JSONField(default=list, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("import of historic cases")
        verbose_name_plural = _("imports of historic cases")

    def __str__(self) -> str:
        return self.file_name
