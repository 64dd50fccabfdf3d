"""The search page behind the header's search box: results grouped by kind."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from ejcms.core.http import AuthedRequest
from ejcms.search.selectors import MIN_SUBSTRING, search, terms


def search_page(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    groups = search(request.user, query) if query else []
    found = terms(query)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "groups": groups,
            "too_short": bool(query) and len(found.folded) < MIN_SUBSTRING and not groups,
            "total": sum(len(g.hits) for g in groups),
        },
    )
