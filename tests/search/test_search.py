"""Search across Lao and Latin with real Lao names: spellings, fragments, Lao digits, Latin
transliterations, ranking, highlighting, and never a result from an office the user may not
see (run on SQLite and on PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ejcms.cases.choices import PartyRole
from ejcms.cases.models import EnforcementCase
from ejcms.cases.services.intake import PartyData
from ejcms.cases.services.parties import party_correct
from ejcms.core.ids import ref
from ejcms.measures.choices import AssetKind, DeclaredBy
from ejcms.measures.services.assets import AssetData, asset_record
from ejcms.search.models import EntryKind, SearchEntry
from ejcms.search.selectors import search
from tests.conftest import Cast, party, register

# ໜ and ໝ stored as single characters; ຫຼ with the subscript ລ (U+0EBC).
NOUPHANH = "ນາງ ໜູພັນ ສຸກສະຫວັນ"
LUANG = "ທ້າວ ຫຼວງລາດ ມະໂນທຳ"


def _refs(groups, kind=None):
    return [h.entry.ref for g in groups for h in g.hits if kind is None or g.kind == kind]


def _case(cast: Cast, number: str, debtor: str, latin: str = "", **kwargs) -> EnforcementCase:
    return register(
        cast.clerk,
        number=number,
        parties=[
            party(PartyRole.CREDITOR, "ບໍລິສັດ ນ້ຳງື່ມ ຈຳກັດ"),
            party(PartyRole.DEBTOR, debtor, name_latin=latin),
        ],
        **kwargs,
    )


def _debtor_ref(case: EnforcementCase) -> str:
    return f"party:{case.case_parties.get(role=PartyRole.DEBTOR).party_id}"


@pytest.mark.django_db
class TestLaoSpellings:
    def test_typed_with_the_digraph_finds_the_single_character_and_the_reverse(self, cast):
        cast.officer  # noqa: B018
        stored_single = _case(cast, "11/ສປ", NOUPHANH)
        # Typed with ຫນ at intake: stored as ໜ, found either way.
        stored_digraph = _case(cast, "12/ສປ", "ທ້າວ ຫນູແດງ ແກ້ວມະນີ")
        assert "ໜູແດງ" in stored_digraph.case_parties.get(role=PartyRole.DEBTOR).party.name_lo
        found = _refs(search(cast.officer, "ຫນູພັນ"))
        assert _debtor_ref(stored_single) in found
        found = _refs(search(cast.officer, "ໜູແດງ"))
        assert _debtor_ref(stored_digraph) in found
        found = _refs(search(cast.officer, "ຫນູແດງ"))
        assert _debtor_ref(stored_digraph) in found

    def test_lo_written_with_la_finds_the_subscript(self, cast):
        cast.officer  # noqa: B018
        case = _case(cast, "13/ສປ", LUANG)
        assert _debtor_ref(case) in _refs(search(cast.officer, "ຫລວງລາດ"))
        assert _debtor_ref(case) in _refs(search(cast.officer, "ຫຼວງລາດ"))

    def test_a_middle_fragment_of_a_name_finds_it(self, cast):
        cast.officer  # noqa: B018
        case = _case(cast, "14/ສປ", NOUPHANH)
        groups = search(cast.officer, "ກສະຫວ")
        assert _debtor_ref(case) in _refs(groups, EntryKind.PARTY)
        hit = next(h for g in groups for h in g.hits if h.entry.ref == _debtor_ref(case))
        assert "<mark>ກສະຫວ</mark>" in str(hit.title)

    def test_zero_width_spaces_and_decomposed_am_are_ignored(self, cast):
        cast.officer  # noqa: B018
        case = _case(cast, "15/ສປ", LUANG)
        assert _debtor_ref(case) in _refs(search(cast.officer, "ມະ\u200bໂນທໍາ"))

    def test_lao_digits_find_a_register_number(self, cast):
        cast.officer  # noqa: B018
        case = _case(cast, "16/ສປ", NOUPHANH)
        lao = case.register_label.translate({ord(d): 0x0ED0 + int(d) for d in "0123456789"})
        assert lao != case.register_label
        groups = search(cast.officer, lao)
        assert _refs(groups, EntryKind.CASE)[0] == f"case:{case.pk}"
        # The case list finds it the same way.
        page = cast.client("officer").get("/cases/", {"q": lao}).text
        assert f"/cases/{ref(case.pk)}/" in page


@pytest.mark.django_db
class TestLatin:
    def test_transliterations_match_approximately(self, cast):
        cast.officer  # noqa: B018
        case = _case(cast, "21/ສປ", NOUPHANH, latin="Nouphanh Souksavanh")
        for query in ("Souksavanh", "Souksavan", "souksavane", "Nouphan Souksavan"):
            assert _debtor_ref(case) in _refs(search(cast.officer, query)), query
        other = _case(cast, "22/ສປ", LUANG, latin="Luanglath Manotham")
        assert _debtor_ref(other) not in _refs(search(cast.officer, "Souksavan"))

    def test_the_case_list_uses_the_same_engine(self, cast):
        cast.officer  # noqa: B018
        case = _case(cast, "23/ສປ", NOUPHANH, latin="Nouphanh Souksavanh")
        other = _case(cast, "24/ສປ", LUANG)
        client = cast.client("officer")
        for query in ("Souksavan", "ກສະຫວ", "ຫນູພັນ"):
            page = client.get("/cases/", {"q": query}).text
            assert f"/cases/{ref(case.pk)}/" in page, query
            assert f"/cases/{ref(other.pk)}/" not in page, query


@pytest.mark.django_db
def test_ranking_puts_the_exact_name_first(cast):
    cast.officer  # noqa: B018
    longer = _case(cast, "31/ສປ", "ນາງ ໜູພັນ ສຸກສະຫວັນ ວົງສາ")
    exact = _case(cast, "32/ສປ", "ສຸກສະຫວັນ")
    refs = _refs(search(cast.officer, "ສຸກສະຫວັນ"), EntryKind.PARTY)
    assert refs.index(_debtor_ref(exact)) < refs.index(_debtor_ref(longer))


@pytest.mark.django_db
def test_assets_decisions_and_the_law_are_found(cast):
    cast.officer  # noqa: B018
    case = _case(cast, "41/ສປ-ນວ", NOUPHANH)
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    asset = asset_record(
        actor=cast.officer,
        case=case,
        data=AssetData(
            kind=AssetKind.VEHICLE,
            owner=debtor,
            description="ລົດຈັກ ຮອນດ້າ ເວບ 110",
            declared_by=DeclaredBy.CREDITOR,
            declared_on=case.received_on,
            plate="ກຂ 4521",
            estimated_value=Decimal("8000000"),
            currency="LAK",
        ),
    )
    assert f"asset:{asset.pk}" in _refs(search(cast.officer, "4521"), EntryKind.ASSET)
    assert f"asset:{asset.pk}" in _refs(search(cast.officer, "ຮອນດ້າ"), EntryKind.ASSET)
    assert f"decision:{case.decision_id}" in _refs(search(cast.officer, "41/ສປ"))
    articles = _refs(search(cast.officer, "ອາຍັດ"), EntryKind.ARTICLE)
    assert "article:enforcement:56" in articles


@pytest.mark.django_db
def test_a_user_never_sees_a_result_from_an_office_he_may_not_see(cast):
    cast.officer  # noqa: B018
    case = _case(cast, "51/ສປ", NOUPHANH, latin="Nouphanh Souksavanh")
    ref = _debtor_ref(case)
    for user in ("officer", "head", "head_province", "dej"):
        assert ref in _refs(search(getattr(cast, user), "ໜູພັນ")), user
    for user in ("outsider_district", "head_other_district", "outsider_province", "trainer"):
        found = _refs(search(getattr(cast, user), "ໜູພັນ")) + _refs(
            search(getattr(cast, user), "Souksavan")
        )
        assert ref not in found, user
        assert f"case:{case.pk}" not in found, user
    # The law is there for everyone on the staff.
    assert _refs(search(cast.outsider_province, "ອາຍັດ"), EntryKind.ARTICLE)
    page = cast.client("outsider_province").get(reverse("search:page"), {"q": "ໜູພັນ"}).text
    assert 'id="search-empty"' in page
    assert reverse("cases:detail", args=[case.pk]) not in page


@pytest.mark.django_db
def test_the_index_follows_a_corrected_name(cast):
    cast.officer  # noqa: B018
    case = _case(cast, "61/ສປ", NOUPHANH)
    link = case.case_parties.get(role=PartyRole.DEBTOR)
    party_correct(
        actor=cast.officer,
        case=case,
        link=link,
        data=PartyData(role=PartyRole.DEBTOR, kind=link.party.kind, name_lo="ນາງ ບົວສີ ໄຊຍະວົງ"),
    )
    assert _debtor_ref(case) in _refs(search(cast.officer, "ບົວສີ"))
    assert _debtor_ref(case) not in _refs(search(cast.officer, "ໜູພັນ"))
    assert SearchEntry.objects.filter(case=case, kind=EntryKind.PARTY).count() == 2


@pytest.mark.django_db
def test_the_search_page_groups_results_and_marks_the_match(cast):
    cast.officer  # noqa: B018
    case = _case(cast, "71/ສປ", NOUPHANH)
    page = cast.client("officer").get(reverse("search:page"), {"q": "ໜູພັນ"}).text
    assert 'data-kind="party"' in page
    assert "<mark>ໜູພັນ</mark>" in page
    assert reverse("cases:detail", args=[case.pk]) in page
    # The header carries the search box on every page.
    home = cast.client("officer").get("/").text
    assert 'id="header-search"' in home
    short = cast.client("officer").get(reverse("search:page"), {"q": "ໜູ"}).text
    assert "ສາມ" in short or "three" in short
