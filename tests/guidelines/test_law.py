"""The law at hand: loaded as the source gives it, gaps shown as gaps, linked from the case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ejcms.guidelines.models import Law, LawArticle
from ejcms.guidelines.selectors import article_numbers
from ejcms.guidelines.services import law_load
from tests.conftest import advance

pytestmark = pytest.mark.django_db


def test_loading_is_repeatable_and_keeps_the_gaps():
    first = {r.law: r for r in law_load()}
    again = {r.law: r for r in law_load()}
    assert first["enforcement"].articles == again["enforcement"].articles == 76
    assert {64, 65, 79, 95} <= set(first["enforcement"].missing)
    assert LawArticle.objects.filter(law__code="enforcement").count() == 76
    assert Law.objects.get(code="enforcement").article_count == 95
    article = LawArticle.objects.get(law__code="enforcement", number=57)
    assert "ຫ້າລ້ານກີບ" in article.text


def test_references_name_their_articles():
    assert article_numbers("49, 50") == [49, 50]
    assert article_numbers("26–30") == [26, 27, 28, 29, 30]
    assert article_numbers("48.1") == [48]
    assert article_numbers("71, 44") == [71, 44]


def test_an_article_page_and_a_missing_article(cast):
    client = cast.client("officer")
    page = client.get(reverse("guidelines:article", args=["enforcement", 59]))
    assert page.status_code == 200
    assert "ສາມສິບ ສ່ວນ ຮ້ອຍ" in page.content.decode()
    missing = client.get(reverse("guidelines:article", args=["enforcement", 64]))
    assert missing.status_code == 200
    assert 'id="article-missing"' in missing.content.decode()
    assert client.get(reverse("guidelines:article", args=["enforcement", 96])).status_code == 404
    index = client.get(reverse("guidelines:index")).content.decode()
    assert 'data-missing="64"' in index


def test_the_case_page_says_what_the_law_says_for_the_next_steps(make_case, cast):
    case = advance(make_case(), cast, "call_parties")
    page = cast.client("officer").get(reverse("cases:detail", args=[case.pk]))
    html = page.content.decode()
    assert 'id="case-law"' in html
    # The next step, recording non-compliance, rests on Art. 20, linked and quoted.
    assert reverse("guidelines:article", args=["enforcement", 20]) in html
    assert "ຫ້າວັນ ລັດຖະການ" in html
