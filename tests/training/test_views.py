"""The assessment screens through the real views."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ejcms.org.roles import Role
from ejcms.training.models import Campaign, Competency, Response
from tests.training.test_tna import HAND_BUILT, _answer, _officer

pytestmark = pytest.mark.django_db


def _create(cast) -> Campaign:
    today = timezone.localdate()
    client = cast.client("trainer")
    response = client.post(
        reverse("training:campaign_new"),
        {
            "title": "ການປະເມີນຄວາມຕ້ອງການຝຶກອົບຮົມ 2026",
            "scope": "national",
            "roles": [Role.OFFICER],
            "opens_on": (today - timedelta(days=1)).strftime("%d/%m/%Y"),
            "closes_on": (today + timedelta(days=20)).strftime("%d/%m/%Y"),
            "questions": "ທ່ານຕ້ອງການຝຶກອົບຮົມຫົວຂໍ້ໃດຕື່ມ?",
        },
    )
    assert response.status_code == 302
    return Campaign.objects.get()


def test_an_officer_saves_a_draft_then_submits(cast):
    campaign = _create(cast)
    client = cast.client("officer")
    url = reverse("training:questionnaire", args=[campaign.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "ການຍຶດຊັບ ແລະ ການອາຍັດຊັບ" in page.content.decode()
    competencies = list(Competency.objects.filter(framework=campaign.framework))
    first = competencies[0].pk
    draft = client.post(url, {f"importance_{first}": "6", "save": "1"})
    assert draft.status_code == 302
    assert Response.objects.get().submitted_at is None
    # Submitting with ratings missing is refused, and the draft is kept.
    refused = client.post(url, {f"importance_{first}": "6", "submit": "1"})
    assert refused.status_code == 400
    assert Response.objects.get().ratings.get(competency_id=first).importance == 6
    data = {"years_of_service": "7", "answer_0": "ການປະມູນ", "submit": "1"}
    for c in competencies:
        data[f"importance_{c.pk}"] = "6"
        data[f"performance_{c.pk}"] = "4"
    assert client.post(url, data).status_code == 302
    assert Response.objects.get().submitted_at is not None
    again = client.get(url)
    assert again.context.get("submitted")


def test_the_owner_sees_priorities_and_the_heatmap_others_do_not(cast):
    campaign = _create(cast)
    for index, special in enumerate(HAND_BUILT):
        _answer(_officer(index), campaign, special)
    owner = cast.client("trainer").get(reverse("training:campaign", args=[campaign.pk]))
    html = owner.content.decode()
    assert 'id="priorities"' in html
    assert 'id="heatmap"' in html
    assert owner.context["gaps"][0].competency.number == 1
    officer = cast.client("officer").get(reverse("training:campaign", args=[campaign.pk]))
    assert officer.status_code == 200
    assert 'id="priorities"' not in officer.content.decode()
    # A clerk is not asked and may not open the questionnaire.
    assert cast.client("clerk").get(
        reverse("training:questionnaire", args=[campaign.pk])
    ).status_code in (403, 404)


def test_the_head_of_office_rates_a_member_of_staff(cast):
    from ejcms.training.models import SupervisorRating

    campaign = _create(cast)
    officer = cast.officer
    client = cast.client("head")
    page = client.get(reverse("training:campaign", args=[campaign.pk]))
    assert 'id="rate-staff"' in page.content.decode()
    url = reverse("training:supervisor", args=[campaign.pk]) + f"?staff={officer.pk}"
    competencies = list(Competency.objects.filter(framework=campaign.framework))
    incomplete = client.post(url, {f"performance_{competencies[0].pk}": "5"})
    assert incomplete.status_code == 400
    data = {f"performance_{c.pk}": "5" for c in competencies}
    assert client.post(url, data).status_code == 302
    assert SupervisorRating.objects.filter(subject=officer, supervisor=cast.head).count() == 15
    assert cast.client("officer2").get(url).status_code == 403
