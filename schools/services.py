from django.db import transaction

from .asem import ASEM_COUNTRIES
from .models import Country


@transaction.atomic
def countries_sync() -> int:
    """Make the country table match the ASEM partner list; return how many rows changed."""
    changed = 0
    for code, name, region in ASEM_COUNTRIES:
        _, created = Country.objects.get_or_create(
            code=code, defaults={"name": name, "region": region}
        )
        if created:
            changed += 1
            continue
        changed += (
            Country.objects.filter(code=code)
            .exclude(name=name, region=region)
            .update(name=name, region=region)
        )
    return changed
