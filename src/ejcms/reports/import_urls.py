"""The import of an earlier register, included by reports.urls under /statistics/import/ in the
"reports" namespace."""

from django.urls import path

from ejcms.reports import import_views

urlpatterns = [
    path("", import_views.legacy_imports, name="import"),
    path("template/", import_views.legacy_template, name="import_template"),
    path("<ref:import_id>/", import_views.legacy_import_detail, name="import_detail"),
]
