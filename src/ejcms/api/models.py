"""Machine clients of the API: a court's system, a bank, the Ministry. Each acts as a service
account of one office, with a role, and only the actions it was given."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ejcms.core.api_actions import ApiAction


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=200)
    # The service account the client acts as: its staff profile gives the office and the role,
    # so every read and write goes through the same scoped selectors and services as a person.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    actions = models.JSONField(_("allowed actions"), default=list)
    # The token is shown once; only its prefix (to find it) and a SHA-256 of the rest are kept.
    token_prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def allowed_actions(self) -> frozenset[str]:
        return frozenset(a for a in self.actions if a in ApiAction.values)
