"""The DEJ's Guidelines: versioned sections, sanitised text, edited by a national administrator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.guidelines.models import GuidelineVersion
from ejcms.guidelines.services import GuidelineData, guideline_save
from tests.conftest import advance

pytestmark = pytest.mark.django_db

TEXT = (
    '<h3>ການບັນທຶກການບໍ່ປະຕິບັດ</h3><p onclick="alert(1)">ເມື່ອຄູ່ຄວາມບໍ່ປະຕິບັດດ້ວຍຄວາມສະໝັກໃຈ '
    '<a href="javascript:alert(1)">ໃຫ້ບັນທຶກ</a> ພາຍໃນ 5 ວັນລັດຖະການ.</p><script>alert(1)</script>'
)


def _save(actor, **extra):
    data = {
        "code": "noncompliance",
        "title_lo": "ການບັນທຶກການບໍ່ປະຕິບັດ",
        "body_lo": TEXT,
        "steps": ("record_noncompliance",),
    } | extra
    return guideline_save(actor=actor, data=GuidelineData(**data))


def test_the_text_is_sanitised_and_every_version_kept(cast):
    first = _save(cast.admin)
    assert "<script" not in first.body_lo
    assert "onclick" not in first.body_lo
    assert "javascript:" not in first.body_lo
    assert "<h3>ການບັນທຶກການບໍ່ປະຕິບັດ</h3>" in first.body_lo
    second = _save(cast.admin, body_lo="<p>ສະບັບປັບປຸງ</p>", note="ແກ້ໄຂ")
    assert (first.version, second.version) == (1, 2)
    assert GuidelineVersion.objects.filter(section=second.section).count() == 2
    client = cast.client("officer")
    current = client.get(reverse("guidelines:guideline", args=["noncompliance"])).content.decode()
    assert "ສະບັບປັບປຸງ" in current
    old = client.get(reverse("guidelines:guideline_version", args=["noncompliance", 1]))
    assert "ເມື່ອຄູ່ຄວາມບໍ່ປະຕິບັດ" in old.content.decode()


def test_only_a_national_administrator_edits(cast):
    with pytest.raises(AccessDenied):
        _save(cast.admin_province)
    with pytest.raises(AccessDenied):
        _save(cast.head)
    assert cast.client("head").get(reverse("guidelines:guideline_new")).status_code == 403


def test_bad_input_names_the_field(cast):
    with pytest.raises(ApplicationError) as exc:
        _save(cast.admin, body_lo="<script>x</script>", steps=("no_such_step",))
    assert {"body_lo", "steps"} <= set(exc.value.message_dict)
    assert not GuidelineVersion.objects.exists()


def test_the_case_page_links_the_section_of_the_next_step(make_case, cast):
    _save(cast.admin)
    case = advance(make_case(), cast, "call_parties")
    html = cast.client("officer").get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-guideline="noncompliance"' in html


def test_a_section_links_from_a_time_limit_a_measure_and_a_training_module(cast, make_case):
    """The form offers rules, measures and modules; each then shows the section."""
    from datetime import date
    from decimal import Decimal

    from ejcms.cases.choices import PartyRole
    from ejcms.measures.choices import AssetKind, DeclaredBy
    from ejcms.measures.services.assets import AssetData, asset_record
    from ejcms.measures.services.orders import freeze_order
    from ejcms.training.models import Module

    module = Module.objects.order_by("code").first()
    assert module is not None
    form = cast.client("admin").get(reverse("guidelines:guideline_new")).content.decode()
    for target in ("rule:compliance_period", "measure:freeze", f"module:{module.code}"):
        assert f'value="{target}"' in form, target
    section = _save(
        cast.admin,
        code="freezing",
        title_lo="ການອາຍັດຊັບ",
        body_lo="<p>ກ່ອນອາຍັດ ໃຫ້ກວດກາຊັບ.</p>",
        steps=("measure:freeze", "rule:compliance_period", f"module:{module.code}"),
    ).section
    assert section.rule_keys == ["compliance_period"]

    case = advance(make_case(), cast, "start_compulsory")
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    account = asset_record(
        actor=cast.officer,
        case=case,
        data=AssetData(
            kind=AssetKind.BANK_ACCOUNT,
            owner=debtor,
            description="ບັນຊີເງິນຝາກ",
            declared_by=DeclaredBy.CREDITOR,
            declared_on=date(2025, 4, 28),
            bank="ທະນາຄານການຄ້າຕ່າງປະເທດລາວ",
            account_number="010-12-00-00123456-001",
            estimated_value=Decimal("5000000"),
            currency="LAK",
        ),
    )
    freeze_order(actor=cast.officer, asset=account, on=date(2025, 4, 28))
    client = cast.client("officer")
    link = f'data-guideline="{section.code}"'
    measures = client.get(reverse("measures:measures", args=[case.pk])).content.decode()
    assert link in measures
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    deadlines = page[page.index('id="case-deadlines"') :]
    assert link in deadlines
    # A training of the module shows it too.
    from datetime import timedelta

    from ejcms.training.models import Level
    from ejcms.training.tot import EventData, event_create

    event = event_create(
        actor=cast.trainer,
        data=EventData(
            module=module,
            level=Level.MASTER,
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 3, 2) + timedelta(days=2),
            place="ສະຖາບັນຍຸຕິທຳແຫ່ງຊາດ",
            capacity=20,
            trainers=[cast.trainer],
        ),
    )
    trainer_page = cast.client("trainer").get(reverse("training:event", args=[event.pk]))
    assert link in trainer_page.content.decode()
    # And the articles of the law it teaches, each opening its article.
    module.refresh_from_db()
    assert module.articles
    first = module.articles.split(",")[0].split("–")[0].strip()
    assert reverse("guidelines:article", args=["enforcement", int(first)]) in (
        trainer_page.content.decode()
    )
