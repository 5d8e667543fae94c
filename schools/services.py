"""Writes for countries and schools."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone as django_timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.images import process_image
from core.mail import absolute_url, send_templated_email

from .asem import ASEM_COUNTRIES
from .errors import SchoolError
from .models import Country, Language, School
from .timezones import zone_refusal


@transaction.atomic
def countries_sync(*, by=None) -> int:
    """Make the country table match the ASEM partner list; return how many rows changed.
    by: who asked (None when the system or a migration does it)."""
    changed = 0
    for code, name, region in ASEM_COUNTRIES:
        country, created = Country.objects.get_or_create(
            code=code, defaults={"name": name, "region": region}
        )
        if created:
            audit_record(actor=by, action="country.created", target=country)
        elif (
            Country.objects.filter(pk=country.pk)
            .exclude(name=name, region=region)
            .update(name=name, region=region)
        ):
            audit_record(actor=by, action="country.updated", target=country)
        else:
            continue
        changed += 1
    return changed


def _duplicate_of(*, name: str, city: str, country: Country, exclude_pk: int | None = None):
    return (
        School.objects.filter(name__iexact=name.strip(), city__iexact=city.strip(), country=country)
        .exclude(pk=exclude_pk)
        .first()
    )


def _save_logo(school: School, logo) -> None:
    processed = process_image(logo)
    school.logo.save(processed.image.name, processed.image, save=False)
    school.logo_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)


def _save(school: School) -> None:
    try:
        school.full_clean(validate_unique=False, validate_constraints=False)
        with transaction.atomic():
            school.save()
    except IntegrityError as error:
        # Two people proposed the same school at the same moment: the constraint decides.
        raise SchoolError(
            _("%(name)s in %(city)s is already listed. Pick it from the list instead.")
            % {"name": school.name, "city": school.city}
        ) from error


@transaction.atomic
def school_propose(
    *,
    by,
    name: str,
    country: Country,
    city: str,
    kind: str,
    website: str = "",
    student_count: str = "",
    languages: Iterable[Language] = (),
    description: str = "",
    logo=None,
) -> School:
    """A teacher adds the school they could not find; staff verify it later."""
    if existing := _duplicate_of(name=name, city=city, country=country):
        raise SchoolError(
            _("%(school)s is already listed. Pick it from the list instead.") % {"school": existing}
        )
    school = School(
        name=name.strip(),
        country=country,
        city=city.strip(),
        kind=kind,
        website=website,
        student_count=student_count,
        description=description,
        proposed_by=by,
    )
    if logo:
        _save_logo(school, logo)
    _save(school)
    school.languages.set(languages)
    audit_record(actor=by, action="school.proposed", target=school)
    return school


@transaction.atomic
def school_update(
    *,
    school: School,
    by,
    name: str,
    city: str,
    kind: str,
    website: str,
    student_count: str,
    languages: Iterable[Language],
    description: str,
    logo=None,
    remove_logo: bool = False,
    country: Country | None = None,
    timezone: str | None = None,
) -> School:
    """Edit a school (staff, or a verified teacher of the school). Country changes are staff's.
    `timezone`: one of its country's zones, "" for the usual one, None to leave it."""
    if country is not None:
        school.country = country
    if timezone is not None:
        if refusal := zone_refusal(timezone, school.country):
            raise SchoolError(refusal)
        school.timezone = timezone
    if _duplicate_of(name=name, city=city, country=school.country, exclude_pk=school.pk):
        raise SchoolError(
            _("Another school called %(name)s is already listed in %(city)s.")
            % {"name": name, "city": city}
        )
    school.name, school.city, school.kind = name.strip(), city.strip(), kind
    school.website, school.student_count, school.description = website, student_count, description
    if remove_logo or logo:  # a replaced logo must not stay on storage either
        school.logo.delete(save=False)
        school.logo_thumbnail.delete(save=False)
    if logo:
        _save_logo(school, logo)
    _save(school)
    school.languages.set(languages)
    audit_record(actor=by, action="school.edited", target=school)
    return school


@transaction.atomic
def school_verify(*, school: School, by) -> School:
    """Staff confirm that a proposed school exists; whoever proposed it is told."""
    school = (
        School.objects.select_for_update(of=("self",))
        .select_related("proposed_by")
        .get(pk=school.pk)
    )
    if school.is_verified:
        raise SchoolError(_("%(school)s is already verified.") % {"school": school})
    school.status = School.Status.VERIFIED
    school.verified_at = django_timezone.now()
    school.save(update_fields=["status", "verified_at", "updated_at"])
    audit_record(actor=by, action="school.verified", target=school)
    if school.proposed_by and school.proposed_by.is_active:
        send_templated_email(
            template="school_verified",
            to=[school.proposed_by.email],
            context={"school": school, "url": absolute_url(school.get_absolute_url())},
        )
    return school


def _references_to(school: School) -> list[tuple[type[models.Model], str]]:
    """Every foreign key in the project that points at School (found, not imported: apps
    above schools add theirs, and a merge must carry all of them over)."""
    return [
        (relation.related_model, relation.field.name)
        for relation in School._meta.related_objects
        if relation.one_to_many and relation.related_model is not School
    ]


@transaction.atomic
def school_merge(*, duplicate: School, into: School, by) -> School:
    """Fold a duplicate into the school it repeats: its teachers (and anything else that
    points at it) move over, and the duplicate is deleted. Same country only."""
    if duplicate.pk == into.pk:
        raise SchoolError(_("A school cannot be merged into itself."))
    locked = {
        s.pk: s for s in School.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk])
    }
    if len(locked) != 2:
        raise SchoolError(_("One of the two schools no longer exists."))
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    if duplicate.country_id != into.country_id:
        raise SchoolError(_("Only schools of the same country can be merged."))
    for model, field in _references_to(duplicate):
        model._default_manager.filter(**{field: duplicate}).update(**{field: into})
    into.languages.add(*duplicate.languages.all())
    note = f"Merged {duplicate.name}, {duplicate.city} (#{duplicate.pk}) into this school."
    audit_record(actor=by, action="school.merged", target=into, note=note)
    duplicate.delete()
    return into


def validate_http_url(value: str) -> None:
    if value and not value.lower().startswith(("http://", "https://")):
        raise ValidationError(_("Enter a web address that starts with https:// or http://."))
