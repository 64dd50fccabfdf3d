"""Structured logs: one JSON object a line, each written while serving a request carrying its
id (the X-Request-ID the client got), and one access line per request, with no secret in any."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from ejcms.core.logs import JsonFormatter
from tests.conftest import PASSWORD, Cast
from tests.settings_probe import settings_value


class Boom(Exception):
    pass


@login_not_required
def _failing_view(request: HttpRequest) -> HttpResponse:
    raise Boom("ຄຳນວນລົ້ມເຫຼວ")


# The project's pages and one that fails, for the test of an error's traceback.
urlpatterns = [
    path("failing/", _failing_view),
    path("", include("ejcms.config.urls")),
]


class Lines:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def all(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.text.splitlines()]

    def of(self, logger: str) -> list[dict[str, Any]]:
        return [line for line in self.all() if line["logger"] == logger]


@pytest.fixture
def lines() -> Iterator[Lines]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield Lines(stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_each_request_writes_one_json_access_line_with_its_id(cast: Cast, lines: Lines) -> None:
    client = cast.client("officer")
    lines.stream.truncate(0)
    lines.stream.seek(0)
    response = client.get("/cases/")
    assert response.status_code == 200

    access = lines.of("ejcms.request")
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/cases/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float | int)
    assert line["duration_ms"] >= 0
    assert line["user"] == cast.officer.pk
    assert line["office"] == "0101"
    assert datetime.fromisoformat(line["time"]).utcoffset().total_seconds() == 0
    assert line["message"].startswith("GET /cases/ 200 ")


def test_a_request_without_a_login_has_no_user(db: None, lines: Lines) -> None:
    response = Client().get("/health/")
    (line,) = lines.of("ejcms.request")
    assert line["request_id"] == response["X-Request-ID"]
    assert line["status"] == response.status_code
    assert "user" not in line
    assert "office" not in line


def test_no_password_token_or_query_string_reaches_the_log(cast: Cast, lines: Lines) -> None:
    cast.officer  # noqa: B018 - the account logged in below
    Client().post("/login/", {"username": "officer", "password": PASSWORD})
    Client().post("/login/", {"username": "officer", "password": "ລະຫັດລັບ-ຜິດ-9931"})
    Client(HTTP_AUTHORIZATION="Bearer tok-secret-5521").get("/api/v1/cases/")
    officer = cast.client("officer")
    officer.get("/cases/", {"q": "ສົມສັກ ພົມມະຈັນ", "token": "qs-secret-8812"})

    text = lines.text
    assert len(lines.of("ejcms.request")) >= 4
    for secret in (
        PASSWORD,
        "ລະຫັດລັບ-ຜິດ-9931",
        "tok-secret-5521",
        "Bearer",
        "qs-secret-8812",
        "ສົມສັກ",
        "token=",
    ):
        assert secret not in text, secret
    assert any(line["path"] == "/cases/" for line in lines.of("ejcms.request"))


@pytest.mark.urls(__name__)
def test_an_error_is_logged_with_its_traceback_and_request(db: None, lines: Lines) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/failing/")
    assert response.status_code == 500

    (error,) = lines.of("django.request")
    assert error["level"] == "ERROR"
    assert error["request_id"] == response["X-Request-ID"]
    assert error["path"] == "/failing/"
    assert "Traceback" in error["traceback"]
    assert "Boom: ຄຳນວນລົ້ມເຫຼວ" in error["traceback"]
    (access,) = lines.of("ejcms.request")
    assert access["status"] == 500
    assert access["request_id"] == response["X-Request-ID"]


def test_outside_a_request_a_line_has_only_its_own_fields() -> None:
    record = logging.LogRecord(
        "ejcms.worker", logging.WARNING, __file__, 1, "ເອກະສານ %s", ("12",), None
    )
    line = json.loads(JsonFormatter().format(record))
    assert set(line) == {"time", "level", "logger", "message"}
    assert line["message"] == "ເອກະສານ 12"
    assert line["time"].endswith("Z")


def _log_format(**env: str) -> str:
    return settings_value("s.LOGGING['handlers']['console']['formatter']", **env)


def test_production_logs_json_and_development_plain_unless_told(tmp_path: Any) -> None:
    production = {
        "EJCMS_ENV": "production",
        "EJCMS_SECRET_KEY": "x" * 50,
        "EJCMS_ALLOWED_HOSTS": "ejcms.moj.gov.la",
        "EJCMS_VAR_DIR": str(tmp_path),
    }
    assert _log_format(**production) == "json"
    assert _log_format(**production, EJCMS_LOG_FORMAT="plain") == "plain"
    assert _log_format(EJCMS_VAR_DIR=str(tmp_path)) == "plain"
    assert _log_format(EJCMS_VAR_DIR=str(tmp_path), EJCMS_LOG_FORMAT="json") == "json"
