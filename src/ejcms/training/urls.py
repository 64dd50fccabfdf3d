from django.urls import path

from ejcms.training import tot_views, views

app_name = "training"

urlpatterns = [
    path("training/", views.campaign_list, name="campaigns"),
    path("training/new/", views.campaign_new, name="campaign_new"),
    path("training/<ref:campaign_id>/", views.campaign_page, name="campaign"),
    path("training/<ref:campaign_id>/answer/", views.questionnaire, name="questionnaire"),
    path("training/<ref:campaign_id>/staff/", views.supervisor_ratings, name="supervisor"),
    path("training/<ref:campaign_id>/paper/", views.paper_import, name="paper"),
    path(
        "training/<ref:campaign_id>/paper/template.xlsx",
        views.paper_template,
        name="paper_template",
    ),
    path(
        "training/<ref:campaign_id>/report.<slug:fmt>",
        views.campaign_report,
        name="report",
    ),
    path("training/events/", tot_views.event_list, name="events"),
    path("training/events/new/", tot_views.event_new, name="event_new"),
    path("training/events/<ref:event_id>/", tot_views.event_page, name="event"),
    path(
        "training/events/<ref:event_id>/results/",
        tot_views.event_results_page,
        name="event_results",
    ),
    path("training/follow-ups/", tot_views.follow_ups, name="follow_ups"),
    path("training/certificates/<slug:code>.pdf", tot_views.certificate_pdf, name="certificate"),
    path("training/me/", tot_views.my_record, name="me"),
    path("verify/", tot_views.verify, name="verify"),
]
