"""The training needs assessment: answering, the gap analysis by the formula, anonymity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.models import Office, Province
from ejcms.org.roles import Position, Role
from ejcms.org.services import staff_create
from ejcms.training.choices import Band
from ejcms.training.models import Competency, Response
from ejcms.training.selectors import (
    gap_analysis,
    gap_by,
    may_see_response,
    response_rates,
)
from ejcms.training.services import AnswerData, CampaignData, campaign_create, response_save
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NAMES = [
    "ທ່ານ ສົມພອນ ແກ້ວມະນີ",
    "ນາງ ບົວສີ ພົມມະວົງ",
    "ທ່ານ ຄຳຫຼ້າ ສີສຸວັນ",
    "ນາງ ດາລາວັນ ຈັນທະລາ",
    "ທ່ານ ວິໄລ ສຸດທິວົງ",
    "ນາງ ພອນສະຫວັນ ອິນທະລາ",
]


def _officer(index: int, office_code: str = "0101"):
    return staff_create(
        actor=None,
        username=f"tna-{office_code}-{index}",
        password=PASSWORD,
        office=Office.objects.get(code=office_code),
        role=Role.OFFICER,
        position=Position.OFFICER,
        full_name_lo=NAMES[index % len(NAMES)],
        full_name_en=f"Officer {index}",
    ).user


def _numbers(campaign) -> dict[int, int]:
    return {c.number: c.pk for c in Competency.objects.filter(framework=campaign.framework)}


def _answer(user, campaign, special: dict[int, tuple[int, int]], *, submit=True):
    """Every competency rated 4/4 except those given in `special` (number -> (A, B))."""
    ratings = {pk: special.get(number, (4, 4)) for number, pk in _numbers(campaign).items()}
    return response_save(
        actor=user,
        campaign=campaign,
        data=AnswerData(ratings=ratings, years_of_service=6, answers=["ການປະມູນ"]),
        submit=submit,
    )


# Five officers' ratings of competencies 1 and 2 as (importance A, performance B).
HAND_BUILT = [
    {1: (7, 3), 2: (4, 4)},
    {1: (6, 4), 2: (4, 3)},
    {1: (7, 2), 2: (4, 4)},
    {1: (5, 4), 2: (4, 4)},
    {1: (6, 3), 2: (4, 3)},
]


def test_need_and_priority_follow_the_formula(campaign):
    for index, special in enumerate(HAND_BUILT):
        _answer(_officer(index), campaign, special)
    gaps = {g.competency.number: g for g in gap_analysis(campaign)}
    # Competency 1: mean A = 31/5 = 6.2, mean B = 16/5 = 3.2, need 3.0, priority 3.0 × 6.2.
    assert gaps[1].importance == pytest.approx(6.2)
    assert gaps[1].performance == pytest.approx(3.2)
    assert gaps[1].need == pytest.approx(3.0)
    assert gaps[1].priority == pytest.approx(18.6)
    assert gaps[1].band == Band.HIGH
    # Competency 2: mean A 4.0, mean B 3.6: need 0.4, priority 1.6, low.
    assert gaps[2].need == pytest.approx(0.4)
    assert gaps[2].priority == pytest.approx(1.6)
    assert gaps[2].band == Band.LOW
    assert gaps[3].need == pytest.approx(0.0)
    # Ranked by priority.
    assert [g.competency.number for g in gap_analysis(campaign)][:2] == [1, 2]


def test_bands_at_their_limits(campaign):
    # Need exactly 1.5 is high; exactly 0.5 is moderate.
    for index in range(5):
        _answer(
            _officer(index),
            campaign,
            {1: (6, 4) if index < 3 else (5, 4), 2: (5, 4) if index < 3 else (4, 4)},
        )
    gaps = {g.competency.number: g for g in gap_analysis(campaign)}
    assert gaps[1].need == pytest.approx(1.6)
    assert gaps[1].band == Band.HIGH
    assert gaps[2].need == pytest.approx(0.6)
    assert gaps[2].band == Band.MODERATE


def test_fewer_than_five_respondents_are_not_shown_apart(campaign):
    for index in range(5):
        _answer(_officer(index, "0101"), campaign, HAND_BUILT[index])
    for index in range(4):
        _answer(_officer(index, "0601"), campaign, {1: (7, 1)})
    # Nationally nine people answered: shown.
    assert {g.respondents for g in gap_analysis(campaign)} == {9}
    by_province = gap_by(campaign, "province")
    vientiane = Province.objects.get(code="01").pk
    assert [key for key, _n in by_province.groups] == [vientiane]
    assert by_province.hidden == 4
    assert all(key == vientiane for (_competency, key) in by_province.cells)


def test_an_answer_is_saved_as_a_draft_and_submitted_once(campaign):
    officer = _officer(0)
    numbers = _numbers(campaign)
    draft = response_save(
        actor=officer,
        campaign=campaign,
        data=AnswerData(ratings={numbers[1]: (6, None)}),
        submit=False,
    )
    assert draft.submitted_at is None
    # Incomplete: refused on submission, naming the missing ratings.
    with pytest.raises(ApplicationError) as exc:
        response_save(actor=officer, campaign=campaign, data=AnswerData(ratings={}), submit=True)
    assert f"performance_{numbers[1]}" in exc.value.message_dict
    assert "years_of_service" in exc.value.message_dict
    _answer(officer, campaign, {})
    with pytest.raises(ApplicationError):
        _answer(officer, campaign, {1: (1, 1)})
    response = Response.objects.get(campaign=campaign, respondent=officer)
    assert response.ratings.get(competency__number=1).importance == 4


def test_ratings_are_on_the_scale_of_one_to_seven(campaign):
    officer = _officer(0)
    with pytest.raises(ApplicationError) as exc:
        _answer(officer, campaign, {1: (8, 4)})
    assert f"importance_{_numbers(campaign)[1]}" in exc.value.message_dict


def test_answers_are_seen_only_by_the_respondent_his_head_and_the_owner(campaign, cast):
    officer, colleague = _officer(0), _officer(1)
    response = _answer(officer, campaign, {})
    assert may_see_response(officer, response)
    assert may_see_response(cast.head, response)  # head of 0101
    assert may_see_response(cast.trainer, response)  # the campaign's owner
    assert not may_see_response(colleague, response)
    assert not may_see_response(cast.head_other_district, response)


def test_only_those_asked_may_answer(campaign, cast):
    with pytest.raises(AccessDenied):
        _answer(cast.clerk, campaign, {})  # clerks are not asked in this campaign


def test_a_closed_campaign_takes_no_answer(campaign):
    campaign.closes_on = timezone.localdate() - timedelta(days=1)
    campaign.opens_on = campaign.closes_on - timedelta(days=10)
    campaign.save()
    with pytest.raises(ApplicationError):
        _answer(_officer(0), campaign, {})


def test_response_rate_per_office(campaign, cast):
    cast.officer  # noqa: B018 - a third officer of 0101 who does not answer
    first, second = _officer(0), _officer(1)
    _answer(first, campaign, {})
    _answer(second, campaign, {}, submit=False)
    rates = {rate.office.code: rate for rate in response_rates(campaign)}
    assert (rates["0101"].asked, rates["0101"].submitted) == (3, 1)
    assert rates["0101"].percent == 33


def test_only_trainers_and_the_dej_run_a_national_campaign(cast):
    today = timezone.localdate()
    data = CampaignData(
        title="ທົດລອງ", scope="national", opens_on=today, closes_on=today, roles=[Role.OFFICER]
    )
    with pytest.raises(AccessDenied):
        campaign_create(actor=cast.head, data=data)
    assert campaign_create(actor=cast.dej, data=data).framework.version == 1


def test_the_head_rates_his_staff_and_the_two_views_are_compared(campaign, cast):
    from ejcms.training.selectors import self_versus_supervisor
    from ejcms.training.services import supervisor_rate

    officers = [_officer(index) for index in range(5)]
    numbers = _numbers(campaign)
    for officer in officers:
        _answer(officer, campaign, {1: (6, 5)})
        supervisor_rate(
            actor=cast.head, campaign=campaign, subject=officer, ratings={numbers[1]: 3}
        )
    (row,) = [r for r in self_versus_supervisor(campaign) if r.competency.number == 1]
    assert (row.people, row.self_rating, row.supervisor_rating) == (5, 5.0, 3.0)
    # Another office's head, or a colleague, may not rate them.
    with pytest.raises(AccessDenied):
        supervisor_rate(
            actor=cast.head_other_district,
            campaign=campaign,
            subject=officers[0],
            ratings={numbers[1]: 7},
        )
    with pytest.raises(AccessDenied):
        supervisor_rate(
            actor=officers[1], campaign=campaign, subject=officers[0], ratings={numbers[1]: 7}
        )
