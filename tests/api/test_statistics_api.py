"""API v1, statistics: the indicators of the selector for the same unit and period, scoped as
the /statistics/ page is."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from ejcms.org.models import Office, Province
from ejcms.reports import periods
from ejcms.reports.selectors import Indicators, Row, indicators, unit_for
from tests.conftest import advance, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload(cast: Any) -> None:
    """Chanthabouly: one case enforced and closed, one pending; Sikhottabong one pending;
    Luang Prabang one pending."""
    cast.officer  # noqa: B018 - assigned to the capital's cases
    closed = register(cast.clerk, number="511/ສປ")
    advance(closed, cast, "close")
    register(cast.clerk, number="512/ສປ", received_on=date(2025, 6, 2))
    cast.outsider_district  # noqa: B018
    register(cast.head_other_district, number="513/ສປ")
    cast.outsider_province  # noqa: B018
    register(cast.head_other_province, number="514/ສປ", court_code="06")


def _figures(row: Row) -> dict[str, Any]:
    """A row of the selector as the API writes it."""

    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        "incoming": row.incoming,
        "resolved": row.resolved,
        "pending_start": row.pending_start,
        "pending_end": row.pending_end,
        "backlog": row.backlog,
        "deadlines_met": row.deadlines_met,
        "deadlines_missed": row.deadlines_missed,
        "complaints": row.complaints,
        "evictions": row.evictions,
        "officers": row.officers,
        "clearance_rate": text(row.clearance_rate),
        "disposition_days": text(row.disposition_days),
        "backlog_rate": text(row.backlog_rate),
        "deadlines_met_rate": text(row.deadlines_met_rate),
        "complaints_per_100": text(row.complaints_per_100),
        "caseload": text(row.caseload),
        "outcomes": row.outcomes,
    }


def _without_unit(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key != "unit"}


def _expected(user: Any, key: str | None, period: str) -> Indicators:
    return indicators(unit_for(user, key), periods.parse(period), today=timezone.localdate())


def test_an_office_figures_equal_the_selectors(caseload: Any, api_client: Any) -> None:
    api = api_client(actions=["statistics.read"])
    response = api.get("/api/v1/statistics/", {"period": "2025"})
    assert response.status_code == 200, response.json()
    body = response.json()
    office = Office.objects.get(code="0101")
    ind = _expected(api.new.client.user, None, "2025")
    assert body["unit"] == {"key": f"office-{office.pk}", "level": "office", "name": office.name_lo}
    assert body["period"]["key"] == "2025"
    assert (body["period"]["start"], body["period"]["end"]) == ("2025-01-01", "2025-12-31")
    assert _without_unit(body["headline"]) == _figures(ind.total)
    assert body["headline"]["incoming"] == 2
    assert body["headline"]["resolved"] == 1
    assert body["headline"]["clearance_rate"] == "50.0"
    assert [_without_unit(row) for row in body["rows"]] == [_figures(row) for row in ind.rows]
    assert [row["unit"]["name"] for row in body["rows"]] == [
        row.unit.name for row in ind.rows if row.unit
    ]
    assert [(m["currency"], m["due"], m["recovered"]) for m in body["money"]] == [
        (m.currency, f"{m.due:.2f}", f"{m.recovered:.2f}") for m in ind.money
    ]
    assert body["money"][0]["recovery_rate"] == "100.0"
    assert [(s["state"], s["exits"], s["median"]) for s in body["stages"]] == [
        (s.state, s.exits, s.median) for s in ind.stages
    ]
    assert [(o["outcome"], o["cases"]) for o in body["outcomes"]] == [
        (value, count) for value, _label, count in ind.outcomes
    ]


def test_a_province_has_a_row_per_office(caseload: Any, api_client: Any) -> None:
    api = api_client(office="01", actions=["statistics.read"])
    body = api.get("/api/v1/statistics/", {"period": "2025"}).json()
    capital = Province.objects.get(code="01")
    assert body["unit"]["key"] == f"province-{capital.pk}"
    assert body["unit"]["name"] == "ນະຄອນຫຼວງວຽງຈັນ"
    ind = _expected(api.new.client.user, None, "2025")
    assert _without_unit(body["headline"]) == _figures(ind.total)
    assert body["headline"]["incoming"] == 3
    rows = {row["unit"]["key"]: row for row in body["rows"]}
    chanthabouly = Office.objects.get(code="0101")
    sikhottabong = Office.objects.get(code="0102")
    assert rows[f"office-{chanthabouly.pk}"]["incoming"] == 2
    assert rows[f"office-{sikhottabong.pk}"]["incoming"] == 1
    # A row's key opens that unit.
    one = api.get("/api/v1/statistics/", {"unit": f"office-{sikhottabong.pk}", "period": "2025"})
    assert one.status_code == 200
    assert one.json()["headline"]["pending_end"] == 1


def test_the_national_figures_for_the_dej(caseload: Any, api_client: Any) -> None:
    api = api_client(office="00", role="supervisor", actions=["statistics.read"])
    body = api.get("/api/v1/statistics/", {"unit": "national", "period": "2025-Q1"}).json()
    ind = _expected(api.new.client.user, "national", "2025-Q1")
    assert body["unit"]["level"] == "national"
    assert body["period"]["key"] == "2025-Q1"
    assert _without_unit(body["headline"]) == _figures(ind.total)
    assert len(body["rows"]) == len(ind.rows) >= 18


def test_a_unit_outside_the_scope_is_not_found(caseload: Any, api_client: Any) -> None:
    api = api_client(actions=["statistics.read"])
    luang_prabang = Office.objects.get(code="0601")
    sikhottabong = Office.objects.get(code="0102")
    for unit in (
        f"office-{luang_prabang.pk}",
        f"office-{sikhottabong.pk}",
        f"province-{Province.objects.get(code='01').pk}",
        "national",
        "office-x",
    ):
        response = api.get("/api/v1/statistics/", {"unit": unit})
        assert response.status_code == 404, unit
        assert response.json()["code"] == "not_found"


def test_the_action_is_needed(api_client: Any) -> None:
    response = api_client(actions=["cases.read"]).get("/api/v1/statistics/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_bad_period_is_named(api_client: Any) -> None:
    api = api_client(actions=["statistics.read"], language="en")
    response = api.get("/api/v1/statistics/", {"period": "2025-13"})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["period"]
    reversed_span = api.get("/api/v1/statistics/", {"period": "2025-03-01..2025-01-01"})
    assert reversed_span.json()["fields"] == {"period": ["The period ends before it starts."]}
    standard = api.get("/api/v1/statistics/", {"standard": "5"})
    assert list(standard.json()["fields"]) == ["standard"]


def test_the_browser_session_is_scoped_like_the_page(cast: Any, caseload: Any) -> None:
    officer = cast.client("officer").get("/api/v1/statistics/", {"period": "2025"})
    assert officer.status_code == 200
    assert officer.json()["unit"] == {
        "key": f"officer-{cast.officer.pk}",
        "level": "officer",
        "name": "ທ່ານ ສົມສັກ ພົມມະຈັນ",
    }
    office = Office.objects.get(code="0101")
    assert (
        cast.client("officer")
        .get("/api/v1/statistics/", {"unit": f"office-{office.pk}"})
        .status_code
        == 404
    )
    assert cast.client("trainer").get("/api/v1/statistics/").status_code == 404
