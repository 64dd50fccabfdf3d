"""An officer's day in the real browser: log in in Lao, register a case, take it to notice, and
see the debtor's 30-day period on the case page."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import override

from ejcms.cases.models import Deadline, EnforcementCase
from ejcms.core.formatting import format_date
from ejcms.core.ids import ref
from ejcms.org.models import Office
from tests.conftest import PASSWORD, Cast, seed_reference_data
from tests.e2e.conftest import log_in, second_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff(transactional_db: None) -> Cast:
    # Transactional tests start from tables emptied by the previous one: reload the reference data.
    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    cast.officer  # noqa: B018 - the office has an officer, so the new case is assigned
    cast.head  # noqa: B018
    return cast


def _take_step(page: Any, step: str, **fields: str) -> None:
    page.click(f'[data-step="{step}"]')
    for name, value in fields.items():
        page.select_option(f'select[name="{name}"]', value)
    page.get_by_role("button", name="ຢືນຢັນ").click()
    page.wait_for_selector("#case-state")


def test_log_in_in_lao_register_a_case_and_notify_the_debtor(
    live_server: Any, page: Any, staff: Cast, screenshots: Path
):
    today = timezone.localdate()
    page.goto(f"{live_server.url}/login/")
    assert page.locator("html").get_attribute("lang") == "lo"
    assert page.get_by_role("heading", name="ເຂົ້າສູ່ລະບົບ").is_visible()
    page.fill('input[name="username"]', "head")
    page.fill('input[name="password"]', PASSWORD)
    page.screenshot(path=str(screenshots / "01-login.png"))
    page.get_by_role("button", name="ເຂົ້າສູ່ລະບົບ").click()
    second_step(page, "head")
    page.wait_for_selector("text=ໜ້າສະຫຼຸບພາບລວມຂອງຂ້ອຍ")

    # The Lao web font is served by the system itself, not by a CDN.
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Lao\"', 'ລາວ')")

    page.click("text=ລົງທະບຽນຄະດີ")
    page.wait_for_selector("text=ລົງທະບຽນຄຳຕັດສິນຂອງສານ ເພື່ອປະຕິບັດ")
    page.select_option('select[name="court"]', label="ສານປະຊາຊົນນະຄອນຫຼວງວຽງຈັນ")
    page.fill('input[name="number"]', "215/ສປນ")
    page.fill('input[name="decided_on"]', (today - timedelta(days=60)).strftime("%d/%m/%Y"))
    page.fill('input[name="final_on"]', (today - timedelta(days=20)).strftime("%d/%m/%Y"))
    page.fill(
        'textarea[name="operative_part"]',
        "ໃຫ້ທ່ານ ບຸນມີ ແກ້ວວົງສາ ຊຳລະໜີ້ 15.000.000 ກີບ ໃຫ້ແກ່ ນາງ ວຽງສະໄໝ ຈັນທະວົງ.",
    )
    page.fill('input[name="parties-0-name_lo"]', "ນາງ ວຽງສະໄໝ ຈັນທະວົງ")
    page.fill('input[name="parties-0-id_document_number"]', "0112233")
    page.fill('input[name="parties-1-name_lo"]', "ທ່ານ ບຸນມີ ແກ້ວວົງສາ")
    page.fill('input[name="parties-1-name_latin"]', "Bounmy Keovongsa")
    page.fill('input[name="parties-1-id_document_number"]', "0445566")
    # The address pickers load districts and villages from the server as they are chosen.
    page.select_option('select[name="parties-1-province"]', label="ນະຄອນຫຼວງວຽງຈັນ")
    page.wait_for_selector(
        'select[name="parties-1-district"] option:has-text("ຈັນທະບູລີ")', state="attached"
    )
    page.select_option('select[name="parties-1-district"]', label="ຈັນທະບູລີ")
    page.wait_for_selector(
        'select[name="parties-1-village"] option:has-text("ໜອງປິງ")', state="attached"
    )
    page.select_option('select[name="parties-1-village"]', label="ໜອງປິງ (0101001)")
    # A third person, added with the "add a party" button (a row cloned in the browser).
    page.get_by_role("button", name="ເພີ່ມຄູ່ຄວາມ").click()
    page.select_option('select[name="parties-2-role"]', "third_party")
    page.select_option('select[name="parties-2-kind"]', "organisation")
    page.fill('input[name="parties-2-name_lo"]', "ທະນາຄານ ສົ່ງເສີມ ການຄ້າ ຈຳກັດ")
    page.select_option('select[name="parties-2-id_document_type"]', "enterprise")
    page.fill('input[name="parties-2-id_document_number"]', "01-20345")
    page.fill('input[name="obligations-0-amount"]', "15.000.000")
    page.screenshot(path=str(screenshots / "02-intake.png"), full_page=True)
    page.get_by_role("button", name="ລົງທະບຽນຄະດີ").click()

    page.wait_for_selector("#case-state")
    assert page.inner_text("#case-state") == "ໄດ້ຮັບຄຳຕັດສິນຂອງສານ"
    case = EnforcementCase.objects.get()
    assert case.register_label == f"1/{today.year}"
    assert page.inner_text("#case-officer") == "ທ່ານ ສົມສັກ ພົມມະຈັນ"
    assert "15.000.000 ກີບ" in page.inner_text("body")
    assert "ທະນາຄານ ສົ່ງເສີມ ການຄ້າ ຈຳກັດ" in page.inner_text("body")
    assert case.case_parties.filter(role="third_party", party__kind="organisation").count() == 1

    _take_step(page, "call_parties")
    _take_step(page, "record_noncompliance")
    _take_step(page, "issue_order")
    _take_step(page, "complete_study")
    _take_step(page, "notify", notice_method="in_person")

    assert page.inner_text("#case-state") == "ແຈ້ງໃຫ້ປະຕິບັດຄຳຕັດສິນຂອງສານແລ້ວ"
    due = today + timedelta(days=30)
    deadline = page.locator('[data-deadline="compliance_period"]')
    text = deadline.inner_text()
    with override("lo"):
        assert format_date(due) in text
    assert "ກຳນົດເວລາການປະຕິບັດຄຳຕັດສິນຂອງສານ" in text
    assert re.search(r"30 ວັນ", text)
    assert "ມາດຕາ 23" in text
    assert Deadline.objects.get(case=case, key="compliance_period").due_on == due
    page.screenshot(path=str(screenshots / "03-case-notified.png"), full_page=True)

    page.click("text=ລາຍການຄະດີ")
    page.wait_for_selector(f'a[href="/cases/{ref(case.pk)}/"]')
    page.screenshot(path=str(screenshots / "04-case-list.png"))


def test_intake_errors_are_shown_in_lao_and_nothing_is_saved(
    live_server: Any, page: Any, staff: Cast, screenshots: Path
):
    log_in(page, live_server, "head", PASSWORD)
    page.wait_for_selector("text=ໜ້າສະຫຼຸບພາບລວມຂອງຂ້ອຍ")
    page.goto(f"{live_server.url}/cases/new/")
    page.fill('input[name="number"]', "9/ສປ")
    page.fill('input[name="obligations-0-amount"]', "ສິບລ້ານ")
    page.get_by_role("button", name="ລົງທະບຽນຄະດີ").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    text = summary.inner_text()
    assert "ຍັງບໍ່ໄດ້ບັນທຶກຫຍັງ" in text
    assert "ສານ: ຕ້ອງປ້ອນຂໍ້ມູນໃສ່ຊ່ອງນີ້." in text
    assert "ພັນທະ 1 · ຈຳນວນເງິນ:" in text
    assert page.input_value('input[name="number"]') == "9/ສປ"
    assert EnforcementCase.objects.count() == 0
    page.screenshot(path=str(screenshots / "05-intake-errors.png"), full_page=True)


def test_the_office_dashboard_of_a_demo_office(
    live_server: Any, page: Any, staff: Cast, screenshots: Path
):
    from ejcms.cases.choices import OPEN_STATES
    from ejcms.cases.demo import DEMO_PASSWORD
    from ejcms.measures.demo import demo_load

    demo_load(cases=36, seed=1, as_of=timezone.localdate())
    open_cases = EnforcementCase.objects.filter(office__code="0101", state__in=OPEN_STATES).count()
    log_in(page, live_server, "head-0101", DEMO_PASSWORD)
    page.wait_for_selector("text=ໜ້າສະຫຼຸບພາບລວມຂອງຂ້ອຍ")
    page.click("nav >> text=ອົງການ")
    page.wait_for_selector("text=ໜ້າສະຫຼຸບພາບລວມຂອງອົງການ")
    badge = page.locator(".card-header", has_text="ຄະດີ ຕາມຂັ້ນຕອນ").locator(".badge").inner_text()
    assert badge == f"{open_cases} ກຳລັງດຳເນີນ"
    page.screenshot(path=str(screenshots / "06-office-dashboard.png"), full_page=True)
    page.click("nav >> text=ລາຍການຄະດີ")
    page.wait_for_selector("text=ເລກທີລົງທະບຽນ")
    page.screenshot(path=str(screenshots / "07-demo-case-list.png"))
