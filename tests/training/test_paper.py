"""Paper questionnaires: the XLSX template, row-by-row validation, no duplicates."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ejcms.training.models import Response
from ejcms.training.paper import paper_answers_import, template_columns
from tests.training.test_tna import _officer

pytestmark = pytest.mark.django_db


def _xlsx(campaign, rows) -> bytes:
    columns = template_columns(list(campaign.framework.competencies.all()))
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in rows:
        values = {f"A{n}": 5 for n in range(1, 16)} | {f"B{n}": 3 for n in range(1, 16)}
        values.update(row)
        sheet.append([values.get(column) for column in columns])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_lists_every_competency_twice(campaign, cast):
    response = cast.client("trainer").get(reverse("training:paper_template", args=[campaign.pk]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    header = [c.value for c in book.worksheets[0][1]]
    assert header[:2] == ["username", "years"]
    assert "A15" in header
    assert "B1" in header
    assert book["competencies"]["B6"].value == "ການຍຶດຊັບ ແລະ ການອາຍັດຊັບ"


def test_errors_are_named_per_row_and_nothing_is_imported(campaign, cast):
    good, other = _officer(0), _officer(1)
    data = _xlsx(
        campaign,
        [
            {"username": good.username, "years": 5},
            {"username": "ບໍ່ມີຜູ້ນີ້", "years": 5},
            {"username": other.username, "years": 80, "A3": 9, "B7": None},
        ],
    )
    with translation.override("en"):
        report = paper_answers_import(actor=cast.trainer, campaign=campaign, data=data)
    by_row = {r.row: r for r in report.rows}
    assert by_row[2].errors == []
    assert by_row[3].errors == ["no user “ບໍ່ມີຜູ້ນີ້”"]
    assert by_row[4].errors == [
        "years: years of service from 0 to 60",
        "A3: a rating from 1 to 7",
        "B7: a rating from 1 to 7",
    ]
    assert report.imported == 0
    assert not Response.objects.exists()
    # Accepting the valid rows imports the first one only.
    report = paper_answers_import(
        actor=cast.trainer, campaign=campaign, data=data, accept_valid_rows=True
    )
    assert report.imported == 1
    response = Response.objects.get()
    assert (response.respondent, response.entered_by) == (good, cast.trainer)
    assert response.submitted_at is not None
    assert response.ratings.count() == 15


def test_importing_the_same_file_again_creates_nothing_twice(campaign, cast):
    officers = [_officer(i) for i in range(3)]
    data = _xlsx(campaign, [{"username": o.username, "years": 3} for o in officers])
    assert paper_answers_import(actor=cast.trainer, campaign=campaign, data=data).imported == 3
    again = paper_answers_import(actor=cast.trainer, campaign=campaign, data=data)
    assert again.imported == 0
    assert all(r.skipped for r in again.rows)
    assert Response.objects.count() == 3


def test_a_clerk_enters_only_his_own_office(campaign, cast):
    mine, elsewhere = _officer(0, "0101"), _officer(1, "0601")
    data = _xlsx(
        campaign,
        [{"username": mine.username, "years": 2}, {"username": elsewhere.username, "years": 2}],
    )
    report = paper_answers_import(actor=cast.clerk, campaign=campaign, data=data)
    assert report.imported == 0
    assert [bool(r.errors) for r in report.rows] == [False, True]


def test_not_a_spreadsheet_is_refused_with_the_field_named(campaign, cast):
    from ejcms.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as exc:
        paper_answers_import(actor=cast.trainer, campaign=campaign, data=b"not a spreadsheet")
    assert "file" in exc.value.message_dict


def test_the_upload_page_shows_the_report(campaign, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _xlsx(campaign, [{"username": "ບໍ່ມີຜູ້ນີ້", "years": 5}])
    upload = SimpleUploadedFile("answers.xlsx", data)
    page = cast.client("trainer").post(
        reverse("training:paper", args=[campaign.pk]), {"file": upload}
    )
    assert page.status_code == 400
    assert 'data-row="2"' in page.content.decode()
