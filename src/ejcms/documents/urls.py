from django.urls import path

from ejcms.documents import views

app_name = "documents"

urlpatterns = [
    path("cases/<ref:case_id>/documents/", views.documents_tab, name="tab"),
    path("cases/<ref:case_id>/documents/issue/<slug:kind>/", views.issue, name="issue"),
    path("cases/<ref:case_id>/documents/upload/", views.upload, name="upload"),
    path("cases/<ref:case_id>/documents/<uuid:document_id>/", views.detail, name="detail"),
    path(
        "cases/<ref:case_id>/documents/<uuid:document_id>/pdf/",
        views.document_pdf,
        name="pdf",
    ),
    path(
        "cases/<ref:case_id>/documents/<uuid:document_id>/correct/",
        views.correct,
        name="correct",
    ),
    path(
        "cases/<ref:case_id>/files/<uuid:attachment_id>/",
        views.attachment_file,
        name="attachment",
    ),
    path("office/documents/", views.register, name="register"),
    path("office/documents/batches/<uuid:batch_id>/", views.batch, name="batch"),
    path("documents/templates/", views.templates, name="templates"),
    path("documents/templates/<slug:kind>/", views.template_kind, name="template"),
    path(
        "documents/templates/<slug:kind>/<int:revision>/sample.pdf",
        views.template_sample,
        name="template_sample",
    ),
]
