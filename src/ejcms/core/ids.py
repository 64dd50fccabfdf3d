"""Record ids as they appear in URLs: not the database's sequential integers, which tell how
many cases an office has and let anyone try the next one, but a keyed permutation of them,
written as 13 letters and digits. The database keeps its integer keys; only URLs change
(docs/adr/0009-opaque-ids-in-urls.md).

The permutation is a four-round Feistel network over 64 bits whose round function is an
HMAC-SHA256 under EJCMS_ID_KEY (derived from SECRET_KEY unless set), so that without the key
one id tells nothing about another."""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32, lower case
_DECODE = {ch: i for i, ch in enumerate(_ALPHABET)}
_MASK32 = 0xFFFFFFFF
_ROUNDS = 4
LENGTH = 13  # 64 bits in base 32
# Ids beyond this were never issued: a token decoding above it is refused at once.
_MAX_ID = 2**48


@lru_cache(maxsize=4)
def _key(secret: str) -> bytes:
    configured = getattr(settings, "EJCMS_ID_KEY", "")
    if configured:
        return hashlib.sha256(configured.encode()).digest()
    return salted_hmac("ejcms.core.ids", "url-ids", secret=secret, algorithm="sha256").digest()


def _round(key: bytes, number: int, half: int) -> int:
    digest = hmac.new(key, bytes([number]) + half.to_bytes(4, "big"), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big")


def _permute(value: int, key: bytes, rounds: range) -> int:
    left, right = value >> 32, value & _MASK32
    for number in rounds:
        left, right = right, left ^ _round(key, number, right)
    return (right << 32) | left


@lru_cache(maxsize=65536)
def _encode(value: int, secret: str) -> str:
    number = _permute(value, _key(secret), range(_ROUNDS))
    chars = []
    for _ in range(LENGTH):
        chars.append(_ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


def encode_id(value: int) -> str:
    if not 0 < value < _MAX_ID:
        raise ValueError(f"not a record id: {value}")
    return _encode(value, settings.SECRET_KEY)


def decode_id(token: str) -> int:
    """The record id of a token; ValueError (a 404 for the URL resolver) if it is not one."""
    if len(token) != LENGTH:
        raise ValueError("wrong length")
    number = 0
    for ch in token:
        number = (number << 5) | _DECODE[ch]  # KeyError for a letter outside the alphabet
    if number >> 64:
        raise ValueError("out of range")
    # Undo the rounds: the same network with the halves swapped and the rounds reversed.
    key = _key(settings.SECRET_KEY)
    left, right = number >> 32, number & _MASK32
    for round_number in reversed(range(_ROUNDS)):
        left, right = right, left ^ _round(key, round_number, right)
    value = (right << 32) | left
    if not 0 < value < _MAX_ID:
        raise ValueError("not an id")
    return value


class OpaqueIdConverter:
    """`<ref:case_id>` in a URL pattern: the view gets the integer id."""

    regex = f"[0-9a-z]{{{LENGTH}}}"

    def to_python(self, value: str) -> int:
        try:
            return decode_id(value)
        except (KeyError, ValueError) as error:
            raise ValueError(value) from error

    def to_url(self, value: int | str) -> str:
        return encode_id(int(value))


def ref(value: object) -> str:
    """How a record is written in a URL: an integer id as its token; a UUID or a slug as is."""
    if isinstance(value, int) and not isinstance(value, bool):
        return encode_id(value)
    return str(value)
