"""Roles of the people who use ejcms, and what each may do."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Enforcement officer")
    HEAD = "head", _("Head of office")
    SUPERVISOR = "supervisor", _("DEJ supervisor")
    CLERK = "clerk", _("Registry clerk")
    TRAINER = "trainer", _("Trainer")
    AUDITOR = "auditor", _("Auditor (read-only)")
    ADMIN = "admin", _("Administrator")


class Position(models.TextChoices):
    DIRECTOR_GENERAL = "director_general", _("Director general")
    DEPUTY_DIRECTOR_GENERAL = "deputy_director_general", _("Deputy director general")
    HEAD = "head", _("Head")
    DEPUTY_HEAD = "deputy_head", _("Deputy head")
    OFFICER = "officer", _("Enforcement officer")
    CLERK = "clerk", _("Registry clerk")
    INSPECTOR = "inspector", _("Inspector")
    TRAINER = "trainer", _("Trainer")
    IT_ADMINISTRATOR = "it_administrator", _("IT administrator")
    OTHER = "other", _("Other")


# Who sees enforcement cases at all (within the scope of their office, see org.selectors).
CASE_VIEWERS = frozenset({Role.OFFICER, Role.HEAD, Role.SUPERVISOR, Role.CLERK, Role.AUDITOR})
# Who may register a court decision as a new case in their own office.
CASE_REGISTRARS = frozenset({Role.OFFICER, Role.HEAD, Role.CLERK})
# Who may write to a case of their own office at all (each workflow step narrows this further).
CASE_WRITERS = frozenset({Role.OFFICER, Role.HEAD, Role.CLERK})
# Who manages the reference data: courts, working-day overrides, legal rules.
REFERENCE_ADMINS = frozenset({Role.ADMIN})
