"""Staff pages for building surveys (under /staff/surveys/): the list, a new survey, one
survey's hub (status, audience, invitations and the question editor) and its set-up form.
The question editor is plain forms on the hub: ?add_section, ?edit_section=<id>,
?add_question=<section id>, ?edit_question=<id> show a form; every change is a POST to the
URL of its action (open, remind, close; a section's or a question's save, delete, up, down).
Staff only: visitors log in first, everyone else gets a 403 (then a 404 for what is not
there)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import permission_required

from ..errors import SurveyError
from ..forms import QuestionForm, SectionForm, SurveyForm, add_service_error
from ..models import Survey
from ..selectors.surveys import (
    audience_countries,
    audience_summary,
    invitation_counts,
    open_problems,
    question_of,
    section_of,
    sections_for_hub,
    survey_for_staff,
    surveys_for_staff,
)
from ..services import structure
from ..services.surveys import (
    survey_close,
    survey_create,
    survey_open,
    survey_remind,
    survey_update,
)

FROZEN_MESSAGE = gettext_lazy(
    "The survey is open: its sections, questions and audience are frozen so that every answer "
    "means the same. You can still fix the title, the introduction and the closing date."
)


# What the permission is about. None when it is not there: staff then get a 404, others a 403
# as for every staff page (the check comes first).


def _survey(request, pk: int, **kwargs) -> Survey | None:
    return survey_for_staff(pk=pk)


def _section(request, pk: int, section: int, **kwargs):
    return section_of(survey_id=pk, pk=section)


def _question(request, pk: int, question: int, **kwargs):
    return question_of(survey_id=pk, pk=question)


def _found(request):
    if request.permission_object is None:
        raise Http404
    return request.permission_object


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@permission_required("surveys.manage_surveys")
def surveys(request):
    """Every survey, newest first, with its questions, invitations and answers counted."""
    return render(request, "surveys/staff/list.html", {"surveys": surveys_for_staff()})


@permission_required("surveys.manage_surveys")
@require_http_methods(["GET", "POST"])
def survey_create_page(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_create(by=request.user, **form.service_kwargs())
        except SurveyError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The survey is saved as a draft. Now add its questions."))
            return redirect("surveys_staff:survey", survey.pk)
    return render(request, "surveys/staff/form.html", {"form": form, "survey": None})


@permission_required("surveys.manage_survey", obj=_survey)
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk: int):
    survey = _found(request)
    if survey.status == Survey.Status.CLOSED:
        messages.error(request, _("The survey is closed and can no longer change."))
        return redirect("surveys_staff:survey", survey.pk)
    frozen = survey.status == Survey.Status.OPEN
    form = SurveyForm(request.POST or None, instance=survey, frozen=frozen)
    if request.method == "POST" and form.is_valid():
        try:
            survey_update(by=request.user, survey=survey, **form.service_kwargs())
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


# The hub --------------------------------------------------------------------------------------


def _hub(request, survey: Survey, **editor):
    context = {
        "survey": survey,
        "sections": list(sections_for_hub(survey=survey)),
        "editable": survey.status == Survey.Status.DRAFT,
        "frozen_message": FROZEN_MESSAGE,
        "audience": audience_summary(survey),
        "counts": invitation_counts(survey),
        "problems": open_problems(survey) if survey.status == "draft" else [],
        "countries": audience_countries(survey=survey),
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
        section = section_of(survey_id=survey.pk, pk=section_id)
        if section:
            return {"section_form": SectionForm(instance=section), "section_target": section}
    if section_id := _int(query.get("add_question")):
        section = section_of(survey_id=survey.pk, pk=section_id)
        if section:
            return {"question_form": QuestionForm(), "question_section": section}
    if question_id := _int(query.get("edit_question")):
        question = question_of(survey_id=survey.pk, pk=question_id)
        if question:
            return {
                "question_form": QuestionForm(instance=question),
                "question_section": question.section,
                "question_target": question,
            }
    return {}


@permission_required("surveys.manage_survey", obj=_survey)
@require_http_methods(["GET", "POST"])
def survey(request, pk: int):
    """The hub. Changes are POSTed to their own URLs; a POST here comes from a page older
    than them: nothing is done, and the page says so."""
    survey = _found(request)
    if request.method == "POST":
        messages.error(request, _("That action is not possible: reload the page and retry."))
        return redirect("surveys_staff:survey", survey.pk)
    return _hub(request, survey, **_editor_from_query(request, survey))


def _back(survey_or_pk):
    return redirect("surveys_staff:survey", getattr(survey_or_pk, "pk", survey_or_pk))


# Opening, reminding, closing -------------------------------------------------------------------


@permission_required("surveys.manage_survey", obj=_survey)
@require_POST
def survey_open_action(request, pk: int):
    survey = _found(request)
    try:
        invited = survey_open(by=request.user, survey=survey)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "The survey is open. An invitation is on its way to %(n)s person.",
                "The survey is open. Invitations are on their way to %(n)s people.",
                invited,
            )
            % {"n": invited},
        )
    return _back(survey)


@permission_required("surveys.manage_survey", obj=_survey)
@require_POST
def survey_remind_action(request, pk: int):
    survey = _found(request)
    try:
        due = survey_remind(by=request.user, survey=survey)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A reminder is on its way to %(n)s people.") % {"n": due})
    return _back(survey)


@permission_required("surveys.manage_survey", obj=_survey)
@require_POST
def survey_close_action(request, pk: int):
    survey = _found(request)
    try:
        survey_close(by=request.user, survey=survey)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The survey is closed: no more answers are taken."))
    return _back(survey)


# Sections --------------------------------------------------------------------------------------


def _section_save(request, survey: Survey, section):
    form = SectionForm(request.POST, instance=section)
    if not form.is_valid():
        return _hub(request, survey, section_form=form, section_target=section)
    try:
        structure.section_save(survey=survey, section=section, by=request.user, **form.cleaned_data)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The section is saved."))
    return _back(survey)


@permission_required("surveys.manage_survey", obj=_survey)
@require_POST
def section_add(request, pk: int):
    return _section_save(request, _found(request), None)


@permission_required("surveys.manage_survey", obj=_section)
@require_POST
def section_edit(request, pk: int, section: int):
    found = _found(request)
    return _section_save(request, found.survey, found)


@permission_required("surveys.manage_survey", obj=_section)
@require_POST
def section_delete(request, pk: int, section: int):
    found = _found(request)
    try:
        structure.section_delete(section=found, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The section and its questions are deleted."))
    return _back(pk)


@permission_required("surveys.manage_survey", obj=_section)
@require_POST
def section_move(request, pk: int, section: int, direction: int):
    try:
        structure.section_move(section=_found(request), direction=direction, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    return _back(pk)


# Questions -------------------------------------------------------------------------------------


def _question_save(request, section, question):
    form = QuestionForm(request.POST, instance=question)
    if not form.is_valid():
        return _hub(
            request,
            section.survey,
            question_form=form,
            question_section=section,
            question_target=question,
        )
    try:
        structure.question_save(
            section=section, question=question, by=request.user, **form.service_kwargs()
        )
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The question is saved."))
    return _back(section.survey)


@permission_required("surveys.manage_survey", obj=_section)
@require_POST
def question_add(request, pk: int, section: int):
    return _question_save(request, _found(request), None)


@permission_required("surveys.manage_survey", obj=_question)
@require_POST
def question_edit(request, pk: int, question: int):
    found = _found(request)
    return _question_save(request, found.section, found)


@permission_required("surveys.manage_survey", obj=_question)
@require_POST
def question_delete(request, pk: int, question: int):
    found = _found(request)
    try:
        structure.question_delete(question=found, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The question is deleted."))
    return _back(pk)


@permission_required("surveys.manage_survey", obj=_question)
@require_POST
def question_move(request, pk: int, question: int, direction: int):
    try:
        structure.question_move(question=_found(request), direction=direction, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    return _back(pk)
