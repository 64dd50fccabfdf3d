from django.urls import path

from ejcms.cases import access_views, views

app_name = "cases"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/", views.case_index, name="list"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/<ref:case_id>/", views.case_page, name="detail"),
    path("cases/<ref:case_id>/step/<slug:name>/", views.case_step, name="step"),
    path("cases/<ref:case_id>/reassign/", views.case_reassign_view, name="reassign"),
    path("cases/<ref:case_id>/parties/<ref:link_id>/", views.party_edit, name="party_edit"),
    path(
        "cases/<ref:case_id>/parties/<ref:link_id>/id-number/",
        views.party_id_number,
        name="party_id_number",
    ),
    path(
        "cases/<ref:case_id>/parties/<ref:link_id>/export/",
        access_views.party_export,
        name="party_export",
    ),
    path("cases/<ref:case_id>/complaints/", views.complaint_new, name="complaint_new"),
    path(
        "cases/<ref:case_id>/complaints/<ref:complaint_id>/decide/",
        views.complaint_decide_view,
        name="complaint_decide",
    ),
    path("deadlines/", views.deadlines_page, name="deadlines"),
    path("office/", views.office_dashboard, name="office"),
]
