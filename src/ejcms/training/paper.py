"""Paper questionnaires: the XLSX template of a campaign, and importing it row by row.

The template has one row per respondent: the username, the years of service, then A1…A15
(importance) and B1…B15 (own performance), each 1–7. Nothing is imported while a row is wrong,
unless the user chooses to import the valid rows; a respondent already submitted is skipped, so
importing the same file again creates nothing twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ejcms.core.audit import audit_write
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.roles import Action, may
from ejcms.org.selectors import staff_profile
from ejcms.training.choices import SCALE
from ejcms.training.models import Campaign, Competency, Rating, Response
from ejcms.training.selectors import campaign_targets, is_owner_side

USERNAME, YEARS = "username", "years"


def template_columns(competencies: list[Competency]) -> list[str]:
    return (
        [USERNAME, YEARS]
        + [f"A{c.number}" for c in competencies]
        + [f"B{c.number}" for c in competencies]
    )


def template_xlsx(campaign: Campaign) -> bytes:
    """The campaign's template: codes in row 1, their meaning in Lao in row 2."""
    competencies = list(campaign.framework.competencies.all())
    book = Workbook()
    sheet = book.active
    sheet.title = "answers"
    sheet.append(template_columns(competencies))
    sheet.append(
        [_("Username"), _("Years of service in enforcement")]
        + [_("Importance (1–7): %(name)s") % {"name": c.name} for c in competencies]
        + [_("Own performance (1–7): %(name)s") % {"name": c.name} for c in competencies]
    )
    legend = book.create_sheet("competencies")
    for competency in competencies:
        legend.append(
            [competency.number, competency.name_lo, competency.name_en, competency.articles]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class RowResult:
    row: int
    username: str
    errors: list[str] = field(default_factory=list)
    respondent: User | None = None
    years: int | None = None
    ratings: dict[int, tuple[int, int]] = field(default_factory=dict)
    skipped: str = ""


@dataclass
class ImportReport:
    rows: list[RowResult]
    imported: int = 0

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def valid(self) -> list[RowResult]:
        return [r for r in self.rows if not r.errors and not r.skipped]


def _scale(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value in SCALE else None


def _may_enter(actor: User, campaign: Campaign, respondent: User) -> bool:
    """The campaign's owner side for anyone; a clerk or head for their own office's staff."""
    if is_owner_side(actor, campaign):
        return True
    mine, theirs = staff_profile(actor), staff_profile(respondent)
    return (
        mine is not None
        and theirs is not None
        and may(mine.role, Action.TRAINING_PAPER)
        and mine.office_id == theirs.office_id
    )


def read_rows(actor: User, campaign: Campaign, data: bytes) -> ImportReport:
    """Check every row; write nothing."""
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ApplicationError({"file": _("This is not an XLSX file.")}) from exc
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ApplicationError({"file": _("The file is empty.")})
    competencies = list(campaign.framework.competencies.all())
    header = [str(c).strip() if c is not None else "" for c in rows[0]]
    expected = template_columns(competencies)
    missing = [c for c in expected if c not in header]
    if missing:
        raise ApplicationError(
            {
                "file": _("Columns missing: %(columns)s. Download the template of this assessment.")
                % {"columns": ", ".join(missing)}
            }
        )
    where = {name: header.index(name) for name in expected}
    targets = set(campaign_targets(campaign).values_list("user_id", flat=True))
    column = where[USERNAME]
    named = {str(r[column]).strip() for r in rows[1:] if len(r) > column and r[column]}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=named)}
    submitted = set(
        Response.objects.filter(campaign=campaign, submitted_at__isnull=False).values_list(
            "respondent_id", flat=True
        )
    )
    seen: set[str] = set()
    results = []
    for index, values in enumerate(rows[1:], start=2):
        cells = list(values) + [None] * len(header)
        username = str(cells[where[USERNAME]] or "").strip()
        if not username or (index == 2 and username == _("Username")):
            continue  # blank lines and the template's row of labels
        result = RowResult(index, username)
        user = users.get(username)
        if user is None:
            result.errors.append(_("no user “%(name)s”") % {"name": username})
        elif user.pk not in targets:
            result.errors.append(
                _("“%(name)s” is not asked in this assessment") % {"name": username}
            )
        elif not _may_enter(actor, campaign, user):
            result.errors.append(_("you may not enter answers for “%(name)s”") % {"name": username})
        elif username in seen:
            result.errors.append(_("“%(name)s” appears twice in the file") % {"name": username})
        elif user.pk in submitted:
            result.skipped = _("already submitted")
        result.respondent = user
        seen.add(username)
        years = cells[where[YEARS]]
        if isinstance(years, float) and years.is_integer():
            years = int(years)
        if isinstance(years, str) and years.strip().isdigit():
            years = int(years.strip())
        if not isinstance(years, int) or not 0 <= years <= 60:
            result.errors.append(_("%(column)s: years of service from 0 to 60") % {"column": YEARS})
        else:
            result.years = years
        for competency in competencies:
            a = _scale(cells[where[f"A{competency.number}"]])
            b = _scale(cells[where[f"B{competency.number}"]])
            for code, value in ((f"A{competency.number}", a), (f"B{competency.number}", b)):
                if value is None:
                    result.errors.append(_("%(column)s: a rating from 1 to 7") % {"column": code})
            if a is not None and b is not None:
                result.ratings[competency.pk] = (a, b)
        results.append(result)
    if not results:
        raise ApplicationError({"file": _("The file has no answers.")})
    return ImportReport(results)


@transaction.atomic
def paper_answers_import(
    *, actor: User, campaign: Campaign, data: bytes, accept_valid_rows: bool = False
) -> ImportReport:
    """Import the paper answers of a file: all of them when every row is right, or only the
    valid rows when the user accepts that; refused otherwise, with the report."""
    if not is_owner_side(actor, campaign):
        profile = staff_profile(actor)
        if profile is None or not may(profile.role, Action.TRAINING_PAPER):
            raise AccessDenied(_("You may not enter paper answers."))
    report = read_rows(actor, campaign, data)
    if report.errors and not accept_valid_rows:
        return report
    now = timezone.now()
    for row in report.valid:
        assert row.respondent is not None
        profile = staff_profile(row.respondent)
        assert profile is not None
        response, _created = Response.objects.select_for_update().get_or_create(
            campaign=campaign,
            respondent=row.respondent,
            defaults={"office": profile.office, "role": profile.role},
        )
        if response.submitted_at is not None:
            continue
        response.years_of_service = row.years
        response.submitted_at = now
        response.entered_by = actor
        response.save()
        for competency_id, (a, b) in row.ratings.items():
            Rating.objects.update_or_create(
                response=response,
                competency_id=competency_id,
                defaults={"importance": a, "performance": b},
            )
        report.imported += 1
    audit_write(
        actor=actor,
        action="training.paper_import",
        obj=campaign,
        payload={
            "imported": report.imported,
            "rows": len(report.rows),
            "errors": len(report.errors),
        },
    )
    return report
