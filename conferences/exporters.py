"""Exports of the staff's conference lists (registered in ConferencesConfig.ready()): an
edition's applications and its participants, with exactly the filters of their pages; and
the participant list's rows, CSV and XLSX (export_rows, export_csv, export_xlsx).

Each takes the list page's GET parameters plus edition=<number>; the rows come from the same
selector and filter form as the page, every page of them."""

import io

from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from core.exports import Exporter, csv_lines, write_xlsx

from .forms.participants import ParticipantFilterForm
from .forms.selection import ApplicationFilterForm
from .models import Edition
from .selectors.editions import edition_by_number
from .selectors.participants import days_checked_in, participant_counts, participants_of
from .selectors.selection import applications_for_staff

CHUNK = 2000

EXPORT_COLUMNS = (
    ("Name", 28),
    ("E-mail", 32),
    ("School", 36),
    ("School kind", 14),
    ("City", 16),
    ("Country", 16),
    ("Region", 10),
    ("Dietary needs", 28),
    ("Access needs", 28),
    ("Consent to participant list", 12),
    ("Status", 12),
    ("Days checked in", 24),
)


def export_rows(applications) -> list[list[str]]:
    """One row of text per participant, in EXPORT_COLUMNS' order (the writers neutralise
    formulas)."""
    rows = []
    for application in applications:
        user = application.teacher.user
        school = application.school
        country = school.country
        rows.append(
            [
                str(value)
                for value in (
                    user.full_name,
                    user.email,
                    school.name,
                    school.get_kind_display(),
                    school.city,
                    country.name,
                    country.get_region_display(),
                    application.needs_dietary,
                    application.needs_access,
                    _("Yes") if application.consent_to_list else _("No"),
                    application.get_status_display(),
                    "; ".join(day.isoformat() for day in days_checked_in(application)),
                )
            ]
        )
    return rows


def export_csv(applications) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the accents right."""
    columns = [title for title, _width in EXPORT_COLUMNS]
    return "".join(csv_lines(columns, export_rows(applications))).encode()


def export_xlsx(applications) -> bytes:
    """One sheet: a bold, frozen header row and columns wide enough to read."""
    buffer = io.BytesIO()
    write_xlsx(
        buffer,
        "Participants",
        [title for title, _width in EXPORT_COLUMNS],
        export_rows(applications),
        widths=[width for _title, width in EXPORT_COLUMNS],
        sheet_title="Participants",
    )
    return buffer.getvalue()


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
    edition = edition_by_number(number=int(number))
    if edition is None:
        raise Http404
    return edition


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
