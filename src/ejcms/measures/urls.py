from django.urls import path

from ejcms.measures import views

app_name = "measures"

urlpatterns = [
    path("cases/<int:case_id>/assets/", views.assets_tab, name="assets"),
    path("cases/<int:case_id>/measures/", views.measures_tab, name="measures"),
    path("cases/<int:case_id>/valuation/", views.valuation_tab, name="valuation"),
    path("cases/<int:case_id>/sale/", views.sale_tab, name="sale"),
    path(
        "cases/<int:case_id>/assets/<int:asset_id>/evidence/",
        views.asset_evidence,
        name="evidence",
    ),
    path("cases/<int:case_id>/do/<slug:name>/", views.action, name="action"),
    path("cases/<int:case_id>/do/<slug:name>/<int:obj_id>/", views.action, name="action_on"),
]
