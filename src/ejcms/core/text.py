"""Lao text: normalisation for storage and folding for search.

Stored Lao is NFC with the single characters ຳ (U+0EB3), ໜ (U+0EDC) and ໝ (U+0EDD), as the
glossary requires. Never NFKC: it would split ຳ, ໜ and ໝ apart again.
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_TONES = "\u0ec8\u0ec9\u0eca\u0ecb"
_ABOVE_VOWELS = "\u0eb1\u0eb4\u0eb5\u0eb6\u0eb7\u0ebb\u0ecd"
_NIGGAHITA = "\u0ecd"  # ໍ
_AA = "\u0eb2"  # າ
_AM = "\u0eb3"  # ຳ

# ໍ + (tone) + າ and (tone) + ໍ + າ are both typed for ຳ; the tone mark goes before ຳ.
_DECOMPOSED_AM = re.compile(f"(?:{_NIGGAHITA}([{_TONES}]?){_AA}|([{_TONES}]){_NIGGAHITA}{_AA})")
# A tone mark typed before above-vowels is moved after them (ກ່ິ -> ກິ່).
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONES}]+)([{_ABOVE_VOWELS}]+)")
_SPACES = re.compile(r"\s+")

_DIGRAPHS = {
    "\u0eab\u0e99": "\u0edc",  # ຫນ -> ໜ
    "\u0eab\u0ea1": "\u0edd",  # ຫມ -> ໝ
    "\u0ec0\u0ec0": "\u0ec1",  # ເເ -> ແ
}
# Spellings that search treats as the same word: the law texts write ຕັດສີນ for ຕັດສິນ and ຫລ for ຫຼ.
_SEARCH_FOLDS = {
    "ຕັດສີນ": "ຕັດສິນ",
    "\u0eab\u0ea5": "\u0eab\u0ebc",  # ຫລ -> ຫຼ
}


def _am(match: re.Match[str]) -> str:
    tone = match.group(1) or match.group(2) or ""
    return tone + _AM


def normalize_lao(text: str, *, multiline: bool = False) -> str:
    """The stored form of a piece of text: NFC, ຳ/ໜ/ໝ as single characters, tidy spaces.

    With `multiline`, line breaks are kept (each line is tidied on its own)."""
    if multiline:
        lines = [normalize_lao(line) for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip("\n")
    if text.isascii():
        # Nothing to compose or reorder (the common case of numbers and Latin names).
        return _SPACES.sub(" ", text).strip()
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    # Until nothing changes: fixing one sequence can form another (a digraph after ຳ is joined).
    for _round in range(4):
        before = text
        text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
        text = _DECOMPOSED_AM.sub(_am, text)
        for old, new in _DIGRAPHS.items():
            text = text.replace(old, new)
        # Moving a tone mark can put it before a below-vowel: NFC orders those marks again.
        text = unicodedata.normalize("NFC", text)
        if text == before:
            break
    return _SPACES.sub(" ", text).strip()


# Lao digits ໐–໙ are searched as 0–9 (a register number is typed either way).
_LAO_DIGITS = {0x0ED0 + n: str(n) for n in range(10)}


def search_key(text: str) -> str:
    """The folded form used to compare names and numbers: either spelling finds both."""
    text = normalize_lao(text).translate(_LAO_DIGITS)
    for old, new in _SEARCH_FOLDS.items():
        text = text.replace(old, new)
    # Latin: case-insensitive and accent-insensitive (Phonsavanh = phonsavanh = Phônsavanh).
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFC", decomposed.translate(_LATIN_MARKS))


# Combining marks of the Latin script (U+0300–U+036F), dropped; Lao vowel and tone marks are kept.
_LATIN_MARKS = dict.fromkeys(range(0x0300, 0x0370), None)


_NUMBER_NOISE = re.compile(r"[\s\u00a0]+")
_NUMBER_PREFIX = re.compile(r"^(?:ເລກທີ|no\.?|n°|#)\s*", re.IGNORECASE)


def number_key(text: str) -> str:
    """Comparable form of a document number: '123 / ສປສ', 'ເລກທີ 123/ສປສ' and '123/ສປສ' are one."""
    text = normalize_lao(text)
    text = _NUMBER_PREFIX.sub("", text)
    text = _NUMBER_NOISE.sub("", text)
    return search_key(text.replace("\\", "/").replace("-", "/"))


# Latin transliterations of Lao names vary: Souksavanh / Souksavan / Souksavane, Vongsa / Wongsa,
# Phommachanh / Phommachan, Xaysana / Saysana. The key keeps what sounds, in one spelling.
_LATIN_WORD = re.compile(r"[a-z]+")
_LATIN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"ou", "u"),
        (r"w", "v"),
        (r"x", "s"),
        (r"(?<=[aeiou])y", "i"),
        (r"ee|ie", "i"),
        (r"ae", "e"),
        (r"(.)\1+", r"\1"),
        (r"(?<=n)h$", ""),
        (r"(?<=[aeiou]n)e$", ""),
        (r"(?<=.)h$", ""),
        (r"(?<=.)y$", "i"),
    ]
]


def latin_key(text: str) -> str:
    """The sound of each Latin word, the same for the usual transliterations of a Lao name:
    'Souksavanh Phommachanh' and 'Souksavan Phommachan' both give 'suksavan pomachan'."""
    return latin_key_of_folded(search_key(text))


def latin_key_of_folded(folded: str) -> str:
    """latin_key of a text already folded by search_key (not folded twice)."""
    words = []
    for word in _LATIN_WORD.findall(folded):
        for pattern, replacement in _LATIN_RULES:
            word = pattern.sub(replacement, word)
        words.append(word.replace("ph", "p").replace("th", "t"))
    return " ".join(words)


def mask_identity(number: str) -> str:
    """An identity number with all but its last three characters hidden: •••••123."""
    text = str(number or "")
    if len(text) <= 3:
        return "•" * len(text)
    return "•" * (len(text) - 3) + text[-3:]
