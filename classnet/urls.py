from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.csp import csp_report
from core.health.views import healthz

from . import views

admin.site.site_header = _("ClassNet back office")
admin.site.site_title = _("ClassNet back office")
admin.site.index_title = _("Back office")
# The back office signs in through allauth's log-in (its rate limits, lockout and second
# factor); its own password form is never shown or accepted.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("csp-report/", csp_report, name="csp_report"),
    path("accounts/", include("allauth.urls")),
    path("", include("teachers.urls")),
    path("staff/", include("teachers.urls_staff")),
    path("staff/emails/", include("core.emails.urls")),
    path("staff/conferences/", include("conferences.urls_staff")),
    path("staff/awards/", include("awards.urls_staff")),
    path("staff/surveys/", include("surveys.urls_staff")),
    path("staff/", include("reports.urls_staff")),
    path("surveys/", include("surveys.urls")),
    path("gallery/", include("gallery.urls")),
    path("network/", include("reports.urls")),
    path("schools/", include("schools.urls")),
    path("collaborations/", include("collaborations.urls")),
    path("conferences/", include("conferences.urls")),
    path("awards/", include("awards.urls")),
    path("back-office/", admin.site.urls),
]

if settings.DEBUG:
    # Development only: in production the proxy (or S3) serves uploaded files.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
