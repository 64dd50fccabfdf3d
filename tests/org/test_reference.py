"""Provinces, districts, villages and offices come from the reference files, repeatably."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ejcms.org.models import Court, District, Office, Province, Village
from ejcms.org.services import reference_load


@pytest.mark.django_db
def test_the_reference_files_give_the_whole_country():
    assert Province.objects.count() == 18
    assert District.objects.count() == 148
    assert Village.objects.count() == 9783
    assert Province.objects.get(code="01").name_lo == "ນະຄອນຫຼວງວຽງຈັນ"
    assert District.objects.get(code="0601").name_en == "Luang Prabang City"


@pytest.mark.django_db
def test_there_is_one_dej_a_division_per_province_and_an_office_per_district():
    assert Office.objects.filter(level=Office.Level.CENTRAL).count() == 1
    assert Office.objects.filter(level=Office.Level.PROVINCIAL).count() == 18
    assert Office.objects.filter(level=Office.Level.DISTRICT).count() == 148
    chanthabouly = Office.objects.get(code="0101")
    assert chanthabouly.name_lo == "ຫ້ອງປະຕິບັດຄຳຕັດສິນຂອງສານ ເມືອງຈັນທະບູລີ"
    assert chanthabouly.parent.code == "01"
    assert chanthabouly.parent.parent.code == "00"
    assert Office.objects.get(code="06").name_lo == "ກອງປະຕິບັດຄຳຕັດສິນຂອງສານ ແຂວງຫຼວງພະບາງ"
    assert Office.objects.get(code="0601").name_lo == "ຫ້ອງປະຕິບັດຄຳຕັດສິນຂອງສານ ນະຄອນຫຼວງພະບາງ"


@pytest.mark.django_db
def test_courts_are_seeded_and_editable_data():
    assert Court.objects.filter(level=Court.Level.SUPREME).get().name_lo == "ສານປະຊາຊົນສູງສຸດ"
    assert Court.objects.filter(level=Court.Level.PROVINCIAL).count() == 18
    assert Court.objects.filter(level=Court.Level.APPELLATE).count() == 3


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_keeps_local_edits_of_other_rows():
    court = Court.objects.create(name_lo="ສານປະຊາຊົນເຂດ ຈັນທະບູລີ", level=Court.Level.DISTRICT)
    office_ids = set(Office.objects.values_list("pk", flat=True))
    call_command("load_reference", verbosity=0)
    reference_load()
    assert Village.objects.count() == 9783
    assert set(Office.objects.values_list("pk", flat=True)) == office_ids
    assert Court.objects.filter(pk=court.pk).exists()


@pytest.mark.django_db
def test_a_renamed_village_is_updated_not_duplicated():
    Village.objects.filter(code="0101001").update(name_lo="ຊື່ເກົ່າ")
    reference_load()
    assert Village.objects.get(code="0101001").name_lo == "ໜອງປິງ"


@pytest.mark.django_db
def test_a_deployer_creates_the_first_administrator_from_the_command_line():
    from django.contrib.auth import authenticate
    from django.core.management.base import CommandError
    from django.test import RequestFactory

    from ejcms.org.models import StaffProfile

    call_command(
        "staff_add",
        username="it-dej",
        office="00",
        role="admin",
        name_lo="ທ່ານ ວິໄລ ສີຫາລາດ",
        password="ລະຫັດ-ຍາວ-2026",
        verbosity=0,
    )
    profile = StaffProfile.objects.get(user__username="it-dej")
    assert profile.role == "admin"
    assert profile.office.code == "00"
    login = RequestFactory().post("/login/")  # logins always come with their request
    assert authenticate(login, username="it-dej", password="ລະຫັດ-ຍາວ-2026") == profile.user
    with pytest.raises(CommandError, match="ມີຜູ້ໃຊ້ທີ່ໃຊ້ຊື່ນີ້ແລ້ວ"):
        call_command(
            "staff_add", username="it-dej", office="00", role="admin", name_lo="ຊື່", password="x"
        )
    with pytest.raises(CommandError, match="ລະຫັດຜ່ານ"):  # too short and too common
        call_command(
            "staff_add", username="weak", office="00", role="admin", name_lo="ຊື່", password="1234"
        )
    assert not StaffProfile.objects.filter(user__username="weak").exists()
    with pytest.raises(CommandError, match="No office"):
        call_command(
            "staff_add", username="x", office="99", role="admin", name_lo="ຊື່", password="x"
        )
