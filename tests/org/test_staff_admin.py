"""An administrator disables an account at once (its sessions end) and enables it again."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ejcms.core.audit import audit_verify
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from ejcms.org.services import sessions_end, staff_disable, staff_enable
from tests.conftest import PASSWORD, Cast

REASON = "ຍ້າຍໄປປະຈຳການຢູ່ກະຊວງຍຸຕິທຳ ຕາມຂໍ້ຕົກລົງ ເລກທີ 215/ຍທ"


def _usernames(response) -> set[str]:
    """The user names of the rows of the list."""
    return set(re.findall(r'data-username="([^"]+)"', response.text))


def _sessions_of(user) -> int:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    return sum(
        1
        for data in Session.objects.values_list("session_data", flat=True)
        if store.decode(data).get(SESSION_KEY) == str(user.pk)
    )


def _login(username: str) -> Client:
    """Log in through the login form, as a browser does."""
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.text[:500]
    return client


def _disable(admin: Client, user, reason: str = REASON):
    return admin.post(f"/org/staff/{ref(user.pk)}/disable/", {"reason": reason})


@pytest.mark.django_db
class TestTheList:
    def test_the_national_administrator_sees_every_office(self, cast: Cast):
        wanted = {"officer", "outsider-province", "head-other-province", "admin-province", "dej"}
        for name in wanted:
            getattr(cast, name.replace("-", "_"))
        response = cast.client("admin").get("/org/staff/")
        assert response.status_code == 200
        assert wanted | {"admin"} <= _usernames(response)
        assert "ທ່ານ ສົມສັກ ພົມມະຈັນ" in response.text
        assert "ພະນັກງານປະຕິບັດຄຳຕັດສິນຂອງສານ" in response.text  # the role, in Lao

    def test_a_provincial_administrator_sees_only_their_province(self, cast: Cast):
        cast.officer, cast.head_province, cast.outsider_province, cast.head_other_province  # noqa: B018
        response = cast.client("admin_province").get("/org/staff/")
        assert response.status_code == 200
        assert _usernames(response) == {
            "outsider-province",
            "head-other-province",
            "admin-province",
        }
        offices = response.context["form"].fields["office"].queryset
        assert {office.code[:2] for office in offices} == {"06"}

    def test_filter_by_office_and_by_lao_or_english_name_or_user_name(self, cast: Cast):
        cast.officer, cast.officer2, cast.outsider_district, cast.head  # noqa: B018
        client = cast.client("admin")
        office = cast.officer.staff_profile.office
        by_office = client.get("/org/staff/", {"office": office.pk})
        assert _usernames(by_office) == {"officer", "officer2", "head"}
        assert _usernames(client.get("/org/staff/", {"q": "ມະນີວັນ"})) == {"officer2"}
        assert _usernames(client.get("/org/staff/", {"q": "sihalath"})) == {"officer2"}
        assert _usernames(client.get("/org/staff/", {"q": "outsider"})) == {"outsider-district"}
        both = client.get("/org/staff/", {"office": office.pk, "q": "ບຸນມີ"})
        assert _usernames(both) == {"head"}

    def test_pages_keep_the_filter(self, cast: Cast, settings):
        settings.EJCMS_PAGE_SIZE = 2
        cast.officer, cast.officer2, cast.head, cast.clerk  # noqa: B018
        client = cast.client("admin")
        office = cast.officer.staff_profile.office
        first = client.get("/org/staff/", {"office": office.pk})
        assert len(_usernames(first)) == 2
        assert f"office={office.pk}&amp;page=2" in first.text
        second = client.get("/org/staff/", {"office": office.pk, "page": 2})
        assert len(_usernames(second)) == 2
        assert _usernames(first) | _usernames(second) == {"officer", "officer2", "head", "clerk"}

    def test_the_menu_shows_the_page_to_administrators_only(self, cast: Cast):
        assert 'href="/org/staff/"' in cast.client("admin").get("/").text
        assert 'href="/org/staff/"' in cast.client("admin_province").get("/").text
        assert 'href="/org/staff/"' not in cast.client("head").get("/").text


@pytest.mark.django_db
class TestDisableAndEnable:
    def test_disabling_ends_the_users_sessions_at_once(self, cast: Cast):
        officer, colleague_account = cast.officer, cast.officer2
        browser = _login("officer")
        other_computer = Client()
        other_computer.force_login(officer)
        colleague = _login("officer2")
        for client in (browser, other_computer, colleague):
            assert client.get("/cases/").status_code == 200
        assert _sessions_of(officer) == 2
        assert _sessions_of(colleague_account) == 1

        admin = cast.client("admin")
        response = _disable(admin, officer)
        assert response.status_code == 302
        assert response["Location"] == f"/org/staff/{ref(officer.pk)}/"
        officer.refresh_from_db()
        assert not officer.is_active
        assert _sessions_of(officer) == 0
        for client in (browser, other_computer):
            response = client.get("/cases/")
            assert response.status_code == 302
            assert response["Location"].startswith("/login/")
        assert colleague.get("/cases/").status_code == 200  # another user's session stays
        assert _sessions_of(colleague_account) == 1
        page = admin.get(f"/org/staff/{ref(officer.pk)}/")
        assert REASON in page.text  # in the history of the account

    def test_a_disabled_account_cannot_log_in_and_enabling_restores_it(self, cast: Cast):
        officer = cast.officer
        browser = _login("officer")
        admin = cast.client("admin")
        assert _disable(admin, officer).status_code == 302

        refused = Client().post("/login/", {"username": "officer", "password": PASSWORD})
        assert refused.status_code == 200
        assert SESSION_KEY not in refused.wsgi_request.session

        response = admin.post(f"/org/staff/{ref(officer.pk)}/enable/")
        assert response.status_code == 302
        officer.refresh_from_db()
        assert officer.is_active
        # The old login does not come back; the user logs in anew.
        assert browser.get("/cases/")["Location"].startswith("/login/")
        assert _login("officer").get("/cases/").status_code == 200

    def test_each_change_is_in_the_audit_log_with_the_reason(self, cast: Cast):
        officer = cast.officer
        _login("officer")
        staff_disable(actor=cast.admin, user=officer, reason=f"  {REASON} ")
        staff_enable(actor=cast.admin, user=officer)
        disable, enable = AuditRecord.objects.filter(
            action__in=["staff.disable", "staff.enable"]
        ).order_by("sequence")
        profile = officer.staff_profile
        assert (disable.action, disable.actor_id, disable.office) == (
            "staff.disable",
            cast.admin.pk,
            "00",
        )
        assert (disable.object_type, disable.object_id) == ("org.staffprofile", str(profile.pk))
        assert disable.payload == {
            "username": "officer",
            "office": "0101",
            "reason": REASON,
            "sessions_ended": 1,
            "changes": {"is_active": [True, False]},
        }
        assert enable.action == "staff.enable"
        assert enable.payload["changes"] == {"is_active": [False, True]}
        assert "reason" not in enable.payload
        assert audit_verify().intact
        # The auditor's filter by user name finds both.
        page = cast.client("admin").get("/org/audit/", {"user": "officer"})
        assert "staff.disable" in page.text
        assert "staff.enable" in page.text

    def test_a_provincial_administrator_manages_the_accounts_of_their_province(self, cast: Cast):
        target = cast.outsider_province
        admin = cast.client("admin_province")
        assert admin.get(f"/org/staff/{ref(target.pk)}/").status_code == 200
        assert _disable(admin, target).status_code == 302
        target.refresh_from_db()
        assert not target.is_active

    def test_the_reason_is_required(self, cast: Cast):
        officer = cast.officer
        admin = cast.client("admin")
        for reason in ("", "   "):
            response = _disable(admin, officer, reason)
            assert response.status_code == 400
            form = response.context["form"]
            assert list(form.errors) == ["reason"]
            assert 'id="id_reason"' in response.text
            assert "is-invalid" in response.text
        officer.refresh_from_db()
        assert officer.is_active
        with pytest.raises(ApplicationError) as refused:
            staff_disable(actor=cast.admin, user=officer, reason=" \n ")
        assert "reason" in refused.value.error_dict

    def test_disabling_twice_is_refused_with_a_message(self, cast: Cast):
        officer = cast.officer
        admin = cast.client("admin")
        assert _disable(admin, officer).status_code == 302
        again = _disable(admin, officer)
        assert again.status_code == 400
        assert again.context["form"].non_field_errors()
        assert AuditRecord.objects.filter(action="staff.disable").count() == 1


@pytest.mark.django_db
class TestRefusals:
    def test_an_administrator_may_not_disable_themself(self, cast: Cast):
        admin = cast.client("admin")
        page = admin.get(f"/org/staff/{ref(cast.admin.pk)}/")
        assert page.status_code == 200
        assert 'id="disable-account"' not in page.text
        assert _disable(admin, cast.admin).status_code == 403
        with pytest.raises(AccessDenied):
            staff_disable(actor=cast.admin, user=cast.admin, reason=REASON)
        cast.admin.refresh_from_db()
        assert cast.admin.is_active
        assert admin.get("/org/staff/").status_code == 200  # still logged in

    def test_an_account_outside_the_scope_is_not_found(self, cast: Cast):
        officer = cast.officer  # Vientiane Capital; the administrator is of Luang Prabang
        national = cast.admin
        admin = cast.client("admin_province")
        assert admin.get(f"/org/staff/{ref(officer.pk)}/").status_code == 404
        assert _disable(admin, officer).status_code == 404
        assert _disable(admin, national).status_code == 404
        staff_disable(actor=cast.admin, user=officer, reason=REASON)
        assert admin.post(f"/org/staff/{ref(officer.pk)}/enable/").status_code == 404
        with pytest.raises(AccessDenied) as refused:
            staff_enable(actor=cast.admin_province, user=officer)
        assert not refused.value.visible
        officer.refresh_from_db()
        assert not officer.is_active

    @pytest.mark.parametrize("who", ["head", "head_province", "dej", "auditor_district", "clerk"])
    def test_others_than_administrators_are_refused(self, cast: Cast, who: str):
        officer = cast.officer
        client = cast.client(who)
        assert client.get("/org/staff/").status_code == 403
        assert client.get(f"/org/staff/{ref(officer.pk)}/").status_code == 403
        assert _disable(client, officer).status_code == 403
        with pytest.raises(AccessDenied):
            staff_disable(actor=getattr(cast, who), user=officer, reason=REASON)
        officer.refresh_from_db()
        assert officer.is_active


@pytest.mark.django_db
def test_ending_the_sessions_of_one_user_among_many(cast: Cast):
    """Every live session is decoded once, in one query; only the user's rows are deleted."""
    officer, colleague = cast.officer, cast.officer2
    engine = import_module(settings.SESSION_ENGINE)

    def session_of(user) -> str:
        store = engine.SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store["ejcms_login_at"] = 1.0
        store.create()
        assert store.session_key is not None
        return store.session_key

    for _n in range(300):
        session_of(colleague)
    anonymous = engine.SessionStore()
    anonymous["django_language"] = "lo"
    anonymous.create()
    mine = {session_of(officer), session_of(officer)}
    with CaptureQueriesContext(connection) as queries:
        assert sessions_end(officer) == 2
    assert len(queries) <= 3  # the read (one cursor), the delete, and a savepoint at most
    assert not Session.objects.filter(session_key__in=mine).exists()
    assert Session.objects.count() == 301
