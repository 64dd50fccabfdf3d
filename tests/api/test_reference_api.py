"""API v1, reference data: offices in the caller's scope, courts, provinces and districts, with
their Lao names, and answers a client may keep (ETag, Cache-Control)."""

from __future__ import annotations

from typing import Any

import pytest

from ejcms.org.models import Court, District, Office, Province

pytestmark = pytest.mark.django_db


def test_a_district_office_sees_itself(api_client: Any) -> None:
    response = api_client(actions=["reference.read"]).get("/api/v1/offices/")
    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "0101",
            "level": "district",
            "name_lo": Office.objects.get(code="0101").name_lo,
            "name_en": Office.objects.get(code="0101").name_en,
            "parent": "01",
            "province": "01",
            "district": "0101",
            "is_active": True,
        }
    ]
    assert "ຈັນທະບູລີ" in response.json()[0]["name_lo"]


def test_a_province_sees_its_offices_and_the_dej_all(api_client: Any) -> None:
    province = api_client(office="01", actions=["reference.read"]).get("/api/v1/offices/").json()
    codes = [row["code"] for row in province]
    expected = list(
        Office.objects.filter(province__code="01").order_by("code").values_list("code", flat=True)
    )
    assert codes == expected
    assert {"01", "0101", "0102"} <= set(codes)
    assert not any(code.startswith("06") for code in codes)
    national = api_client(office="00", actions=["reference.read"], name="ລະບົບ ກົມ").get(
        "/api/v1/offices/"
    )
    rows = national.json()
    assert len(rows) == Office.objects.count()
    dej = next(row for row in rows if row["code"] == "00")
    assert (dej["level"], dej["parent"], dej["province"]) == ("central", None, None)


def test_courts_with_their_lao_names(api_client: Any) -> None:
    rows = api_client(actions=["reference.read"]).get("/api/v1/courts/").json()
    assert len(rows) == Court.objects.count() > 0
    supreme = next(row for row in rows if row["level"] == "supreme")
    assert supreme["name_lo"] == "ສານປະຊາຊົນສູງສຸດ"
    assert supreme["province"] is None
    north = next(row for row in rows if row["name_lo"] == "ສານປະຊາຊົນພາກເໜືອ")
    assert (north["level"], north["province"]) == ("appellate", "06")
    court = Court.objects.get(name_lo="ສານປະຊາຊົນພາກເໜືອ")
    assert north["id"] == court.pk


def test_provinces_and_districts(api_client: Any) -> None:
    api = api_client(actions=["reference.read"])
    provinces = api.get("/api/v1/provinces/").json()
    assert len(provinces) == Province.objects.count() == 18
    assert provinces[0] == {
        "code": "01",
        "name_lo": "ນະຄອນຫຼວງວຽງຈັນ",
        "name_en": "Vientiane Capital",
    }
    districts = api.get("/api/v1/provinces/01/districts/").json()
    assert len(districts) == District.objects.filter(province__code="01").count()
    assert districts[:2] == [
        {"code": "0101", "province": "01", "name_lo": "ຈັນທະບູລີ", "name_en": "Chanthabouly"},
        {"code": "0102", "province": "01", "name_lo": "ສີໂຄດຕະບອງ", "name_en": "Sikhottabong"},
    ]
    missing = api.get("/api/v1/provinces/99/districts/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/offices/",
        "/api/v1/courts/",
        "/api/v1/provinces/",
        "/api/v1/provinces/06/districts/",
    ],
)
def test_answers_may_be_kept_and_revalidated(api_client: Any, url: str) -> None:
    api = api_client(actions=["reference.read"])
    first = api.get(url)
    assert first.status_code == 200
    assert "max-age=3600" in first["Cache-Control"]
    etag = first["ETag"]
    again = api.client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert api.client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_a_change_gives_a_new_etag(api_client: Any) -> None:
    api = api_client(actions=["reference.read"])
    before = api.get("/api/v1/courts/")["ETag"]
    Court.objects.create(name_lo="ສານປະຊາຊົນ ເຂດ ໄຊເສດຖາ", level=Court.Level.DISTRICT)
    changed = api.client.get("/api/v1/courts/", HTTP_IF_NONE_MATCH=before)
    assert changed.status_code == 200
    assert "ສານປະຊາຊົນ ເຂດ ໄຊເສດຖາ" in [row["name_lo"] for row in changed.json()]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/offices/",
        "/api/v1/courts/",
        "/api/v1/provinces/",
        "/api/v1/provinces/01/districts/",
    ],
)
def test_the_action_is_needed(api_client: Any, url: str) -> None:
    response = api_client(actions=["cases.read"]).get(url)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_the_browser_session_gets_the_same(cast: Any) -> None:
    head = cast.client("head_province")
    codes = [row["code"] for row in head.get("/api/v1/offices/").json()]
    assert "0102" in codes
    assert "0601" not in codes
    assert cast.client("trainer").get("/api/v1/provinces/").status_code == 200
