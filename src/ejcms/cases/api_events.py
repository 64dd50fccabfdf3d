"""The event feed of API v1: what happened in the cases a client may see, in the order it was
recorded, so that a court (or any system) learns when its decision was enforced or closed
without asking for each case.

GET /api/v1/events/?since=<event id>&court=<court id>&limit=<n> answers the timeline events
after `since`, oldest first, and `next`: the `since` of the following call.

At a million cases the feed must not ask the database for "the events of the cases in this
scope, in id order": SQLite then walks every case of the office (or province) and sorts their
events, on every call. Instead it walks the events' primary key from `since` a batch at a time
(an index range scan), keeps those whose case is in cases_visible_to (a primary-key lookup of at
most a batch of case ids), and stops when the page is full or after SCAN_MAX events. `next` is
the last event examined, so each call moves on even when a scope's events are sparse.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.cases.models import TimelineEvent
from ejcms.cases.selectors import AnyUser, cases_visible_to
from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView, RefField
from ejcms.core.errors import AccessDenied
from ejcms.org.roles import CASE_VIEWERS
from ejcms.org.selectors import staff_profile

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
# Events examined a query at a time, and at most in one call (a call then answers fewer than
# `limit` events, and a `next` beyond them).
SCAN_BATCH = 1000
SCAN_MAX = 50_000


class EventSerializer(serializers.Serializer):
    """One entry of a case's timeline."""

    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    transition = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    on = serializers.DateField()
    at = serializers.DateTimeField()


class FeedEventSerializer(EventSerializer):
    """An event of the feed: the timeline entry with the case and the decision it belongs to."""

    case = RefField(source="case_id")
    register = serializers.CharField(source="case.register_label")
    court = serializers.IntegerField(source="case.decision.court_id")
    decision_number = serializers.CharField(source="case.decision.number")


class FeedParams(serializers.Serializer):
    since = serializers.IntegerField(required=False, default=0, min_value=0)
    court = serializers.IntegerField(required=False, min_value=1)
    limit = serializers.IntegerField(
        required=False, default=DEFAULT_LIMIT, min_value=1, max_value=MAX_LIMIT
    )


class EventFeedView(ApiView):
    """The timeline events of the cases the caller may see, in the order they were recorded
    (increasing id), after the event `since`; with `court`, only those of that court's
    decisions. `next` is the `since` of the next call: keep calling with it. When `next` is the
    `since` sent, there is nothing newer yet; a page may hold fewer than `limit` events (even
    none) with a greater `next` when the events examined were of other offices' cases: call
    again at once. An event is served a moment after it was recorded (setting
    EJCMS_API_EVENTS_SETTLE, seconds), so that no event of a transaction still running is
    stepped over."""

    api_action = ApiAction.EVENTS_READ

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "since", int, description="the last event id already read (0: from the start)"
            ),
            OpenApiParameter("court", int, description="court id: only its decisions"),
            OpenApiParameter(
                "limit", int, description=f"1–{MAX_LIMIT}, {DEFAULT_LIMIT} if not given"
            ),
        ],
        responses=inline_serializer(
            "EventFeed",
            {"results": FeedEventSerializer(many=True), "next": serializers.IntegerField()},
        ),
    )
    def get(self, request: Request) -> Response:
        profile = staff_profile(request.user)
        if profile is None or profile.role not in CASE_VIEWERS:
            raise AccessDenied(_("Your account has no access to enforcement cases."))
        params = FeedParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        settled = timezone.now() - timedelta(seconds=settings.EJCMS_API_EVENTS_SETTLE)
        ids, next_since = feed_page(
            request.user,
            since=params.validated_data["since"],
            limit=params.validated_data["limit"],
            court=params.validated_data.get("court"),
            settled=settled,
        )
        page = (
            TimelineEvent.objects.filter(pk__in=ids)
            .select_related("case__decision")
            .only(
                *("id", "case_id", "kind", "transition", "from_state", "to_state", "on", "at"),
                *("case__register_number", "case__register_year"),
                *("case__decision__court_id", "case__decision__number"),
            )
            .order_by("pk")
        )
        return Response({"results": FeedEventSerializer(page, many=True).data, "next": next_since})


def feed_page(
    user: AnyUser, *, since: int, limit: int, court: int | None, settled: datetime
) -> tuple[list[int], int]:
    """The ids of the next `limit` events after `since` that `user` may see (of `court`'s
    decisions if given), and the id of the last event examined. Events recorded after `settled`
    are not examined (nor anything after them, whatever its scope)."""
    found: list[int] = []
    frontier = since
    scanned = 0
    while len(found) < limit and scanned < SCAN_MAX:
        batch = list(
            TimelineEvent.objects.filter(pk__gt=frontier)
            .order_by("pk")
            .values_list("pk", "case_id", "at")[:SCAN_BATCH]
        )
        scanned += len(batch)
        fresh = next((i for i, (_pk, _case, at) in enumerate(batch) if at > settled), None)
        if fresh is not None:
            batch = batch[:fresh]
        if not batch:
            break
        cases = cases_visible_to(user).filter(pk__in={case for _pk, case, _at in batch})
        if court is not None:
            cases = cases.filter(decision__court_id=court)
        visible = set(cases.values_list("pk", flat=True))
        for pk, case, _at in batch:
            frontier = pk
            if case in visible:
                found.append(pk)
                if len(found) == limit:
                    break
        if fresh is not None or len(batch) < SCAN_BATCH:
            break
    return found, frontier


urlpatterns = [path("events/", EventFeedView.as_view(), name="events")]
