from django.contrib import admin

from .models import Edition, EditionCountryQuota, EditionRegionTarget


class EditionCountryQuotaInline(admin.TabularInline):
    model = EditionCountryQuota
    extra = 0
    autocomplete_fields = ["country"]


class EditionRegionTargetInline(admin.TabularInline):
    model = EditionRegionTarget
    extra = 0
    max_num = 2


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "city", "country", "starts_on", "ends_on", "status"]
    list_filter = ["status", "format"]
    list_select_related = ["country"]
    search_fields = ["title", "city", "theme"]
    inlines = [EditionCountryQuotaInline, EditionRegionTargetInline]
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
