"""Pages for teachers: the surveys they are invited to, and answering one.

Only invited people answer (others get a 403 page saying whom the survey is for); a survey
that is not open yet or is closed shows why, with no form; once submitted, answers are final
and the page thanks the person. Drafts ("Save and come back") stay on the invitation.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import answering
from .forms_answer import AnswerForm
from .models import Survey


@login_required
def my_surveys(request):
    """The person's survey invitations: open ones to answer, answered and closed ones."""
    page = Paginator(answering.invitations_for(request.user), 20).get_page(request.GET.get("page"))
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


@require_http_methods(["GET", "POST"])
@login_required
def answer(request, pk: int):
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), pk=pk)
    access = answering.survey_for_answering(survey, request.user)
    context = {"survey": survey, "access": access}
    if access.refusal == answering.NOT_INVITED:
        return render(
            request, "surveys/answer.html", {**context, "state": "not_invited"}, status=403
        )
    if access.answered:
        return render(request, "surveys/answer.html", {**context, "state": "thanks"})
    if access.refusal:
        if request.method == "POST":
            messages.error(request, _("This survey is not open for answers: nothing was saved."))
        return render(request, "surveys/answer.html", {**context, "state": access.refusal})

    structure = answering.survey_structure(survey)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        structure=structure,
        draft=access.invitation.draft_answers,
    )
    if request.method == "POST":
        if form.is_valid():
            service = answering.response_submit if form.is_submit else answering.draft_save
            try:
                service(survey=survey, user=request.user, answers=form.answers())
            except answering.AnsweringError as error:
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
