"""Record ids in URLs: a keyed permutation, reversible, unguessable, refused when wrong."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.urls import reverse

from ejcms.core.ids import LENGTH, decode_id, encode_id, ref


def test_every_id_comes_back() -> None:
    for value in [1, 2, 3, 999, 1_000_000, 2**31, 2**47]:
        token = encode_id(value)
        assert len(token) == LENGTH
        assert decode_id(token) == value


def test_neighbours_have_unrelated_tokens() -> None:
    tokens = [encode_id(value) for value in range(1, 201)]
    assert len(set(tokens)) == 200
    # No common prefix between consecutive ids beyond chance.
    shared = sum(a[:3] == b[:3] for a, b in itertools.pairwise(tokens))
    assert shared <= 2


def test_the_key_decides(settings: Any) -> None:
    before = encode_id(42)
    settings.EJCMS_ID_KEY = "ຄີອື່ນ-another-key"
    from ejcms.core import ids

    ids._key.cache_clear()
    ids._encode.cache_clear()
    try:
        assert encode_id(42) != before
        try:
            value: int | None = decode_id(before)
        except ValueError:
            value = None
        assert value != 42  # an old token is another number, or none, under the new key
    finally:
        ids._key.cache_clear()
        ids._encode.cache_clear()


@pytest.mark.parametrize("token", ["0000000000000", "zzzzzzzzzzzzz", "abc", "ILOU000000000"])
def test_wrong_tokens_are_refused(token: str) -> None:
    with pytest.raises((ValueError, KeyError)):
        decode_id(token)


def test_urls_carry_tokens_and_views_get_integers() -> None:
    url = reverse("cases:detail", kwargs={"case_id": 7})
    assert url == f"/cases/{encode_id(7)}/"
    assert ref(7) == encode_id(7)
    assert ref("slug") == "slug"


@pytest.mark.django_db
def test_a_plain_integer_or_a_forged_token_is_not_found(cast: Any) -> None:
    client = cast.client("officer")
    assert client.get("/cases/1/").status_code == 404
    assert client.get("/cases/0000000000000/").status_code == 404
