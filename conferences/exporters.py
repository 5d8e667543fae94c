"""Exports of the staff's conference lists (registered in ConferencesConfig.ready()): an
edition's applications and its participants, with exactly the filters of their pages.

Each takes the list page's GET parameters plus edition=<number>; the rows come from the same
selector and filter form as the page, every page of them."""

from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from core.exports import Exporter

from .forms_selection import ApplicationFilterForm
from .models import Edition
from .participants import EXPORT_COLUMNS, export_rows, participant_counts, participants_of
from .selection import applications_for_staff

CHUNK = 2000

APPLICATION_COLUMNS = (
    "Applied on",
    "Name",
    "E-mail",
    "School",
    "School kind",
    "City",
    "Country",
    "Region",
    "Status",
)


def _edition(params: QueryDict) -> Edition:
    """The edition named by edition=<number>: 400 when missing or not a number, 404 when none
    has that number."""
    number = params.get("edition", "")
    if not number.isdigit():
        raise ValidationError(_("Say which edition to export (edition=<number>)."))
    try:
        return Edition.objects.get(number=int(number))
    except Edition.DoesNotExist as error:
        raise Http404 from error


def _checked(form) -> dict:
    if form.is_bound and not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            ]
        )
    return form.filters()


def _applications(params: QueryDict):
    edition = _edition(params)
    filters = ApplicationFilterForm(params)
    return edition, applications_for_staff(edition=edition, **_checked(filters))


def applications_count(params: QueryDict, user) -> int:
    return _applications(params)[1].count()


def applications_rows(params: QueryDict, user):
    edition, applications = _applications(params)

    def rows():
        for application in applications.iterator(chunk_size=CHUNK):
            user_ = application.teacher.user
            school = application.school
            yield (
                application.created_at.date().isoformat(),
                user_.full_name,
                user_.email,
                school.name,
                school.get_kind_display(),
                school.city,
                school.country.name,
                school.country.get_region_display(),
                application.get_status_display(),
            )

    return f"Conference {edition.number} applications", rows()


def _participants(params: QueryDict):
    # The page's own filter form (its countries are those taking part).
    from .views_participants import ParticipantFilterForm

    edition = _edition(params)
    filters = ParticipantFilterForm(params, countries=participant_counts(edition=edition))
    return edition, participants_of(edition=edition, **_checked(filters))


def participants_count(params: QueryDict, user) -> int:
    return _participants(params)[1].count()


def participants_rows(params: QueryDict, user):
    edition, applications = _participants(params)

    def rows():
        for application in applications.iterator(chunk_size=CHUNK):
            yield export_rows([application])[0]

    return f"Conference {edition.number} participants", rows()


APPLICATIONS = Exporter(
    name="conferences.applications",
    title="Applications to a ClassNet Conference",
    columns=APPLICATION_COLUMNS,
    rows=applications_rows,
    count=applications_count,
)

PARTICIPANTS = Exporter(
    name="conferences.participants",
    title="Participants of a ClassNet Conference",
    columns=tuple(title for title, _width in EXPORT_COLUMNS),
    rows=participants_rows,
    count=participants_count,
)
