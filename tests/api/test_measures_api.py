"""API v1, assets and measures of a case: what the assets and measures tabs show."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from ejcms.cases.choices import PartyRole
from ejcms.core.ids import ref
from ejcms.measures.choices import AssetKind, AssetStatus
from ejcms.measures.services.assets import asset_record
from ejcms.measures.services.orders import freeze_order, freeze_release
from tests.conftest import advance, register
from tests.measures.conftest import asset_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast: Any) -> Any:
    """A case under compulsory enforcement, a bank account and land of the debtor, the
    account frozen and released, the land frozen."""
    cast.officer  # noqa: B018 - assigned to the case
    case = advance(register(cast.clerk, number="311/ສປ"), cast, "start_compulsory")
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    account = asset_record(
        actor=cast.officer, case=case, data=asset_data(AssetKind.BANK_ACCOUNT, debtor)
    )
    land = asset_record(actor=cast.officer, case=case, data=asset_data(AssetKind.LAND, debtor))
    frozen = freeze_order(actor=cast.officer, asset=account, on=date(2025, 4, 28))
    freeze_release(actor=cast.officer, measure=frozen, on=date(2025, 5, 2), reason="ວາງເງິນຄ້ຳປະກັນ")
    freeze_order(actor=cast.officer, asset=land, on=date(2025, 4, 29))
    case.account, case.land = account, land
    return case


def test_the_assets_with_their_status(case: Any, api_client: Any) -> None:
    response = api_client(actions=["cases.read"]).get(f"/api/v1/cases/{ref(case.pk)}/assets/")
    assert response.status_code == 200
    rows = response.json()
    assert [(r["id"], r["kind"], r["status"]) for r in rows] == [
        (ref(case.account.pk), "bank_account", "released"),
        (ref(case.land.pk), "land", "frozen"),
    ]
    account, land = rows
    assert account["owner"] == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"
    assert account["account_number"] == "010-12-00-00123456-001"
    assert account["bank"] == "ທະນາຄານການຄ້າຕ່າງປະເທດລາວ (BCEL)"
    assert land["description"] == "ທີ່ດິນ ບ້ານໂພນສະອາດ ເມືອງສີສັດຕະນາກ"
    assert land["title_number"] == "01-0345/2019"
    with translation.override("lo"):
        frozen = str(AssetStatus.FROZEN.label)
    assert land["status_label"] == frozen != "Frozen"  # the caller's language: Lao by default
    assert land["declared_on"] == "2025-04-28"


def test_the_measures_with_their_dates(case: Any, api_client: Any) -> None:
    response = api_client(actions=["cases.read"]).get(f"/api/v1/cases/{ref(case.pk)}/measures/")
    assert response.status_code == 200
    rows = response.json()
    # Newest first, as on the measures tab.
    assert [(r["kind"], r["status"], r["ordered_on"], r["ended_on"]) for r in rows] == [
        ("freeze", "done", "2025-04-29", None),
        ("freeze", "released", "2025-04-28", "2025-05-02"),
    ]
    assert rows[0]["asset"] == ref(case.land.pk)
    assert rows[1]["asset"] == ref(case.account.pk)
    assert rows[0]["article"] == "56"


@pytest.mark.parametrize("what", ["assets", "measures"])
def test_scope_and_action(case: Any, api_client: Any, what: str) -> None:
    url = f"/api/v1/cases/{ref(case.pk)}/{what}/"
    assert api_client(office="0601").get(url).status_code == 404
    assert api_client(office="0102", name="ລະບົບ ສີໂຄດ").get(url).status_code == 404
    assert api_client(office="01", name="ລະບົບ ນະຄອນຫຼວງ").get(url).status_code == 200
    refused = api_client(actions=["money.read"], name="ລະບົບ ການເງິນ").get(url)
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"


def test_the_browser_session_sees_what_the_tab_shows(cast: Any, case: Any) -> None:
    url = f"/api/v1/cases/{ref(case.pk)}/assets/"
    assert len(cast.client("auditor_district").get(url).json()) == 2
    assert cast.client("outsider_province").get(url).status_code == 404
