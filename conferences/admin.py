from django.contrib import admin
from django.utils import timezone

from core.permissions import PERMISSION_ATTRIBUTE

from .models import Application, Edition, EditionCountryQuota, EditionRegionTarget, Session


class EditionCountryQuotaInline(admin.TabularInline):
    model = EditionCountryQuota
    extra = 0
    autocomplete_fields = ["country"]


class EditionRegionTargetInline(admin.TabularInline):
    model = EditionRegionTarget
    extra = 0
    max_num = 2


class SessionInline(admin.StackedInline):
    """The programme; on an edition's page times are entered and shown in the host's zone."""

    model = Session
    extra = 0
    fields = [
        ("kind", "title"),
        ("starts_at", "ends_at"),
        ("room", "capacity"),
        "speakers",
        "description",
    ]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "city", "country", "starts_on", "ends_on", "status"]
    list_filter = ["status", "format"]
    list_select_related = ["country"]
    search_fields = ["title", "city", "theme"]
    inlines = [EditionCountryQuotaInline, EditionRegionTargetInline, SessionInline]
    fieldsets = [
        (None, {"fields": ["number", "title", "theme", "status", "description"]}),
        (
            "Place and dates",
            {"fields": ["city", "country", "venue", "time_zone", "starts_on", "ends_on"]},
        ),
        (
            "Places and applications",
            {"fields": ["format", "capacity", "applications_open_at", "applications_close_at"]},
        ),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Date-times (programme, application window) in the host's time zone."""
        edition = self.get_object(request, object_id)
        if edition is None:
            return super().change_view(request, object_id, form_url, extra_context)
        with timezone.override(edition.zone):
            response = super().change_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()
        return response

    # The admin site guards this view itself (staff sign-in, then the model's view or change
    # permission); saying so lets the URLconf's access check read it like any view of ours.
    change_view.__dict__[PERMISSION_ATTRIBUTE] = ("conferences.view_edition",)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only view of applications; decisions go through the services (the staff selection
    pages come next), so that the capacity lock is never bypassed."""

    list_display = ["teacher", "edition", "school", "status", "created_at", "decided_at"]
    list_filter = ["edition", "status"]
    list_select_related = ["teacher__user", "edition", "school"]
    search_fields = ["teacher__user__full_name", "school__name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
