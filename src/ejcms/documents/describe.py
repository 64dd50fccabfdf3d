"""Timeline sentences for issued documents and uploaded scans."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ejcms.cases.models import TimelineEvent
from ejcms.documents.kinds import KINDS


def describe_document(event: TimelineEvent, names: dict[int, str]) -> str:
    p = event.payload or {}
    if "attachment" in p:
        return _("File added: %(title)s.") % {"title": p.get("title", "")}
    kind = KINDS.get(p.get("kind", ""))
    title = str(kind.title) if kind else p.get("kind", "")
    if p.get("replaces"):
        return _("%(title)s No. %(number)s issued, replacing No. %(previous)s.") % {
            "title": title,
            "number": p.get("number", ""),
            "previous": p["replaces"],
        }
    return _("%(title)s No. %(number)s issued.") % {"title": title, "number": p.get("number", "")}
