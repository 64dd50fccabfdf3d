from django.urls import path

from ejcms.org import views

app_name = "org"

urlpatterns = [
    path("districts/", views.district_options, name="district_options"),
    path("villages/", views.village_options, name="village_options"),
    path("holidays/", views.holidays, name="holidays"),
    path("holidays/<int:override_id>/remove/", views.holiday_remove, name="holiday_remove"),
    path("courts/", views.courts, name="courts"),
    path("audit/", views.audit_log, name="audit"),
    path("courts/new/", views.court_edit, name="court_new"),
    path("courts/<int:court_id>/", views.court_edit, name="court_edit"),
]
