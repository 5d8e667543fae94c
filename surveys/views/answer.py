"""Pages for teachers: the surveys they are invited to, and answering one.

Only invited people answer (others get a 403 page saying whom the survey is for); a survey
that is not open yet or is closed shows why, with no form; once submitted, answers are final
and the page thanks the person. Drafts ("Save and come back") stay on the invitation.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.permissions import permission_required

from ..errors import AnsweringError
from ..forms import AnswerForm
from ..selectors.answering import (
    NOT_INVITED,
    invitations_for,
    survey_for_answering,
    survey_structure,
    survey_to_answer,
)
from ..services.answering import draft_save, response_submit


@permission_required("surveys.view_own_invitations")
def my_surveys(request):
    """The person's survey invitations: open ones to answer, answered and closed ones."""
    page = Paginator(invitations_for(request.user), 20).get_page(request.GET.get("page"))
    rows = [
        {
            "invitation": invitation,
            "survey": invitation.survey,
            "can_answer": not invitation.answered_at and invitation.survey.accepts_answers,
            "has_draft": bool(invitation.draft_answers),
        }
        for invitation in page.object_list
    ]
    return render(request, "surveys/mine.html", {"page": page, "rows": rows})


def _published_survey(request, pk: int):
    return survey_to_answer(pk=pk)


@require_http_methods(["GET", "POST"])
@permission_required("surveys.view_survey", obj=_published_survey, denied=404)
def answer(request, pk: int):
    survey = request.permission_object
    access = survey_for_answering(survey, request.user)
    context = {"survey": survey, "access": access}
    if access.refusal == NOT_INVITED:
        return render(
            request, "surveys/answer.html", {**context, "state": "not_invited"}, status=403
        )
    if access.answered:
        return render(request, "surveys/answer.html", {**context, "state": "thanks"})
    if access.refusal:
        if request.method == "POST":
            messages.error(request, _("This survey is not open for answers: nothing was saved."))
        return render(request, "surveys/answer.html", {**context, "state": access.refusal})

    structure = survey_structure(survey)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        structure=structure,
        draft=access.invitation.draft_answers,
    )
    if request.method == "POST":
        if form.is_valid():
            service = response_submit if form.is_submit else draft_save
            try:
                service(survey=survey, by=request.user, answers=form.answers())
            except AnsweringError as error:
                form.add_answer_errors(error.errors)
                form.add_error(None, str(error))
            else:
                if form.is_submit:
                    messages.success(request, _("Your answers are sent. Thank you!"))
                else:
                    messages.success(
                        request,
                        _("Your answers are saved. Come back to finish and submit them."),
                    )
                return redirect("surveys:answer", pk=survey.pk)
        elif not form.non_field_errors():
            form.add_error(None, _("Nothing was saved: please correct the answers marked below."))
    return render(
        request,
        "surveys/answer.html",
        {**context, "state": "form", "form": form, "sections": form.sections()},
    )
