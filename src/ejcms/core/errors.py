"""Application errors: one type, so views and the API can show every refusal the same way."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ApplicationError(ValidationError):
    """A request the domain refuses. Carries a message for the user, optionally per field.

    It is a ValidationError so that a form can attach it to the field it names and a view
    can show it without knowing which service raised it.
    """


class AccessDenied(Exception):
    """The user may not see or do this. Views turn it into 404 (not visible) or 403."""

    def __init__(self, message: str = "", *, visible: bool = True) -> None:
        super().__init__(message)
        self.visible = visible
