from django.urls import path

from ejcms.guidelines import views

app_name = "guidelines"

urlpatterns = [
    path("law/", views.law_index, name="index"),
    path("law/<slug:code>/<int:number>/", views.article_page, name="article"),
    path("guidelines/", views.guideline_index, name="guidelines"),
    path("guidelines/new/", views.guideline_edit, name="guideline_new"),
    path("guidelines/<slug:code>/", views.guideline_page, name="guideline"),
    path("guidelines/<slug:code>/edit/", views.guideline_edit, name="guideline_edit"),
    path("guidelines/<slug:code>/v<int:version>/", views.guideline_page, name="guideline_version"),
]
