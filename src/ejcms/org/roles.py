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


class Action(models.TextChoices):
    """What a role may do. Which office's records it may do it to is the other half of every
    check: the office hierarchy (org.selectors.office_scope); a record outside it answers 404."""

    CASE_VIEW = "case.view", _("See cases, their documents and files")
    CASE_REGISTER = "case.register", _("Register a court decision as a case")
    CASE_WRITE = "case.write", _("Act in a case of the own office (each step narrows this)")
    MONEY = "money.record", _("Record money received and paid out")
    CASH_BOOK = "money.cash_book", _("Read the office's cash book")
    OFFICE_DASHBOARD = "office.dashboard", _("Open the office dashboard")
    PERSONAL_DATA_EXPORT = "party.export", _("Export a person's data (access request)")
    STATISTICS_BASELINE = "statistics.baseline", _("Freeze statistics as a baseline")
    LEGACY_IMPORT = "statistics.import", _("Import historic case registers")
    AUDIT_READ = "audit.read", _("Read the audit log")
    REFERENCE_ADMIN = "reference.admin", _("Manage courts and working days")
    ACCOUNTS_ADMIN = "accounts.admin", _("Disable and enable user accounts")
    TRAINING_OWN = "training.own", _("Run national training campaigns (at the DEJ)")
    TRAINING_ANSWER = "training.answer", _("Answer a training needs questionnaire")
    TRAINING_PAPER = "training.paper", _("Enter paper questionnaires for the own office")
    TRAINING_EVENTS = "training.events", _("Manage training events and certificates")
    TWO_FACTOR = "auth.two_factor", _("Must log in in two steps")


OFF, HEAD, SUP, CLK, TRN, AUD, ADM = (
    Role.OFFICER,
    Role.HEAD,
    Role.SUPERVISOR,
    Role.CLERK,
    Role.TRAINER,
    Role.AUDITOR,
    Role.ADMIN,
)

# The permission matrix: every role × action of ejcms, here and nowhere else. Views, exports,
# documents and services ask it through the names below (or `may`); `ejcms permissions` prints it
# and docs/security.md shows it.
MATRIX: dict[Action, frozenset[Role]] = {
    Action.CASE_VIEW: frozenset({OFF, HEAD, SUP, CLK, AUD}),
    Action.CASE_REGISTER: frozenset({OFF, HEAD, CLK}),
    Action.CASE_WRITE: frozenset({OFF, HEAD, CLK}),
    Action.MONEY: frozenset({OFF, HEAD, CLK}),
    Action.CASH_BOOK: frozenset({HEAD, CLK, AUD, SUP}),
    Action.OFFICE_DASHBOARD: frozenset({HEAD, SUP, AUD}),
    Action.PERSONAL_DATA_EXPORT: frozenset({HEAD, SUP}),
    Action.STATISTICS_BASELINE: frozenset({HEAD, SUP}),
    Action.LEGACY_IMPORT: frozenset({HEAD, CLK}),
    Action.AUDIT_READ: frozenset({AUD, SUP, ADM}),
    Action.REFERENCE_ADMIN: frozenset({ADM}),
    Action.ACCOUNTS_ADMIN: frozenset({ADM}),
    Action.TRAINING_OWN: frozenset({TRN, SUP, ADM}),
    Action.TRAINING_ANSWER: frozenset({OFF, HEAD, CLK, SUP}),
    Action.TRAINING_PAPER: frozenset({CLK, HEAD}),
    Action.TRAINING_EVENTS: frozenset({TRN, ADM}),
    # Besides every account of the national DEJ and Django staff accounts (org.two_factor).
    Action.TWO_FACTOR: frozenset({HEAD, SUP, ADM}),
}


def may(role: str | None, action: Action) -> bool:
    """Whether the role may do the action at all (the office scope is checked separately)."""
    return role is not None and role in MATRIX[action]


# The names the code uses, each one row of the matrix.
CASE_VIEWERS = MATRIX[Action.CASE_VIEW]
CASE_REGISTRARS = MATRIX[Action.CASE_REGISTER]
CASE_WRITERS = MATRIX[Action.CASE_WRITE]
TWO_FACTOR_ROLES = MATRIX[Action.TWO_FACTOR]
REFERENCE_ADMINS = MATRIX[Action.REFERENCE_ADMIN]
