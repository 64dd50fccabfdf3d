"""The OpenAPI schema committed in docs/api/openapi.yaml is the one the code generates: a client
written against the file gets what the server serves."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
FIX = "make api-schema  (ejcms spectacular --validate --fail-on-warn --file docs/api/openapi.yaml)"


def _generate(tmp_path: Path) -> str:
    target = tmp_path / "openapi.yaml"
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", file=str(target), validate=True, fail_on_warn=True)
    return target.read_text(encoding="utf-8")


def test_the_committed_schema_is_the_generated_one(tmp_path: Path) -> None:
    assert COMMITTED.exists(), f"docs/api/openapi.yaml is missing; generate it: {FIX}"
    generated = _generate(tmp_path)
    committed = COMMITTED.read_text(encoding="utf-8")
    if generated != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    "docs/api/openapi.yaml (committed)",
                    "generated from the code",
                )
            )[:80]
        )
        pytest.fail(
            f"The committed OpenAPI schema differs from the code. Regenerate it:\n  {FIX}\n{diff}"
        )


def test_the_schema_describes_every_endpoint_and_the_token(tmp_path: Path) -> None:
    schema = yaml.safe_load(_generate(tmp_path))
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    paths = schema["paths"]
    assert "/api/v1/cases/" in paths
    assert set(paths["/api/v1/cases/"]) >= {"get", "post"}
    for path, operations in paths.items():
        assert path.startswith("/api/v1/"), path
        for method, operation in operations.items():
            assert operation.get("description"), f"{method.upper()} {path} has no description"


def test_generating_twice_gives_the_same_file(tmp_path: Path) -> None:
    first = _generate(tmp_path)
    assert _generate(tmp_path) == first
