"""The cases part of API v1: list, detail, registration, parties, obligations, timeline,
deadlines and workflow steps. Reads through the scoped selectors, writes through the services,
exactly as the pages do."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.cases.api_events import EventSerializer
from ejcms.cases.api_events import urlpatterns as events_urlpatterns
from ejcms.cases.choices import (
    CaseSource,
    DecisionKind,
    IdDocumentType,
    ObligationKind,
    PartyKind,
    PartyRole,
    State,
)
from ejcms.cases.models import CaseParty, Deadline, EnforcementCase, Obligation, TimelineEvent
from ejcms.cases.selectors import CaseFilters, case_for_user, case_list, case_write_role
from ejcms.cases.services import (
    DecisionData,
    ObligationData,
    PartyData,
    case_register,
    case_transition,
)
from ejcms.cases.workflow import TRANSITIONS, TransitionInput
from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView, RefField, paginated
from ejcms.core.errors import AccessDenied
from ejcms.core.money import Currency
from ejcms.core.text import mask_identity
from ejcms.org.models import Court, District, Office, Province, Village
from ejcms.org.roles import CASE_VIEWERS
from ejcms.org.selectors import staff_profile

# ------------------------------------------------------------------------------ what is read


class PartySerializer(serializers.Serializer):
    id = RefField(source="pk")
    role = serializers.CharField()
    kind = serializers.CharField(source="party.kind")
    name_lo = serializers.CharField(source="party.name_lo")
    name_latin = serializers.CharField(source="party.name_latin")
    id_document_type = serializers.CharField(source="party.id_document_type")
    id_document_number = serializers.SerializerMethodField(
        help_text="in full for the case's own office; masked (•••••123) for the levels above"
    )
    province = serializers.CharField(source="party.province.code", allow_null=True, default=None)
    district = serializers.CharField(source="party.district.code", allow_null=True, default=None)

    def get_id_document_number(self, link: CaseParty) -> str:
        number = link.party.id_document_number
        return number if self.context.get("show_ids") else mask_identity(number)


class ObligationSerializer(serializers.Serializer):
    id = RefField(source="pk")
    kind = serializers.CharField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField()


class DeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    bearer = serializers.CharField()
    started_on = serializers.DateField()
    due_on = serializers.DateField()
    met_on = serializers.DateField(allow_null=True)
    cancelled_on = serializers.DateField(allow_null=True)


class CaseSummarySerializer(serializers.Serializer):
    id = RefField(source="pk")
    register = serializers.CharField(source="register_label")
    office = serializers.CharField(source="office.code")
    court = serializers.IntegerField(source="decision.court_id")
    court_name = serializers.CharField(source="decision.court.name_lo")
    decision_number = serializers.CharField(source="decision.number")
    state = serializers.ChoiceField(choices=State.choices)
    state_label = serializers.CharField(source="get_state_display")
    received_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()


class CaseDetailSerializer(CaseSummarySerializer):
    decided_on = serializers.DateField(source="decision.decided_on")
    final_on = serializers.DateField(source="decision.final_on")
    decision_kind = serializers.CharField(source="decision.kind")
    parties = PartySerializer(many=True, source="case_parties.all")
    obligations = ObligationSerializer(many=True, source="obligations.all")
    deadlines = DeadlineSerializer(many=True, source="deadlines.all")


class Cursor(CursorPagination):
    ordering = "-id"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def _case(request: Request, case_id: int, *, for_write: bool = False) -> EnforcementCase:
    return case_for_user(request.user, case_id, for_write=for_write)


class CaseListView(ApiView):
    """The cases the caller may see, newest first, a page at a time (cursor)."""

    api_action = ApiAction.CASES_READ

    @extend_schema(
        parameters=[
            OpenApiParameter("state", str, enum=State.values),
            OpenApiParameter("office", str, description="office code, e.g. 0101"),
            OpenApiParameter("received_from", str, description="YYYY-MM-DD"),
            OpenApiParameter("received_to", str, description="YYYY-MM-DD"),
            OpenApiParameter("q", str, description="register or decision number, party name"),
            OpenApiParameter("cursor", str, description="the page: from `next` or `previous`"),
            OpenApiParameter("page_size", int, description="50 unless given; at most 200"),
        ],
        responses=paginated(CaseSummarySerializer),
        operation_id="cases_list",
    )
    def get(self, request: Request) -> Response:
        profile = staff_profile(request.user)
        if profile is None or profile.role not in CASE_VIEWERS:
            raise AccessDenied(_("Your account has no access to enforcement cases."))
        filters = FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        office_id: int | None = None
        if data.get("office"):
            found = Office.objects.filter(code=data["office"]).values_list("pk", flat=True)
            office_id = found.first() or -1
        cases = case_list(
            request.user,
            CaseFilters(
                state=data.get("state", ""),
                received_from=data.get("received_from"),
                received_to=data.get("received_to"),
                query=data.get("q", ""),
                office_id=office_id,
            ),
            today=timezone.localdate(),
        ).order_by("-pk")
        paginator = Cursor()
        page = paginator.paginate_queryset(cases, request, view=self)
        return paginator.get_paginated_response(CaseSummarySerializer(page, many=True).data)


class FilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=State.choices, required=False)
    office = serializers.CharField(max_length=8, required=False)
    received_from = serializers.DateField(required=False)
    received_to = serializers.DateField(required=False)
    q = serializers.CharField(max_length=100, required=False)
    cursor = serializers.CharField(required=False)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200)


# ----------------------------------------------------------------------------- registration


class PartyIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    kind = serializers.ChoiceField(choices=PartyKind.choices)
    name_lo = serializers.CharField(max_length=200)
    name_latin = serializers.CharField(max_length=200, required=False, default="")
    id_document_type = serializers.ChoiceField(
        choices=IdDocumentType.choices, required=False, default=IdDocumentType.NONE
    )
    id_document_number = serializers.CharField(max_length=40, required=False, default="")
    province = serializers.SlugRelatedField(
        slug_field="code", queryset=Province.objects.all(), required=False, allow_null=True
    )
    district = serializers.SlugRelatedField(
        slug_field="code", queryset=District.objects.all(), required=False, allow_null=True
    )
    village = serializers.SlugRelatedField(
        slug_field="code", queryset=Village.objects.all(), required=False, allow_null=True
    )
    address_detail = serializers.CharField(max_length=300, required=False, default="")
    phone = serializers.CharField(max_length=40, required=False, default="")


class ObligationIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ObligationKind.choices)
    amount = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    currency = serializers.ChoiceField(choices=Currency.choices, required=False, default="")
    description = serializers.CharField(max_length=2000, required=False, default="")


class DecisionIn(serializers.Serializer):
    court = serializers.PrimaryKeyRelatedField(queryset=Court.objects.all())
    number = serializers.CharField(max_length=60)
    decided_on = serializers.DateField()
    final_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=DecisionKind.choices)
    operative_part = serializers.CharField(max_length=20000, required=False, default="")


class CaseIn(serializers.Serializer):
    decision = DecisionIn()
    parties = PartyIn(many=True)
    obligations = ObligationIn(many=True)
    received_on = serializers.DateField(required=False)
    source = serializers.ChoiceField(
        choices=[CaseSource.COURT, CaseSource.REQUEST], required=False, default=CaseSource.COURT
    )


def case_inputs(data: dict[str, Any]) -> tuple[DecisionData, list[PartyData], list[ObligationData]]:
    """The service's inputs from a validated CaseIn (shared with the court intake)."""
    decision = DecisionData(**data["decision"])
    parties = [PartyData(**party) for party in data["parties"]]
    obligations = [ObligationData(**obligation) for obligation in data["obligations"]]
    return decision, parties, obligations


class CaseRegisterView(CaseListView):
    """GET: the cases the caller may see. POST: register a final court decision as a new case
    of the caller's office (the same checks as the intake page)."""

    api_action = ApiAction.CASES_READ

    def get_permissions(self) -> list[Any]:
        if self.request.method == "POST":
            self.api_action = ApiAction.CASES_WRITE
        return super().get_permissions()

    @extend_schema(request=CaseIn, responses={201: CaseDetailSerializer})
    def post(self, request: Request) -> Response:
        given = CaseIn(data=request.data)
        given.is_valid(raise_exception=True)
        decision, parties, obligations = case_inputs(given.validated_data)
        case = case_register(
            actor=request.user,
            decision=decision,
            parties=parties,
            obligations=obligations,
            source=given.validated_data["source"],
            received_on=given.validated_data.get("received_on") or timezone.localdate(),
        )
        return Response(_detail_body(request, case.pk), status=201)


def _detail(request: Request, case_id: int) -> EnforcementCase:
    case = _case(request, case_id)
    return (
        EnforcementCase.objects.select_related("office", "decision__court")
        .prefetch_related(
            _parties(),
            "obligations",
            "deadlines",
        )
        .get(pk=case.pk)
    )


def _ids_context(request: Request, case: EnforcementCase) -> dict[str, bool]:
    """Identity numbers in full only for the case's own office, as on the case page."""
    return {"show_ids": case_write_role(request.user, case) is not None}


def _detail_body(request: Request, case_id: int) -> dict[str, Any]:
    case = _detail(request, case_id)
    return dict(CaseDetailSerializer(case, context=_ids_context(request, case)).data)


def _parties() -> Any:
    from django.db.models import Prefetch

    return Prefetch(
        "case_parties",
        queryset=CaseParty.objects.select_related("party__province", "party__district"),
    )


class CaseDetailView(ApiView):
    """One case: decision, parties, obligations and deadlines."""

    api_action = ApiAction.CASES_READ

    @extend_schema(responses=CaseDetailSerializer)
    def get(self, request: Request, case_id: int) -> Response:
        return Response(_detail_body(request, case_id))


class CasePartiesView(ApiView):
    """The parties of a case, in the order of the decision."""

    api_action = ApiAction.CASES_READ

    @extend_schema(responses=PartySerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = _case(request, case_id)
        rows = CaseParty.objects.filter(case=case).select_related(
            "party__province", "party__district"
        )
        return Response(PartySerializer(rows, many=True, context=_ids_context(request, case)).data)


class CaseObligationsView(ApiView):
    """What the decision orders, and where each obligation stands."""

    api_action = ApiAction.CASES_READ

    @extend_schema(responses=ObligationSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = _case(request, case_id)
        return Response(ObligationSerializer(Obligation.objects.filter(case=case), many=True).data)


class CaseTimelineView(ApiView):
    """What happened in the case, oldest first."""

    api_action = ApiAction.CASES_READ

    @extend_schema(responses=EventSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = _case(request, case_id)
        events = TimelineEvent.objects.filter(case=case).order_by("at", "pk")
        return Response(EventSerializer(events, many=True).data)


class CaseDeadlinesView(ApiView):
    """The statutory deadlines of the case, by due date."""

    api_action = ApiAction.CASES_READ

    @extend_schema(responses=DeadlineSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = _case(request, case_id)
        rows = Deadline.objects.filter(case=case).order_by("due_on", "pk")
        return Response(DeadlineSerializer(rows, many=True).data)


class TransitionIn(serializers.Serializer):
    on = serializers.DateField()
    note = serializers.CharField(max_length=2000, required=False, default="")
    notice_method = serializers.CharField(max_length=20, required=False, default="")
    ground = serializers.CharField(max_length=40, required=False, default="")


class CaseTransitionView(ApiView):
    """Take a workflow step (docs/workflow.md): the same rules as the case page."""

    api_action = ApiAction.CASES_WRITE

    @extend_schema(
        request=TransitionIn,
        responses=CaseDetailSerializer,
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, enum=list(TRANSITIONS))],
    )
    def post(self, request: Request, case_id: int, name: str) -> Response:
        case = _case(request, case_id, for_write=True)
        if name not in TRANSITIONS:
            from django.http import Http404

            raise Http404
        given = TransitionIn(data=request.data)
        given.is_valid(raise_exception=True)
        case_transition(
            actor=request.user, case=case, name=name, data=TransitionInput(**given.validated_data)
        )
        return Response(_detail_body(request, case_id))


urlpatterns = [
    path("cases/", CaseRegisterView.as_view(), name="cases"),
    path("cases/<ref:case_id>/", CaseDetailView.as_view(), name="case"),
    path("cases/<ref:case_id>/parties/", CasePartiesView.as_view(), name="case_parties"),
    path(
        "cases/<ref:case_id>/obligations/", CaseObligationsView.as_view(), name="case_obligations"
    ),
    path("cases/<ref:case_id>/timeline/", CaseTimelineView.as_view(), name="case_timeline"),
    path("cases/<ref:case_id>/deadlines/", CaseDeadlinesView.as_view(), name="case_deadlines"),
    path(
        "cases/<ref:case_id>/transitions/<slug:name>/",
        CaseTransitionView.as_view(),
        name="case_transition",
    ),
]

# The event feed (cases.api_events) is mounted with the cases.
urlpatterns += events_urlpatterns
