from django.contrib import admin

from ejcms.org.models import Court, HolidayOverride, Office, StaffProfile


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_lo", "level", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["code", "name_lo", "name_en"]
    readonly_fields = ["created_at", "created_by", "modified_at", "modified_by"]


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ["name_lo", "name_en", "level", "province", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name_lo", "name_en"]
    readonly_fields = ["created_at", "created_by", "modified_at", "modified_by"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "full_name_lo", "office", "role", "position"]
    list_filter = ["role", "office__level"]
    search_fields = ["user__username", "full_name_lo", "full_name_en", "office__name_lo"]
    autocomplete_fields = ["office"]
    readonly_fields = ["created_at", "created_by", "modified_at", "modified_by"]


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "province", "name_lo"]
    list_filter = ["kind", "province"]
    readonly_fields = ["created_at", "created_by", "modified_at", "modified_by"]
