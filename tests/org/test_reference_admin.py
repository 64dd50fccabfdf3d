"""Administrators keep the working-day calendar and the court list; nobody else can."""

from __future__ import annotations

from datetime import date

import pytest

from ejcms.core.errors import AccessDenied
from ejcms.core.ids import ref
from ejcms.org.models import Court, HolidayOverride, Province
from ejcms.org.selectors import calendar_for
from ejcms.org.services import holiday_override_remove, holiday_override_set


@pytest.mark.django_db
class TestWorkingDayOverrides:
    def test_the_administrator_adds_an_extra_pi_mai_day_for_the_whole_country(self, cast):
        client = cast.client("admin")
        page = client.get("/org/holidays/", {"year": 2025})
        assert "ບຸນປີໃໝ່ລາວ" in page.text
        assert "14 ເມສາ 2025" in page.text
        response = client.post(
            "/org/holidays/?year=2025",
            {
                "date": "2025-04-17",
                "kind": "day_off",
                "name_lo": "ພັກບຸນປີໃໝ່ລາວ ເພີ່ມ",
                "reference": "ແຈ້ງການ ເລກທີ 12/ລບ",
            },
        )
        assert response.status_code == 302
        assert not calendar_for(None).is_working_day(date(2025, 4, 17))
        assert "ພັກບຸນປີໃໝ່ລາວ ເພີ່ມ" in client.get("/org/holidays/", {"year": 2025}).text

    def test_removing_the_override_restores_the_working_day(self, cast):
        override = holiday_override_set(
            actor=cast.admin, day=date(2025, 4, 17), kind="day_off", province=None, name_lo="ພັກເພີ່ມ"
        )
        response = cast.client("admin").post(f"/org/holidays/{ref(override.pk)}/remove/")
        assert response.status_code == 302
        assert calendar_for(None).is_working_day(date(2025, 4, 17))

    def test_a_provincial_administrator_changes_only_their_province(self, cast):
        luang_prabang = Province.objects.get(code="06")
        capital = Province.objects.get(code="01")
        holiday_override_set(
            actor=cast.admin_province,
            day=date(2025, 4, 17),
            kind="day_off",
            province=luang_prabang,
            name_lo="ບຸນ",
        )
        with pytest.raises(AccessDenied):
            holiday_override_set(
                actor=cast.admin_province,
                day=date(2025, 4, 17),
                kind="day_off",
                province=capital,
                name_lo="ບຸນ",
            )
        with pytest.raises(AccessDenied):
            holiday_override_set(
                actor=cast.admin_province,
                day=date(2025, 4, 18),
                kind="day_off",
                province=None,
                name_lo="ບຸນ",
            )
        national = holiday_override_set(
            actor=cast.admin, day=date(2025, 4, 18), kind="day_off", province=None, name_lo="ບຸນ"
        )
        with pytest.raises(AccessDenied):
            holiday_override_remove(actor=cast.admin_province, override=national)

    @pytest.mark.parametrize("who", ["officer", "head", "dej", "trainer"])
    def test_others_may_not_change_the_calendar(self, cast, who):
        client = cast.client(who)
        assert client.get("/org/holidays/").status_code == 403
        response = client.post(
            "/org/holidays/", {"date": "2025-04-17", "kind": "day_off", "name_lo": "ບຸນ"}
        )
        assert response.status_code == 403
        assert not HolidayOverride.objects.exists()

    def test_a_missing_name_is_refused_in_lao_with_the_field_named(self, cast):
        response = cast.client("admin").post(
            "/org/holidays/", {"date": "2025-04-17", "kind": "day_off", "name_lo": ""}
        )
        assert response.status_code == 400
        assert "ຕ້ອງປ້ອນຂໍ້ມູນໃສ່ຊ່ອງນີ້" in response.text
        assert not HolidayOverride.objects.exists()


@pytest.mark.django_db
class TestCourts:
    def test_the_administrator_adds_a_zone_court_and_archives_it(self, cast):
        client = cast.client("admin")
        response = client.post(
            "/org/courts/new/",
            {
                "name_lo": "ສານປະຊາຊົນເຂດ ຈັນທະບູລີ",
                "name_en": "Chanthabouly Zone Court",
                "level": "district",
                "province": Province.objects.get(code="01").pk,
                "is_active": "on",
            },
        )
        assert response.status_code == 302
        court = Court.objects.get(name_lo="ສານປະຊາຊົນເຂດ ຈັນທະບູລີ")
        client.post(
            f"/org/courts/{ref(court.pk)}/", {"name_lo": court.name_lo, "level": "district"}
        )
        court.refresh_from_db()
        assert not court.is_active
        # An archived court is no longer offered for new cases.
        assert court.name_lo not in cast.client("clerk").get("/cases/new/").text

    def test_a_duplicate_court_name_is_refused_on_its_field(self, cast):
        response = cast.client("admin").post(
            "/org/courts/new/", {"name_lo": "ສານປະຊາຊົນສູງສຸດ", "level": "supreme"}
        )
        assert response.status_code == 400
        assert "ມີສານຊື່ນີ້ແລ້ວ" in response.text
        assert Court.objects.filter(name_lo="ສານປະຊາຊົນສູງສຸດ").count() == 1

    def test_officers_cannot_edit_courts(self, cast):
        assert cast.client("head").get("/org/courts/").status_code == 403
        assert (
            cast.client("head")
            .post("/org/courts/new/", {"name_lo": "x", "level": "other"})
            .status_code
            == 403
        )
