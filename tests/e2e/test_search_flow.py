"""Search from the header in the real browser: part of a Lao name typed with the other spelling
finds the party, the match is marked, and the result opens the case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ejcms.cases.choices import PartyRole
from ejcms.core.ids import ref
from ejcms.org.models import Office
from tests.conftest import PASSWORD, Cast, party, register, seed_reference_data
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_header_search_finds_a_lao_name_typed_with_the_other_spelling(
    live_server: Any, page: Any, screenshots: Path
):
    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    cast.officer  # noqa: B018
    case = register(
        cast.clerk,
        parties=[
            party(PartyRole.CREDITOR, "ທະນາຄານ ສົ່ງເສີມກະສິກຳ"),
            party(PartyRole.DEBTOR, "ນາງ ໜູພັນ ສຸກສະຫວັນ", name_latin="Nouphanh Souksavanh"),
        ],
    )
    log_in(page, live_server, "officer", PASSWORD)
    page.wait_for_selector("#header-search")
    # Typed with ຫນ (two letters) for ໜ, as many keyboards do.
    page.fill('#header-search input[name="q"]', "ຫນູພັນ")
    page.press('#header-search input[name="q"]', "Enter")
    page.wait_for_selector('section[data-kind="party"]')
    assert page.inner_text('section[data-kind="party"] mark') == "ໜູພັນ"
    page.screenshot(path=str(screenshots / "18-search.png"), full_page=True)
    page.click('section[data-kind="party"] a')
    page.wait_for_selector("#case-state")
    assert page.url.endswith(f"/cases/{ref(case.pk)}/")
