"""Court intake (API v1): a court's system submits a final decision, its parties, obligations
and the PDF of the decision. The case is registered in the office that the administrator's
route table gives for the first debtor's district (org.selectors.receiving_office). A resend of
the same decision (court, number) returns the same case and creates nothing.

The api app sits above every other app, so this endpoint may use them all: cases registers
the case, documents keeps the PDF, in one transaction."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.cases.api import CaseIn, case_inputs
from ejcms.cases.choices import PartyRole, State
from ejcms.cases.services import DuplicateDecision, case_receive_from_court
from ejcms.core.api import error_body
from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView, RefField
from ejcms.core.errors import ApplicationError
from ejcms.core.uploads import MAX_UPLOAD_BYTES
from ejcms.documents.services import attachment_receive_from_court
from ejcms.org.selectors import receiving_office

# The JSON body carries the PDF in base64 (4 bytes for 3) beside the decision's text.
MAX_BODY_BYTES = MAX_UPLOAD_BYTES * 4 // 3 + 1024 * 1024
PDF_END = b"%%EOF"


class IntakeIn(CaseIn):
    """The decision, parties and obligations as for POST /cases/, with the decision's PDF."""

    # The court does not say when or how the enforcement office received the decision.
    received_on = None
    source = None
    decision_pdf = serializers.CharField(
        help_text="The PDF of the decision, in base64 (10 MB at most before encoding)."
    )
    court_reference = serializers.CharField(
        max_length=100,
        required=False,
        default="",
        help_text="The court system's own id of the decision, kept in the audit log.",
    )

    def validate_decision_pdf(self, value: str) -> bytes:
        try:
            content = base64.b64decode("".join(value.split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError(_("Send the PDF in base64.")) from exc
        if len(content) > MAX_UPLOAD_BYTES:
            raise serializers.ValidationError(_("The file is larger than 10 MB."))
        # A real PDF begins with its header and ends with its end-of-file marker.
        if not content.startswith(b"%PDF-") or PDF_END not in content[-1024:]:
            raise serializers.ValidationError(_("Send the decision as a PDF file."))
        return content

    def validate_parties(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        debtors = [party for party in value if party.get("role") == PartyRole.DEBTOR]
        if debtors and debtors[0].get("district") is None:
            raise serializers.ValidationError(
                _(
                    "Give the district of the first person subject to enforcement: "
                    "it decides which office receives the case."
                )
            )
        return value


class IntakeOut(serializers.Serializer):
    id = RefField(source="pk")
    register = serializers.CharField(source="register_label")
    office = serializers.CharField(source="office.code")
    state = serializers.ChoiceField(choices=State.choices)
    created = serializers.SerializerMethodField()

    def get_created(self, case: Any) -> bool:
        """True when this call registered the case; False for a resend."""
        return bool(self.context.get("created"))


# The service's field names (those of the intake page) as the API names them.
_DECISION_FIELDS = {"number", "decided_on", "final_on", "kind", "operative_part", "court"}


def _api_field(name: str) -> str:
    if name in _DECISION_FIELDS:
        return f"decision.{name}"
    return name.replace("-", ".")


class IntakeView(ApiView):
    """Submit a final court decision for enforcement (court intake).

    The receiving office is the route the administrators set for the district of the first
    person subject to enforcement, else that district's office, else the province's division.
    201 with the new case; 200 with the same case when the decision (court, number) was already
    sent by this client, and nothing is created; 409 when it was registered otherwise."""

    api_action = ApiAction.INTAKE

    @extend_schema(
        request=IntakeIn,
        responses={
            201: IntakeOut,
            200: IntakeOut,
            400: OpenApiResponse(description="Invalid: `fields` names each bad field"),
            409: OpenApiResponse(description="Registered already, not by this client"),
            413: OpenApiResponse(description="The body is too large"),
        },
    )
    def post(self, request: Request) -> Response:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            return Response(
                error_body("too_large", _("The file is larger than 10 MB.")), status=413
            )
        given = IntakeIn(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        decision, parties, obligations = case_inputs(data)
        debtor = next(party for party in parties if party.role == PartyRole.DEBTOR)
        assert debtor.district is not None  # IntakeIn.validate_parties
        office = receiving_office(debtor.district)
        if office is None:
            return Response(
                error_body(
                    "no_office",
                    _("No office receives the decisions of this district."),
                    {"parties": [_("No office receives the decisions of this district.")]},
                ),
                status=400,
            )
        try:
            with transaction.atomic():
                received = case_receive_from_court(
                    actor=request.user,
                    office=office,
                    decision=decision,
                    parties=parties,
                    obligations=obligations,
                    received_on=timezone.localdate(),
                    court_reference=data["court_reference"],
                )
                if received.created:
                    attachment_receive_from_court(
                        actor=request.user,
                        case=received.case,
                        upload=SimpleUploadedFile(
                            "decision.pdf", data["decision_pdf"], "application/pdf"
                        ),
                        field="decision_pdf",
                    )
        except DuplicateDecision as exc:
            return Response(error_body("duplicate", exc.messages[0]), status=409)
        except ApplicationError as exc:
            if hasattr(exc, "error_dict"):
                fields = {
                    _api_field(name): [str(m) for m in messages]
                    for name, messages in exc.message_dict.items()
                    if name != "__all__"
                }
                if "__all__" in exc.message_dict:
                    fields["non_field_errors"] = exc.message_dict["__all__"]
                first = next(iter(fields.values()))[0]
                return Response(error_body("invalid", first, fields), status=400)
            raise
        body = IntakeOut(received.case, context={"created": received.created}).data
        return Response(body, status=201 if received.created else 200)


urlpatterns = [
    path("intake/decisions/", IntakeView.as_view(), name="intake_decisions"),
]
