# Case data is not in the admin: every read of a case goes through the scoped selectors.
# Only the legal rules, which are reference data, are edited here.
from django.contrib import admin

from ejcms.cases.models import LegalRule


@admin.register(LegalRule)
class LegalRuleAdmin(admin.ModelAdmin):
    list_display = ["key", "value", "unit", "law", "article", "effective_from", "effective_to"]
    list_filter = ["unit", "law"]
    search_fields = ["key", "title_lo", "title_en", "article"]
    readonly_fields = ["created_at", "created_by", "modified_at", "modified_by"]
