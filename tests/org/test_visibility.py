"""Who sees which case: the district office, its province, the DEJ; nobody else.

Every check is made on the list, the case page and an action, as each outsider.
"""

from __future__ import annotations

from datetime import date

import pytest

from ejcms.cases.models import EnforcementCase
from ejcms.cases.selectors import cases_visible_to
from ejcms.core.ids import ref
from ejcms.org.models import Office
from ejcms.org.selectors import office_scope

SEES = ["officer", "officer2", "head", "clerk", "auditor_district", "head_province", "dej"]
BLIND = [
    "outsider_district",
    "head_other_district",
    "outsider_province",
    "head_other_province",
    "trainer",
    "admin",
]


@pytest.fixture
def case(make_case):
    return make_case()


@pytest.mark.django_db
@pytest.mark.parametrize("who", SEES)
def test_the_office_its_province_and_the_dej_see_the_case(case, cast, who):
    client = cast.client(who)
    assert case.register_label in client.get("/cases/").text
    assert client.get(f"/cases/{ref(case.pk)}/").status_code == 200
    assert cases_visible_to(getattr(cast, who)).filter(pk=case.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", BLIND)
def test_others_do_not_see_the_case_on_the_list_the_page_or_an_action(case, cast, who):
    client = cast.client(who)
    listing = client.get("/cases/")
    assert listing.status_code in (200, 403)
    assert "ສີສະຫວາດ" not in listing.text  # the debtor's name
    assert client.get(f"/cases/{ref(case.pk)}/").status_code == 404
    step = client.post(f"/cases/{ref(case.pk)}/step/call_parties/", {"on": "2025-03-05"})
    assert step.status_code == 404
    assert not cases_visible_to(getattr(cast, who)).filter(pk=case.pk).exists()
    assert EnforcementCase.objects.get(pk=case.pk).state == "received"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["head_province", "dej", "auditor_district", "clerk"])
def test_those_who_only_supervise_or_read_cannot_act(case, cast, who):
    client = cast.client(who)
    response = client.post(f"/cases/{ref(case.pk)}/step/call_parties/", {"on": "2025-03-05"})
    assert response.status_code == 403
    assert EnforcementCase.objects.get(pk=case.pk).state == "received"


@pytest.mark.django_db
def test_the_officer_in_charge_can_act_through_the_page(case, cast):
    response = cast.client("officer").post(
        f"/cases/{ref(case.pk)}/step/call_parties/", {"on": "2025-03-05"}
    )
    assert response.status_code == 302
    assert EnforcementCase.objects.get(pk=case.pk).state == "voluntary"


@pytest.mark.django_db
def test_the_scope_follows_the_office_level(cast):
    assert office_scope(cast.dej).everything
    assert office_scope(cast.head_province).province_id == Office.objects.get(code="01").province_id
    assert office_scope(cast.officer).office_id == Office.objects.get(code="0101").pk
    assert office_scope(cast.trainer).nothing
    assert office_scope(cast.admin).nothing


@pytest.mark.django_db
def test_a_province_sees_all_its_districts_and_nothing_of_another(make_case, cast):
    from tests.conftest import register

    here = make_case()
    # A case of Sikhottabong (0102), the same province.
    neighbour = register(cast.head_other_district, number="9/ສປ", received_on=date(2025, 3, 4))
    visible = set(cases_visible_to(cast.head_province).values_list("pk", flat=True))
    assert {here.pk, neighbour.pk} <= visible
    assert neighbour.pk not in set(cases_visible_to(cast.officer).values_list("pk", flat=True))
    assert (
        not cases_visible_to(cast.head_other_province)
        .filter(pk__in=[here.pk, neighbour.pk])
        .exists()
    )


@pytest.mark.django_db
def test_an_inactive_user_sees_nothing(case, cast):
    officer = cast.officer
    officer.is_active = False
    officer.save()
    assert not cases_visible_to(officer).exists()


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_the_login_page(case, client):
    response = client.get(f"/cases/{ref(case.pk)}/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")
