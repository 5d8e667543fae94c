"""Load the 51 ASEM partner countries: reference data that production needs as much as the demo."""

from django.db import migrations


def load(apps, schema_editor):
    # The list is plain data in schools/asem.py; seed_demo syncs from the same list.
    from schools.asem import ASEM_COUNTRIES

    Country = apps.get_model("schools", "Country")
    for code, name, region in ASEM_COUNTRIES:
        Country.objects.update_or_create(code=code, defaults={"name": name, "region": region})


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
