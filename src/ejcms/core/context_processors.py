from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ejcms import __version__


def ejcms(request: HttpRequest) -> dict[str, Any]:
    return {"EJCMS_VERSION": __version__}
