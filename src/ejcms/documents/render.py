"""PDF documents rendered by Typst from a template and the data it is given (as JSON), with the
fonts vendored beside this module and never the system's."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import typst
from django.core.serializers.json import DjangoJSONEncoder

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
# Typst sources: one file per kind of document, and `common.typ` that they all import.
TEMPLATES = HERE / "templates"


class TemplateError(Exception):
    """Typst could not make the document; `message` is Typst's own diagnostic."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@functools.cache
def fonts() -> typst.Fonts:
    """The vendored fonts, read once per process (not the system's, nor Typst's own)."""
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)]
    )


def template_source(name: str) -> str:
    """The packaged source of `templates/<name>.typ` (the first revision of a kind)."""
    path = TEMPLATES / f"{name}.typ"
    if not path.is_file():
        raise ValueError(f"No document template {name!r}")
    return path.read_text(encoding="utf-8")


def render_source(source: str, data: dict[str, Any]) -> bytes:
    """Compile Typst `source` with `data` (read in the template by
    `json(bytes(sys.inputs.data))`); imports resolve inside `templates/`."""
    try:
        pdf = typst.compile(  # type: ignore[call-overload]  # the stub ties root's type to input's
            source.encode("utf-8"),
            root=str(TEMPLATES),
            font_paths=fonts(),
            format="pdf",
            sys_inputs={"data": json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)},
        )
    except typst.TypstError as exc:
        raise TemplateError(str(getattr(exc, "diagnostic", "") or exc)) from exc
    assert isinstance(pdf, bytes)
    return pdf


def render_pdf(template: str, data: dict[str, Any]) -> bytes:
    """Render the packaged template `templates/<template>.typ`."""
    return render_source(template_source(template), data)
