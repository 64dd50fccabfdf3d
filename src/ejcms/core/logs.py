"""Structured logs: one JSON object per line (EJCMS_LOG_FORMAT=json, the default in production),
with the request each line was written in, and one access line per request ("ejcms.request").

A line never holds a query string, a header or a form field: only the method and the path of
the request, so that no password, token or searched name reaches the logs.

This module is loaded by the logging configuration before the apps are ready: it imports no
model and no other ejcms module.
"""

from __future__ import annotations

import json
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.utils.functional import LazyObject, empty

ACCESS = logging.getLogger("ejcms.request")


@dataclass
class RequestLog:
    """What the log knows of the request being served; `status`, `duration_ms` and `office`
    are known once the response is."""

    request_id: str
    request: Any
    started: float = field(default_factory=time.perf_counter)
    status: int | None = None
    duration_ms: float | None = None
    office: str = ""


# Set by core.middleware.RequestContextMiddleware for each request; None outside requests.
CURRENT: ContextVar[RequestLog | None] = ContextVar("ejcms_log_request", default=None)


def known_user(request: Any) -> Any:
    """The request's user if something has already read it (the login check, a view, the API's
    authentication), else None: the log never makes the query that loads it."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    if isinstance(user, LazyObject) and user._wrapped is empty:
        return None
    return user if user.is_authenticated else None


def request_fields(entry: RequestLog) -> dict[str, Any]:
    request = entry.request
    fields: dict[str, Any] = {
        "request_id": entry.request_id,
        "method": request.method,
        # The path only: the query string may carry names searched for or a token.
        "path": request.path,
    }
    user = known_user(request)
    if user is not None:
        fields["user"] = user.pk
    if entry.office:
        fields["office"] = entry.office
    if entry.status is not None:
        fields["status"] = entry.status
    elapsed = entry.duration_ms
    if elapsed is None:
        elapsed = (time.perf_counter() - entry.started) * 1000
    fields["duration_ms"] = round(elapsed, 1)
    return fields


def request_finished(entry: RequestLog, status: int, office: str) -> None:
    """Write the request's access line."""
    entry.status = status
    entry.office = office
    entry.duration_ms = (time.perf_counter() - entry.started) * 1000
    request = entry.request
    ACCESS.info("%s %s %s %.0f ms", request.method, request.path, status, entry.duration_ms)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, the request's
    fields when the line is written while serving one, and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry = CURRENT.get()
        if entry is not None:
            line.update(request_fields(entry))
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["traceback"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)
