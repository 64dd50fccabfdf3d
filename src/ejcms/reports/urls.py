from django.urls import include, path, re_path

from ejcms.reports import import_urls, views

app_name = "reports"

urlpatterns = [
    path("statistics/", views.dashboard, name="dashboard"),
    re_path(
        r"^statistics/export/(?P<name>units|outcomes|money|stages|all)\.(?P<fmt>csv|xlsx)$",
        views.export,
        name="export",
    ),
    path("statistics/report.pdf", views.report_pdf, name="report_pdf"),
    path("statistics/baselines/", views.snapshots, name="snapshots"),
    path("statistics/baselines/<ref:pk>/", views.snapshot, name="snapshot"),
    path(
        "statistics/baselines/<ref:pk>/withdraw/",
        views.snapshot_withdraw_view,
        name="snapshot_withdraw",
    ),
    path("statistics/import/", include(import_urls)),
]
