from django.urls import path

from ejcms.org import views

app_name = "org"

urlpatterns = [
    path("districts/", views.district_options, name="district_options"),
    path("villages/", views.village_options, name="village_options"),
    path("holidays/", views.holidays, name="holidays"),
    path("holidays/<ref:override_id>/remove/", views.holiday_remove, name="holiday_remove"),
    path("courts/", views.courts, name="courts"),
    path("audit/", views.audit_log, name="audit"),
    path("intake-routes/", views.intake_routes, name="intake_routes"),
    path(
        "intake-routes/<ref:route_id>/remove/",
        views.intake_route_delete,
        name="intake_route_remove",
    ),
    path("courts/new/", views.court_edit, name="court_new"),
    path("courts/<ref:court_id>/", views.court_edit, name="court_edit"),
    path("staff/", views.staff, name="staff"),
    path("staff/<ref:user_id>/", views.staff_detail, name="staff_detail"),
    path("staff/<ref:user_id>/disable/", views.account_disable, name="staff_disable"),
    path("staff/<ref:user_id>/enable/", views.account_enable, name="staff_enable"),
    path(
        "staff/<ref:user_id>/two-factor-reset/",
        views.account_two_factor_reset,
        name="staff_two_factor_reset",
    ),
]
