from django.contrib import admin

from .models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "city", "country", "starts_on", "ends_on"]
    list_select_related = ["country"]
    search_fields = ["title", "city", "theme"]
