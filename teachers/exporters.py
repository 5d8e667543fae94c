"""Export of the staff's teacher verification queue (registered in TeachersConfig.ready()):
the queue's rows with exactly the page's region and country filters, every page of them."""

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from core.exports import Exporter

from .forms import TeacherQueueFilterForm
from .selectors import teachers_awaiting_verification

CHUNK = 2000

COLUMNS = (
    "Waiting since",
    "Name",
    "E-mail",
    "School",
    "School city",
    "School country",
    "Region",
    "Subjects",
    "Languages",
)


def _queue(params: QueryDict):
    filters = TeacherQueueFilterForm(params)
    if not filters.is_valid():
        raise ValidationError(
            [
                _("%(field)s: %(errors)s")
                % {"field": filters.fields[name].label, "errors": " ".join(errors)}
                for name, errors in filters.errors.items()
            ]
        )
    return filters.filter(teachers_awaiting_verification())


def queue_count(params: QueryDict, user) -> int:
    return _queue(params).count()


def queue_rows(params: QueryDict, user):
    profiles = _queue(params)

    def rows():
        for profile in profiles.iterator(chunk_size=CHUNK):
            school = profile.school
            yield (
                profile.created_at.date().isoformat(),
                profile.user.full_name,
                profile.user.email,
                school.name,
                school.city,
                school.country.name,
                school.country.get_region_display(),
                "; ".join(subject.name for subject in profile.subjects.all()),
                "; ".join(language.name for language in profile.languages.all()),
            )

    return "Teachers to verify", rows()


TEACHER_QUEUE = Exporter(
    name="teachers.queue",
    title="Teachers to verify",
    columns=COLUMNS,
    rows=queue_rows,
    count=queue_count,
)
