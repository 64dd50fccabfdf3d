"""A person's access request: the page that finds their records in the cases the user sees,
and the download of those records as JSON (cases.access)."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ejcms.cases.access import (
    BY_NAME,
    BY_NUMBER,
    export_record,
    export_refusal,
    person_export,
    person_matches,
)
from ejcms.cases.selectors import case_for_user
from ejcms.core.http import AuthedRequest


@require_http_methods(["GET", "POST"])
def party_export(request: AuthedRequest, case_id: int, link_id: int) -> HttpResponse:
    # A case the user may not see answers 404; a role that may not export, 403.
    case = case_for_user(request.user, case_id)
    link = (
        case.case_parties.select_related("party", "case__office", "case__decision__court")
        .filter(pk=link_id)
        .first()
    )
    if link is None:
        raise Http404
    refusal = export_refusal(request.user)
    if refusal is not None:
        raise PermissionDenied(refusal)
    if case.erased_on is not None:
        raise PermissionDenied(
            _("The personal data of this case were erased: nothing is left to export.")
        )
    matches = person_matches(request.user, link)
    if request.method == "POST":
        # The record the user started from always; the others as ticked.
        ticked = set(request.POST.getlist("records"))
        chosen = [m for m in matches if m.link.pk == link.pk or str(m.link.pk) in ticked]
        today = timezone.localdate()
        data = person_export(chosen, today=today)
        export_record(actor=request.user, start=link, matches=chosen)
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        response = HttpResponse(
            body.encode("utf-8"), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="ejcms-person-{link.party_id}-{today.isoformat()}.json"'
        )
        response["Cache-Control"] = "no-store"
        return response
    context = {
        "case": case,
        "link": link,
        "party": link.party,
        "matches": matches,
        "by_number": BY_NUMBER,
        "by_name": BY_NAME,
        "any_by_name": any(m.by == BY_NAME for m in matches),
    }
    return render(request, "cases/party_export.html", context)
