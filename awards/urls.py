from django.urls import path

from .views import entries, judges, public, scoring

app_name = "awards"

urlpatterns = [
    # Public pages and results
    path("", public.index, name="index"),
    path("<int:number>/", public.cycle, name="cycle"),
    # Entries (the lead teacher)
    path("<int:number>/enter/", entries.entry_create, name="entry_create"),
    path("entries/<int:pk>/", entries.entry, name="entry"),
    path("entries/<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/withdraw/", entries.entry_withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/feedback/", public.entry_feedback, name="entry_feedback"),
    path("evidence/<int:pk>/", entries.evidence_file, name="evidence_file"),
    # Judging
    path("judging/", scoring.judge_dashboard, name="judge_dashboard"),
    path("judging/scorecards/<int:pk>/", scoring.scorecard, name="scorecard"),
    path(
        "judging/invitations/<str:token>/",
        judges.judge_invitation,
        name="judge_invitation",
    ),
    path("judging/<int:number>/conflicts/", judges.judge_conflicts, name="judge_conflicts"),
]
