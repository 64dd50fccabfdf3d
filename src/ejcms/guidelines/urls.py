from django.urls import path

from ejcms.guidelines import views

app_name = "guidelines"

urlpatterns = [
    path("law/", views.law_index, name="index"),
    path("law/<slug:code>/<int:number>/", views.article_page, name="article"),
]
