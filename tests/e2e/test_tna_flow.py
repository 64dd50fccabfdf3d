"""An officer answers the training needs assessment in Lao on a phone-sized screen; the
campaign's owner then sees the ranked priorities and the heatmap."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from ejcms.core.ids import ref
from ejcms.org.models import Office
from ejcms.org.roles import Role
from ejcms.training.models import Response
from ejcms.training.services import CampaignData, campaign_create
from tests.conftest import PASSWORD, Cast, seed_reference_data
from tests.e2e.conftest import log_in
from tests.training.test_tna import HAND_BUILT, _answer, _officer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="lo-LA", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_officer_answers_on_a_phone_and_the_owner_sees_the_heatmap(
    live_server: Any, phone: Any, page: Any, screenshots: Path
):
    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    today = timezone.localdate()
    campaign = campaign_create(
        actor=cast.trainer,
        data=CampaignData(
            title="ການປະເມີນຄວາມຕ້ອງການຝຶກອົບຮົມ 2026",
            scope="national",
            opens_on=today - timedelta(days=2),
            closes_on=today + timedelta(days=20),
            roles=[Role.OFFICER],
        ),
    )
    for index, special in enumerate(HAND_BUILT[:4]):
        _answer(_officer(index), campaign, special)
    cast.officer  # noqa: B018 - the officer who answers in the browser

    log_in(phone, live_server, "officer", PASSWORD)
    phone.wait_for_selector("text=ໜ້າສະຫຼຸບພາບລວມຂອງຂ້ອຍ")
    phone.goto(f"{live_server.url}/training/{ref(campaign.pk)}/")
    phone.click("#answer")
    phone.wait_for_selector("#questionnaire")
    assert phone.get_by_text("ການຍຶດຊັບ ແລະ ການອາຍັດຊັບ").is_visible()
    phone.fill('input[name="years_of_service"]', "4")
    for fieldset in phone.locator("fieldset[data-competency]").all():
        number = int(fieldset.get_attribute("data-competency"))
        importance, performance = (7, 3) if number == 1 else (4, 4)
        groups = fieldset.locator(".rating-scale")
        groups.nth(0).locator(f'label:has(input[value="{importance}"])').click()
        groups.nth(1).locator(f'label:has(input[value="{performance}"])').click()
    phone.screenshot(path=str(screenshots / "20-tna-phone.png"))
    phone.get_by_role("button", name="ສົ່ງ", exact=True).click()
    phone.wait_for_selector("text=ຂໍຂອບໃຈ: ຄຳຕອບຂອງທ່ານໄດ້ສົ່ງແລ້ວ.")
    response = Response.objects.get(respondent=cast.officer)
    assert response.submitted_at is not None
    assert response.ratings.get(competency__number=1).importance == 7

    log_in(page, live_server, "trainer", PASSWORD)
    page.wait_for_selector("text=ການຝຶກອົບຮົມ")
    page.goto(f"{live_server.url}/training/{ref(campaign.pk)}/")
    heatmap = page.locator("#heatmap")
    heatmap.wait_for()
    assert "ນະຄອນຫຼວງວຽງຈັນ" in heatmap.inner_text()
    first = page.locator("#priorities tbody tr").first
    assert first.get_attribute("data-competency") == "1"
    assert first.get_attribute("data-band") == "high"
    page.screenshot(path=str(screenshots / "21-tna-heatmap.png"), full_page=True)


def test_a_trainer_records_attendance_and_scores_and_a_certificate_downloads(
    live_server: Any, page: Any, screenshots: Path
):
    from datetime import date

    from ejcms.training.models import Certificate, Module
    from ejcms.training.tot import EventData, event_create

    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    officer = cast.officer
    event = event_create(
        actor=cast.trainer,
        data=EventData(
            module=Module.objects.get(code="M05"),
            level="master",
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 3, 3),
            place="ສະຖາບັນຍຸຕິທຳແຫ່ງຊາດ",
            capacity=25,
            trainers=[cast.trainer],
        ),
    )
    log_in(page, live_server, "trainer", PASSWORD)
    page.wait_for_selector("text=ການຝຶກອົບຮົມ")
    page.goto(f"{live_server.url}/training/events/{ref(event.pk)}/")
    page.select_option('#add-participant select[name="user"]', str(officer.pk))
    page.click('#add-participant button[type="submit"]')
    row = page.locator(f'tr[data-participant="{officer.username}"]')
    row.wait_for()
    for box in row.locator('input[type="checkbox"]').all():
        box.check()
    row.locator('input[name^="pre_"]').fill("45")
    row.locator('input[name^="post_"]').fill("80")
    page.click('#results button[type="submit"]:not([form])')
    row = page.locator(f'tr[data-participant="{officer.username}"]')
    row.wait_for()
    assert "35" in row.inner_text()  # the learning gain
    row.get_by_role("button", name="ອອກໃບຢັ້ງຢືນ").click()
    link = page.locator("[data-certificate]")
    link.wait_for()
    page.screenshot(path=str(screenshots / "22-training-event.png"), full_page=True)
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
    code = Certificate.objects.get(participant__user=officer).code
    assert link.get_attribute("data-certificate") == code
