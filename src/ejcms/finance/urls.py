from django.urls import path

from ejcms.finance import views

app_name = "finance"

urlpatterns = [
    path("cases/<ref:case_id>/money/", views.money_tab, name="money"),
    path("cases/<ref:case_id>/money/<slug:name>/", views.action, name="action"),
    path("cases/<ref:case_id>/money/<slug:name>/<ref:obj_id>/", views.action, name="action_on"),
    path("office/cash-book/", views.cash_book_view, name="cash_book"),
]
