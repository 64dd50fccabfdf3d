"""Legal rules as data: the value of a rule in force on a date, and time limits computed from it."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from ejcms.cases.choices import RuleUnit
from ejcms.cases.models import LegalRule
from ejcms.core.calendar import WorkingCalendar, add_calendar_days
from ejcms.core.errors import ApplicationError


def legal_rule(key: str, on: date) -> LegalRule:
    """The version of rule `key` in force on `on`. A missing rule is an error, never a default."""
    rule = (
        LegalRule.objects.filter(key=key, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise ApplicationError(
            _("No legal rule “%(key)s” is in force on %(date)s. Ask the administrator to add it.")
            % {"key": key, "date": on.isoformat()}
        )
    return rule


def time_limit_end(rule: LegalRule, start: date, calendar: WorkingCalendar) -> date:
    """The last day of a time limit counted from `start` (the day of the act is not counted)."""
    if rule.unit == RuleUnit.WORKING_DAYS:
        return calendar.add_working_days(start, rule.days)
    if rule.unit == RuleUnit.CALENDAR_DAYS:
        return add_calendar_days(start, rule.days)
    raise ApplicationError(_("The legal rule “%(key)s” is not a time limit.") % {"key": rule.key})
