"""The law at hand: each law's article index (gaps shown) and each article's text."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from ejcms.core.http import AuthedRequest
from ejcms.guidelines.models import Law


def law_index(request: AuthedRequest) -> HttpResponse:
    laws = []
    for law in Law.objects.all():
        present = {a.number: a for a in law.articles.only("number", "title", "law")}
        laws.append((law, [(n, present.get(n)) for n in range(1, law.article_count + 1)]))
    return render(request, "guidelines/law_index.html", {"laws": laws})


def article_page(request: AuthedRequest, code: str, number: int) -> HttpResponse:
    law = Law.objects.filter(code=code).first()
    if law is None or not 1 <= number <= law.article_count:
        raise Http404
    article = law.articles.filter(number=number).first()
    context = {
        "law": law,
        "number": number,
        "article": article,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < law.article_count else None,
    }
    return render(request, "guidelines/article.html", context)
