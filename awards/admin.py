from django.contrib import admin

from .models import (
    Assignment,
    AwardCategory,
    AwardCycle,
    AwardLevel,
    Conflict,
    Criterion,
    CycleJudge,
    Entry,
    Stage,
)


class CategoryInline(admin.TabularInline):
    model = AwardCategory
    extra = 0


class LevelInline(admin.TabularInline):
    model = AwardLevel
    extra = 0


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    exclude = ["entries"]


@admin.register(AwardCycle)
class AwardCycleAdmin(admin.ModelAdmin):
    """Back office only: staff run cycles from /staff/awards/."""

    list_display = ["__str__", "edition", "status", "entries_close_at"]
    list_select_related = ["edition"]
    inlines = [CategoryInline, LevelInline, CriterionInline, StageInline]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["collaboration", "cycle", "category", "status", "submitted_at"]
    list_filter = ["cycle", "status"]
    list_select_related = ["collaboration", "cycle__edition", "category"]
    search_fields = ["collaboration__title"]


@admin.register(CycleJudge)
class CycleJudgeAdmin(admin.ModelAdmin):
    list_display = ["user", "cycle", "status", "is_chair"]
    list_filter = ["cycle", "status"]
    list_select_related = ["user", "cycle__edition"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """Read-only: scores are given by judges and are final once submitted."""

    list_display = ["entry", "judge", "stage", "status", "submitted_at"]
    list_filter = ["stage__cycle", "stage__kind", "status"]
    list_select_related = ["entry__collaboration", "judge__user", "stage__cycle__edition"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.register(Conflict)
