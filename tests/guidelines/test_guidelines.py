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
