from django.urls import path

from . import views_entries, views_judges, views_public, views_scoring

app_name = "awards"

urlpatterns = [
    # Public pages and results
    path("", views_public.index, name="index"),
    path("<int:number>/", views_public.cycle, name="cycle"),
    # Entries (the lead teacher)
    path("<int:number>/enter/", views_entries.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views_entries.entry, name="entry"),
    path("entries/<int:pk>/edit/", views_entries.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/withdraw/", views_entries.entry_withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/feedback/", views_public.entry_feedback, name="entry_feedback"),
    # Judging
    path("judging/", views_scoring.judge_dashboard, name="judge_dashboard"),
    path("judging/scorecards/<int:pk>/", views_scoring.scorecard, name="scorecard"),
    path(
        "judging/invitations/<str:token>/",
        views_judges.judge_invitation,
        name="judge_invitation",
    ),
    path("judging/<int:number>/conflicts/", views_judges.judge_conflicts, name="judge_conflicts"),
]
