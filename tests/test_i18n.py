"""Lao first: every string a user sees is translated, and Django's own strings too."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.core.management import call_command
from django.template import Context, Template
from django.utils import formats, translation

import ejcms

PACKAGE = Path(ejcms.__file__).parent


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext is installed by `make test`"
)
def test_every_string_in_the_code_and_templates_has_a_lao_translation(tmp_path, settings):
    copy = tmp_path / "ejcms"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "static", "locale_django", "*.mo"),
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    cwd = os.getcwd()
    try:
        os.chdir(copy)
        call_command("makemessages", locale=["lo"], no_obsolete=True, no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    catalogue = copy / "locale" / "lo" / "LC_MESSAGES" / "django.po"
    listed = "".join(
        subprocess.run(
            ["msgattrib", flag, "--no-wrap", str(catalogue)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for flag in ("--untranslated", "--only-fuzzy")
    )
    entries = [
        line for line in listed.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
    ]
    assert entries == [], "Not translated into Lao (run makemessages and translate):\n" + "\n".join(
        entries
    )


def test_the_compiled_catalogue_matches_the_translations(tmp_path):
    for domain_dir in (PACKAGE / "locale", PACKAGE / "locale_django"):
        source = domain_dir / "lo" / "LC_MESSAGES" / "django.po"
        compiled = domain_dir / "lo" / "LC_MESSAGES" / "django.mo"
        fresh = tmp_path / f"{domain_dir.name}.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(source)], check=True)
        import gettext

        with compiled.open("rb") as a, fresh.open("rb") as b:
            assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, (
                source
            )


def test_django_form_messages_are_in_lao():
    class Form(forms.Form):
        when = forms.DateField(label="ວັນທີ")

    with translation.override("lo"):
        form = Form({"when": "ບໍ່ແມ່ນວັນທີ"})
        assert form.errors["when"] == ["ກະລຸນາປ້ອນວັນທີທີ່ຖືກຕ້ອງ."]
        assert Form({}).errors["when"] == ["ຕ້ອງປ້ອນຂໍ້ມູນໃສ່ຊ່ອງນີ້."]


def test_lao_dates_and_numbers_follow_the_lao_format_module():
    with translation.override("lo"):
        assert formats.date_format(date(2025, 3, 17)) == "17 ມີນາ 2025"
        assert formats.date_format(date(2025, 3, 17), "SHORT_DATE_FORMAT") == "17/3/2025"
        assert formats.number_format(15000000, use_l10n=True, force_grouping=True) == "15.000.000"
        rendered = Template("{% load ejcms_tags %}{{ d|ldate }} · {{ a|money:'LAK' }}").render(
            Context({"d": date(2025, 4, 14), "a": 15000000})
        )
        assert rendered == "14 ເມສາ 2025 · 15.000.000 ກີບ"


@pytest.mark.django_db
def test_lao_is_the_default_and_english_can_be_chosen(client):
    page = client.get("/login/")
    assert page.status_code == 200
    assert 'lang="lo"' in page.text
    assert "ເຂົ້າສູ່ລະບົບ" in page.text
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    page = client.get("/login/")
    assert 'lang="en"' in page.text
    assert "Log in" in page.text
    assert "ເຂົ້າສູ່ລະບົບ" not in page.text


@pytest.mark.django_db
def test_a_wrong_password_is_explained_in_lao(client, cast):
    cast.officer  # noqa: B018
    page = client.post("/login/", {"username": "officer", "password": "wrong"})
    assert page.status_code == 200
    assert "ກະລຸນາປ້ອນຊື່ຜູ້ໃຊ້ ແລະ ລະຫັດຜ່ານໃຫ້ຖືກຕ້ອງ" in page.text


@pytest.mark.parametrize("language", ["lo", "en"])
def test_a_typed_date_is_day_month_year_in_both_languages(language):
    class Form(forms.Form):
        when = forms.DateField()

    with translation.override(language):
        form = Form({"when": "05/10/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["when"] == date(2025, 10, 5)


def test_english_dates_are_shown_day_first_too():
    with translation.override("en"):
        rendered = Template('{% load ejcms_tags %}{{ d|ldate }} · {{ d|ldate:"short" }}').render(
            Context({"d": date(2025, 10, 5)})
        )
    assert rendered == "5 October 2025 · 05/10/2025"
