"""PDF documents rendered by Typst from a template and the data it is given (as JSON), with the
fonts vendored beside this module and never the system's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typst
from django.core.serializers.json import DjangoJSONEncoder

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "typst"


def render_pdf(template: str, data: dict[str, Any]) -> bytes:
    """Render `typst/<template>.typ`; the template reads its data with
    `json(bytes(sys.inputs.data))`."""
    source = TEMPLATES / f"{template}.typ"
    if not source.is_file():
        raise ValueError(f"No document template {template!r}")
    pdf = typst.compile(
        str(source),
        root=str(TEMPLATES),
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,
        format="pdf",
        sys_inputs={"data": json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)},
    )
    assert isinstance(pdf, bytes)
    return pdf
