"""Fixtures of the training tests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ejcms.org.roles import Role
from ejcms.training.services import CampaignData, campaign_create


@pytest.fixture
def campaign(cast):
    today = timezone.localdate()
    return campaign_create(
        actor=cast.trainer,
        data=CampaignData(
            title="ການປະເມີນຄວາມຕ້ອງການຝຶກອົບຮົມ 2026",
            scope="national",
            opens_on=today - timedelta(days=5),
            closes_on=today + timedelta(days=25),
            roles=[Role.OFFICER],
            questions=["ທ່ານຕ້ອງການຝຶກອົບຮົມຫົວຂໍ້ໃດຕື່ມ?"],
        ),
    )
