"""Every page answers every role in both languages: the page itself, or a refusal; never an error."""

from __future__ import annotations

import pytest

from ejcms.core.ids import ref

ROLES = ["officer", "head", "clerk", "auditor_district", "head_province", "dej", "trainer", "admin"]
PAGES = {
    "/": {},
    "/cases/": {"trainer": 403, "admin": 403},
    # A division registers the cases it enforces itself; the DEJ supervisor only supervises.
    "/cases/new/": {"auditor_district": 403, "dej": 403, "trainer": 403, "admin": 403},
    "/deadlines/": {"trainer": 403, "admin": 403},
    "/deadlines/?scope=mine": {"trainer": 403, "admin": 403},
    "/office/": {"officer": 403, "clerk": 403, "trainer": 403, "admin": 403},
    "/org/holidays/": {role: 403 for role in ROLES if role != "admin"},
    "/org/courts/": {role: 403 for role in ROLES if role != "admin"},
    "/org/courts/new/": {role: 403 for role in ROLES if role != "admin"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lo", "en"])
@pytest.mark.parametrize("who", ROLES)
def test_every_page_answers_every_role(make_case, cast, who, language):
    from tests.conftest import advance

    case = advance(make_case(), cast, "notify")
    client = cast.client(who)
    client.cookies["ejcms_language"] = language
    for url, refused in PAGES.items():
        response = client.get(url)
        assert response.status_code == refused.get(who, 200), (url, who, response.status_code)
        assert f'lang="{language}"' in response.text, url
    expected = 404 if who in ("trainer", "admin") else 200
    assert client.get(f"/cases/{ref(case.pk)}/").status_code == expected
