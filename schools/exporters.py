"""Export of the staff's school verification queue (registered in SchoolsConfig.ready()): the
proposed schools the page lists (it has no filters), every page of them."""

from django.http import QueryDict

from core.exports import Exporter

from .selectors import schools_awaiting_verification

CHUNK = 2000

COLUMNS = (
    "Proposed on",
    "School",
    "Kind",
    "City",
    "Country",
    "Region",
    "Proposed by",
    "Proposer's e-mail",
    "Teachers who chose it",
)


def queue_count(params: QueryDict, user) -> int:
    return schools_awaiting_verification().count()


def queue_rows(params: QueryDict, user):
    def rows():
        for school in schools_awaiting_verification().iterator(chunk_size=CHUNK):
            proposer = school.proposed_by
            yield (
                school.created_at.date().isoformat(),
                school.name,
                school.get_kind_display(),
                school.city,
                school.country.name,
                school.country.get_region_display(),
                (proposer.full_name if proposer else ""),
                (proposer.email if proposer else ""),
                school.teacher_count,
            )

    return "Schools to verify", rows()


SCHOOL_QUEUE = Exporter(
    name="schools.queue",
    title="Schools to verify",
    columns=COLUMNS,
    rows=queue_rows,
    count=queue_count,
)
