"""Article references as links: {% law_links "enforcement" "49, 50" %}."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ejcms.guidelines.selectors import article_numbers

register = template.Library()


@register.simple_tag
def law_links(law_code: str, reference: str) -> SafeString:
    """ "Art. 49, 50" with each number opening its article."""
    numbers = article_numbers(str(reference))
    if not numbers:
        return format_html("{} {}", _("Art."), reference)
    links = format_html_join(
        ", ",
        '<a href="{}" class="law-link">{}</a>',
        ((reverse("guidelines:article", args=[law_code or "enforcement", n]), n) for n in numbers),
    )
    return format_html("{} {}", _("Art."), links)
