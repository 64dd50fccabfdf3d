"""DRF's own messages reach an API client in its language: Lao by default, English on request.

DRF ships no Lao catalogue; its strings are translated in locale_django (see its README).
"""

from __future__ import annotations

import gettext as gettext_module
from pathlib import Path
from typing import Any

import pytest
import rest_framework
from django.utils.translation import gettext, override
from rest_framework.settings import api_settings
from rest_framework.utils.humanize_datetime import date_formats

import ejcms
from ejcms.org.models import Court

REQUIRED = "This field is required."
BAD_DATE = "Date has wrong format. Use one of these formats instead: {format}."
BAD_CHOICE = '"{input}" is not a valid choice.'

# DRF installs only compiled catalogues; its French one lists every msgid of its catalogue.
DRF_CATALOGUE = Path(rest_framework.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
# Marked for translation in DRF's code but not yet in its catalogue.
DRF_SOURCE_ONLY = (
    "A valid biginteger is required.",
    "Integer value too large to convert to float",
    "The number of days must be between {min_days} and {max_days}.",
)
# None of DRF's strings is left out (the browsable API's are translated too).
DRF_EXCLUDED: tuple[str, ...] = ()
# Compiled from django.po; tests/test_i18n.py checks that the two agree.
OUR_CATALOGUE = Path(ejcms.__file__).parent / "locale_django" / "lo" / "LC_MESSAGES" / "django.mo"


def _bad_case(court: Court) -> dict[str, Any]:
    """No decision number, final date or obligations; a decision date in the wrong format."""
    return {
        "decision": {"court": court.pk, "decided_on": "10/01/2026", "kind": "civil"},
        "parties": [
            {"role": "creditor", "kind": "organisation", "name_lo": "ທະນາຄານ ພັດທະນາລາວ"},
            {"role": "judge", "kind": "person", "name_lo": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"},
        ],
    }


def _fields(language: str, translate: Any) -> dict[str, list[str]]:
    with override(language):
        return {
            "decision.number": [translate(REQUIRED)],
            "decision.decided_on": [
                translate(BAD_DATE).format(format=date_formats(api_settings.DATE_INPUT_FORMATS))
            ],
            "decision.final_on": [translate(REQUIRED)],
            "parties.1.role": [translate(BAD_CHOICE).format(input="judge")],
            "obligations": [translate(REQUIRED)],
        }


@pytest.mark.django_db
def test_drf_field_errors_are_in_lao_for_a_lao_caller(cast: Any, api_client: Any) -> None:
    court = Court.objects.first()
    assert court is not None
    response = api_client().post("/api/v1/cases/", _bad_case(court))
    assert response.status_code == 400
    assert response["Content-Language"] == "lo"
    fields = response.json()["fields"]
    lao = _fields("lo", gettext)
    english = _fields("en", str)
    assert fields == lao
    for name, messages in lao.items():
        assert messages != english[name], f"{name} is still in English: {messages}"
    assert response.json()["message"] in {m for messages in lao.values() for m in messages}


@pytest.mark.django_db
def test_drf_field_errors_are_in_english_for_an_english_caller(cast: Any, api_client: Any) -> None:
    court = Court.objects.first()
    assert court is not None
    response = api_client(language="en").post("/api/v1/cases/", _bad_case(court))
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.json()["fields"] == _fields("en", str)


def _catalogue(path: Path) -> dict[str, str]:
    with path.open("rb") as mo:
        entries = gettext_module.GNUTranslations(mo)._catalog
    # Plural entries are keyed (msgid, n); the first form stands for the entry.
    return {
        (key[0] if isinstance(key, tuple) else key): value
        for key, value in sorted(entries.items(), key=lambda item: str(item[0]))
        if key and (not isinstance(key, tuple) or key[1] == 0)
    }


def test_every_drf_string_has_a_lao_translation() -> None:
    drf = set(_catalogue(DRF_CATALOGUE)) | set(DRF_SOURCE_ONLY)
    assert len(drf) > 100
    ours = _catalogue(OUR_CATALOGUE)
    missing = sorted(msgid for msgid in drf - set(DRF_EXCLUDED) if not ours.get(msgid, "").strip())
    assert missing == [], "DRF strings without a Lao translation in locale_django:\n" + "\n".join(
        missing
    )
