"""API v1, the event feed: scope, paging by `since`/`next`, the court filter, bad parameters,
the client's action, and the moment an event is served."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ejcms.cases.models import EnforcementCase, TimelineEvent
from ejcms.cases.services import case_transition
from ejcms.cases.workflow import TransitionInput
from ejcms.core.ids import ref
from tests.conftest import court, register

pytestmark = pytest.mark.django_db

FEED = "/api/v1/events/"


@pytest.fixture(autouse=True)
def _serve_at_once(settings: Any) -> None:
    settings.EJCMS_API_EVENTS_SETTLE = 0


def _feed(api: Any, **params: Any) -> dict[str, Any]:
    response = api.get(FEED, params)
    assert response.status_code == 200, response.json()
    body: dict[str, Any] = response.json()
    return body


def _all(api: Any, limit: int = 2, **params: Any) -> list[dict[str, Any]]:
    """Every event, a page of `limit` at a time, following `next`."""
    since, seen = 0, []
    for _page in range(100):
        body = _feed(api, since=since, limit=limit, **params)
        if body["next"] == since:
            assert body["results"] == []
            return seen
        assert len(body["results"]) <= limit
        seen += body["results"]
        if body["results"]:
            assert body["next"] >= body["results"][-1]["id"]
        assert body["next"] > since
        since = body["next"]
    raise AssertionError("the feed never ended")


def _call_parties(case: EnforcementCase, actor: Any) -> EnforcementCase:
    return case_transition(
        actor=actor,
        case=case,
        name="call_parties",
        data=TransitionInput(on=date(2025, 3, 5), note="ເອີ້ນຄູ່ກໍລະນີ ມາພົບ ວັນທີ 5"),
    )


def test_the_feed_holds_the_events_of_the_cases_in_scope_only(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018 - assigned to the capital's cases
    own = _call_parties(register(cast.clerk, number="11/ສປ"), cast.officer)
    cast.head_other_district  # noqa: B018
    district = register(cast.outsider_district, number="12/ສປ")
    far = register(cast.outsider_province, number="31/ສປ", court_code="06")

    cases = {row["case"] for row in _all(api_client(), limit=50)}
    assert cases == {ref(own.pk)}
    capital = {row["case"] for row in _all(api_client(office="01"), limit=50)}
    assert capital == {ref(own.pk), ref(district.pk)}
    assert ref(far.pk) not in capital
    vientiane_province = {row["case"] for row in _all(api_client(office="0601"), limit=50)}
    assert vientiane_province == {ref(far.pk)}


def test_each_event_says_what_happened_to_which_decision(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    case = _call_parties(register(cast.clerk, number="45/ສປ"), cast.officer)
    rows = _all(api_client(), limit=50)
    step = next(row for row in rows if row["transition"] == "call_parties")
    event = TimelineEvent.objects.get(case=case, transition="call_parties")
    assert step == {
        "id": event.pk,
        "case": ref(case.pk),
        "register": case.register_label,
        "court": court("01").pk,
        "decision_number": "45/ສປ",
        "kind": "transition",
        "transition": "call_parties",
        "from_state": "received",
        "to_state": "voluntary",
        "on": "2025-03-05",
        "at": step["at"],
    }
    assert rows[0]["kind"] == "registered"
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)


def test_paging_by_since_and_next_gives_each_event_once(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    for number in ("1/ສປ", "2/ສປ", "3/ສປ"):
        _call_parties(register(cast.clerk, number=number), cast.officer)
    expected = list(
        TimelineEvent.objects.filter(case__office__code="0101")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert len(expected) >= 6
    api = api_client()
    assert [row["id"] for row in _all(api, limit=2)] == expected
    assert [row["id"] for row in _all(api, limit=500)] == expected
    # From the middle: only what came after.
    middle = expected[2]
    body = _feed(api, since=middle, limit=500)
    assert [row["id"] for row in body["results"]] == expected[3:]
    # Caught up: nothing, and the same `since` again.
    body = _feed(api, since=expected[-1])
    assert body == {"results": [], "next": expected[-1]}
    # A new step shows up after the last `next`.
    later = _call_parties(register(cast.clerk, number="4/ສປ"), cast.officer)
    body = _feed(api, since=expected[-1])
    assert {row["case"] for row in body["results"]} == {ref(later.pk)}
    assert body["next"] == body["results"][-1]["id"] > expected[-1]


def test_the_court_filter(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    capital = register(cast.clerk, number="7/ສປ", court_code="01")
    vientiane = register(cast.clerk, number="8/ສປ", court_code="06")
    api = api_client()
    rows = _all(api, limit=50, court=court("06").pk)
    assert rows
    assert {row["case"] for row in rows} == {ref(vientiane.pk)}
    assert {row["court"] for row in rows} == {court("06").pk}
    assert {row["case"] for row in _all(api, limit=50, court=court("01").pk)} == {ref(capital.pk)}
    # A court's decisions enforced in another province stay out of sight.
    register(cast.outsider_province, number="9/ສປ", court_code="06")
    assert {row["case"] for row in _all(api, limit=50, court=court("06").pk)} == {ref(vientiane.pk)}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "ສາມ"}, "since"),
        ({"since": "-1"}, "since"),
        ({"since": "12.5"}, "since"),
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"limit": "ຫ້າ"}, "limit"),
        ({"court": "abc"}, "court"),
    ],
)
def test_a_bad_parameter_is_named(
    cast: Any, api_client: Any, params: dict[str, str], field: str
) -> None:
    response = api_client(language="en").get(FEED, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == "invalid"
    assert list(body["fields"]) == [field]


def test_a_client_without_the_events_action_is_refused(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    register(cast.clerk, number="11/ສປ")
    response = api_client(actions=["cases.read", "cases.write"]).get(FEED)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert api_client(actions=["events.read"]).get(FEED).status_code == 200


def test_an_event_is_served_once_it_has_settled(cast: Any, api_client: Any, settings: Any) -> None:
    """A step recorded a moment ago waits (a transaction begun earlier may still commit an
    event of a lower id); `next` does not move past it."""
    cast.officer  # noqa: B018
    register(cast.clerk, number="11/ສປ")
    api = api_client()
    settings.EJCMS_API_EVENTS_SETTLE = 60
    assert _feed(api, since=0) == {"results": [], "next": 0}
    settings.EJCMS_API_EVENTS_SETTLE = 0
    assert _feed(api, since=0)["results"]


def test_a_call_examines_a_bounded_number_of_events(
    cast: Any, api_client: Any, monkeypatch: Any
) -> None:
    """Events of other offices' cases are stepped over a batch at a time; a call that found
    none of the client's answers an empty page with a `next` beyond them."""
    from ejcms.cases import api_events

    cast.officer  # noqa: B018
    cast.outsider_province  # noqa: B018
    for number in ("21/ສປ", "22/ສປ", "23/ສປ"):
        _call_parties(
            register(cast.outsider_province, number=number, court_code="06"), cast.outsider_province
        )
    own = register(cast.clerk, number="24/ສປ")
    far_ids = list(
        TimelineEvent.objects.filter(case__office__code="0601")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    own_ids = list(
        TimelineEvent.objects.filter(case=own).order_by("pk").values_list("pk", flat=True)
    )
    assert max(far_ids) < min(own_ids)
    monkeypatch.setattr(api_events, "SCAN_BATCH", 2)
    monkeypatch.setattr(api_events, "SCAN_MAX", 4)
    api = api_client()
    first = _feed(api, since=0, limit=10)
    assert first["results"] == []
    assert first["next"] == far_ids[3]
    assert [row["id"] for row in _all(api, limit=10)] == own_ids
