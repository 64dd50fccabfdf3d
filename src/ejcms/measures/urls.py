from django.urls import path

from ejcms.measures import views

app_name = "measures"

urlpatterns = [
    path("cases/<ref:case_id>/assets/", views.assets_tab, name="assets"),
    path("cases/<ref:case_id>/measures/", views.measures_tab, name="measures"),
    path("cases/<ref:case_id>/valuation/", views.valuation_tab, name="valuation"),
    path("cases/<ref:case_id>/sale/", views.sale_tab, name="sale"),
    path(
        "cases/<ref:case_id>/assets/<ref:asset_id>/evidence/",
        views.asset_evidence,
        name="evidence",
    ),
    path("cases/<ref:case_id>/do/<slug:name>/", views.action, name="action"),
    path("cases/<ref:case_id>/do/<slug:name>/<ref:obj_id>/", views.action, name="action_on"),
]
