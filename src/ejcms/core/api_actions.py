"""The actions an API client may be given (kept apart from core.api so that models can name
them without loading the REST framework)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy


class ApiAction(models.TextChoices):
    """What an API client may be allowed to do (besides what its role and office allow)."""

    CASES_READ = "cases.read", gettext_lazy("Read cases, parties, obligations, timelines")
    CASES_WRITE = "cases.write", gettext_lazy("Register cases and take workflow steps")
    MONEY_READ = "money.read", gettext_lazy("Read payments")
    MONEY_WRITE = "money.write", gettext_lazy("Record payments")
    DOCUMENTS_READ = "documents.read", gettext_lazy("List and download documents")
    REFERENCE_READ = "reference.read", gettext_lazy("Read offices, courts and reference data")
    STATISTICS_READ = "statistics.read", gettext_lazy("Read statistics")
    INTAKE = "intake.submit", gettext_lazy("Submit final court decisions (court intake)")
    EVENTS_READ = "events.read", gettext_lazy("Follow the event feed")


# Filled by the api app (ApiConfig.ready): the actions given to the machine client whose service
# account a user is. Services below the api app ask `actions_of` (e.g. cases' court intake).
ACTION_SOURCES: list[Callable[[Any], frozenset[str]]] = []


def actions_of(user: Any) -> frozenset[str]:
    """The API actions of the client that `user` is the service account of; none for a person."""
    found: set[str] = set()
    for source in ACTION_SOURCES:
        found |= source(user)
    return frozenset(found)
