"""What the collaboration forms share: limits, messages, and showing a service's error."""

from django.utils.translation import gettext_lazy as _

from core.forms import add_domain_error

MAX_PLACES = 20
MAX_STUDENTS = 500

AGE_MESSAGES = {  # the range is MIN_STUDENT_AGE..MAX_STUDENT_AGE
    "min_value": _("Students' ages go from 10 to 21."),
    "max_value": _("Students' ages go from 10 to 21."),
    "invalid": _("Enter an age in years, e.g. 15."),
}
PLACES_MESSAGES = {
    "min_value": _("Ask for 1 to 20 partner schools."),
    "max_value": _("Ask for 1 to 20 partner schools."),
    "invalid": _("Enter a number of schools, e.g. 3."),
}
STUDENTS_MESSAGES = {
    "min_value": _("Between 1 and 500 students can take part."),
    "max_value": _("Between 1 and 500 students can take part."),
    "invalid": _("Enter a number of students, e.g. 25."),
}


class ServiceErrorMixin:
    def add_service_error(self, error: Exception) -> None:
        """Show a CollaborationError (full, answered already, ...) on its field, or at the top
        of the form."""
        add_domain_error(self, error)
