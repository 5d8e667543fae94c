"""Staff pages for building surveys (under /staff/surveys/): the list, a new survey, one
survey's hub (status, audience, invitations and the question editor) and its set-up form.
The question editor is plain forms on the hub: ?add_section, ?edit_section=<id>,
?add_question=<section id>, ?edit_question=<id> show a form; every change is a POST with an
`action`. Staff only: visitors log in first, everyone else gets a 403."""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from teachers.views_staff import staff_only

from . import building
from .building import SurveyError
from .forms_staff import QuestionForm, SectionForm, SurveyForm, add_service_error
from .models import Question, Survey

FROZEN_MESSAGE = gettext_lazy(
    "The survey is open: its sections, questions and audience are frozen so that every answer "
    "means the same. You can still fix the title, the introduction and the closing date."
)


@staff_only
def surveys(request):
    """Every survey, newest first, with its questions, invitations and answers counted."""
    rows = Survey.objects.annotate(
        question_count=Count("sections__questions", distinct=True),
        invited_count=Count("invitations", distinct=True),
        answered_count=Count(
            "invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True
        ),
    ).order_by("-created_at", "-pk")
    return render(request, "surveys/staff/list.html", {"surveys": rows})


@staff_only
@require_http_methods(["GET", "POST"])
def survey_create(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = building.survey_create(actor=request.user, **form.service_kwargs())
        except SurveyError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The survey is saved as a draft. Now add its questions."))
            return redirect("surveys_staff:survey", survey.pk)
    return render(request, "surveys/staff/form.html", {"form": form, "survey": None})


@staff_only
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    if survey.status == Survey.Status.CLOSED:
        messages.error(request, _("The survey is closed and can no longer change."))
        return redirect("surveys_staff:survey", survey.pk)
    frozen = survey.status == Survey.Status.OPEN
    form = SurveyForm(request.POST or None, instance=survey, frozen=frozen)
    if request.method == "POST" and form.is_valid():
        try:
            building.survey_update(actor=request.user, survey=survey, **form.service_kwargs())
        except SurveyError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("surveys_staff:survey", survey.pk)
    return render(
        request,
        "surveys/staff/form.html",
        {"form": form, "survey": survey, "frozen": frozen, "frozen_message": FROZEN_MESSAGE},
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _sections(survey: Survey):
    return survey.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.prefetch_related("choices"))
    )


@staff_only
@require_http_methods(["GET", "POST"])
def survey(request, pk: int):
    survey = get_object_or_404(
        Survey.objects.select_related("audience_edition", "created_by"), pk=pk
    )
    editor = {}
    if request.method == "POST":
        result = _act(request, survey)
        if isinstance(result, dict):
            editor = result
        else:
            return result
    else:
        editor = _editor_from_query(request, survey)
    sections = list(_sections(survey))
    context = {
        "survey": survey,
        "sections": sections,
        "editable": survey.status == Survey.Status.DRAFT,
        "frozen_message": FROZEN_MESSAGE,
        "audience": building.audience_summary(survey),
        "counts": building.invitation_counts(survey),
        "problems": building.open_problems(survey) if survey.status == "draft" else [],
        "countries": list(survey.audience_countries.order_by("name")),
        **editor,
    }
    return render(request, "surveys/staff/hub.html", context)


def _editor_from_query(request, survey: Survey) -> dict:
    if survey.status != Survey.Status.DRAFT:
        return {}
    query = request.GET
    if "add_section" in query:
        return {"section_form": SectionForm(), "section_target": None}
    if section_id := _int(query.get("edit_section")):
        section = survey.sections.filter(pk=section_id).first()
        if section:
            return {"section_form": SectionForm(instance=section), "section_target": section}
    if section_id := _int(query.get("add_question")):
        section = survey.sections.filter(pk=section_id).first()
        if section:
            return {"question_form": QuestionForm(), "question_section": section}
    if question_id := _int(query.get("edit_question")):
        question = Question.objects.filter(pk=question_id, section__survey=survey).first()
        if question:
            return {
                "question_form": QuestionForm(instance=question),
                "question_section": question.section,
                "question_target": question,
            }
    return {}


def _act(request, survey: Survey):
    """Do the POSTed action; a redirect when done, or a dict of bound forms to show again."""
    action = request.POST.get("action", "")
    back = redirect("surveys_staff:survey", survey.pk)
    section = survey.sections.filter(pk=_int(request.POST.get("section"))).first()
    question = Question.objects.filter(
        pk=_int(request.POST.get("question")), section__survey=survey
    ).first()
    try:
        if action == "open":
            invited = building.survey_open(actor=request.user, survey=survey)
            messages.success(
                request,
                ngettext(
                    "The survey is open. An invitation is on its way to %(n)s person.",
                    "The survey is open. Invitations are on their way to %(n)s people.",
                    invited,
                )
                % {"n": invited},
            )
        elif action == "remind":
            due = building.survey_remind(actor=request.user, survey=survey)
            messages.success(request, _("A reminder is on its way to %(n)s people.") % {"n": due})
        elif action == "close":
            building.survey_close(actor=request.user, survey=survey)
            messages.success(request, _("The survey is closed: no more answers are taken."))
        elif action == "section_save":
            form = SectionForm(request.POST, instance=section)
            if not form.is_valid():
                return {"section_form": form, "section_target": section}
            building.section_save(survey=survey, section=section, **form.cleaned_data)
            messages.success(request, _("The section is saved."))
        elif action == "question_save" and section is not None:
            form = QuestionForm(request.POST, instance=question)
            if not form.is_valid():
                return {
                    "question_form": form,
                    "question_section": section,
                    "question_target": question,
                }
            building.question_save(section=section, question=question, **form.service_kwargs())
            messages.success(request, _("The question is saved."))
        elif action in ("section_delete", "section_up", "section_down") and section is not None:
            if action == "section_delete":
                building.section_delete(section=section)
                messages.success(request, _("The section and its questions are deleted."))
            else:
                building.section_move(section=section, direction=-1 if "up" in action else 1)
        elif action in ("question_delete", "question_up", "question_down") and question:
            if action == "question_delete":
                building.question_delete(question=question)
                messages.success(request, _("The question is deleted."))
            else:
                building.question_move(question=question, direction=-1 if "up" in action else 1)
        else:
            messages.error(request, _("That action is not possible: reload the page and retry."))
    except SurveyError as error:
        messages.error(request, str(error))
    return back
