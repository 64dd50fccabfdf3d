from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from ejcms.core import views as core_views
from ejcms.org import login_views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("login/two-factor/", login_views.two_factor, name="two_factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("health/", core_views.health, name="health"),
    path("org/", include("ejcms.org.urls")),
    path("", include("ejcms.guidelines.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("ejcms.api.urls")),
    path("", include("ejcms.cases.urls")),
    path("", include("ejcms.measures.urls")),
    path("", include("ejcms.finance.urls")),
    path("", include("ejcms.documents.urls")),
    path("", include("ejcms.search.urls")),
    path("", include("ejcms.reports.urls")),
    path("", include("ejcms.training.urls")),
]

handler403 = "ejcms.core.views.permission_denied"
handler404 = "ejcms.core.views.page_not_found"

# Uploaded files (asset evidence) are never served from MEDIA_URL: each goes through a view that
# checks the user may see its case.
