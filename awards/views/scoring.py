"""Awards pages for judges: their dashboard and a scorecard per assignment.

Only a cycle's active judges have a dashboard (others get a 403 page that says why); a
scorecard is open to its own judge only (everyone else, staff included, gets a 404: staff
read the scores on the results pages). Judges never see other judges' scores.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import permission_required

from ..errors import AwardsError
from ..forms.scoring import SUBMIT, ScorecardForm
from ..selectors.scorecards import assignment_for_judge, next_to_score, scorecard_view
from ..selectors.scorecards import judge_dashboard as judge_cycles
from ..services.scorecards import scorecard_save, scorecard_submit


def _assignment(request, pk: int):
    """The assignment if it is the user's own, as an active judge; a 404 for everyone else."""
    assignment = assignment_for_judge(pk=pk, user=request.user)
    if assignment is None:
        raise Http404
    return assignment


@permission_required("awards.view_judging")
def judge_dashboard(request):
    """The judge's assignments per cycle and stage, open stages first, with their progress."""
    cycles = judge_cycles(request.user)
    if not cycles:
        return render(request, "awards/judge_dashboard.html", {"not_judge": True}, status=403)
    return render(request, "awards/judge_dashboard.html", {"cycles": cycles})


@require_http_methods(["GET", "POST"])
@permission_required("awards.score_assignment", obj=_assignment, denied=404)
def scorecard(request, pk: int):
    """One entry's scorecard: read the entry, score the rubric, save a draft or submit."""
    assignment = request.permission_object
    view = scorecard_view(assignment)
    writable = (
        view["is_open"]
        and not view["is_final"]
        and not view["is_withdrawn"]
        and not view["is_conflicted"]
    )
    form = ScorecardForm(
        request.POST if request.method == "POST" else None,
        rubric=view["rubric"],
        initial={
            "comment_to_staff": assignment.comment_to_staff,
            "comment_to_entrant": assignment.comment_to_entrant,
        },
    )
    if request.method == "POST":
        if not writable:
            if view["is_final"]:
                refusal = _("Your scores for this entry are final.")
            elif view["is_withdrawn"]:
                refusal = _(
                    "This entry is no longer in the competition: there is nothing to score."
                )
            elif view["is_conflicted"]:
                refusal = _(
                    "You have a conflict of interest with this entry, so you cannot score it."
                )
            else:
                refusal = _("Judging for this stage is closed: scores can no longer be saved.")
            messages.error(request, refusal)
            return redirect("awards:scorecard", pk=assignment.pk)
        if form.is_valid():
            submit = form.cleaned_data.get("action") == SUBMIT
            service = scorecard_submit if submit else scorecard_save
            try:
                service(
                    assignment=assignment,
                    by=request.user,
                    scores=form.scores(),
                    comment_to_staff=form.cleaned_data["comment_to_staff"],
                    comment_to_entrant=form.cleaned_data["comment_to_entrant"],
                )
            except AwardsError as error:
                form.add_error(None, str(error))
            else:
                if submit:
                    messages.success(
                        request,
                        _("Your scores are submitted. Thank you! They are final now."),
                    )
                else:
                    messages.success(
                        request,
                        _("Draft saved. You can come back and change it until you submit."),
                    )
                return redirect("awards:scorecard", pk=assignment.pk)
    next_assignment = None
    if view["is_final"] and view["is_open"]:
        next_assignment = next_to_score(assignment)
    return render(
        request,
        "awards/scorecard.html",
        {
            **view,
            "form": form,
            "rows": form.rows(),
            "writable": writable,
            "next_assignment": next_assignment,
        },
    )
