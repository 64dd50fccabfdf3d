from django.urls import path

from ejcms.training import views

app_name = "training"

urlpatterns = [
    path("training/", views.campaign_list, name="campaigns"),
    path("training/new/", views.campaign_new, name="campaign_new"),
    path("training/<int:campaign_id>/", views.campaign_page, name="campaign"),
    path("training/<int:campaign_id>/answer/", views.questionnaire, name="questionnaire"),
    path("training/<int:campaign_id>/staff/", views.supervisor_ratings, name="supervisor"),
    path("training/<int:campaign_id>/paper/", views.paper_import, name="paper"),
    path(
        "training/<int:campaign_id>/paper/template.xlsx",
        views.paper_template,
        name="paper_template",
    ),
]
