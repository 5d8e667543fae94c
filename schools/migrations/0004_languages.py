"""Load the languages of instruction: reference data, as needed in production as in the demo."""

from django.db import migrations


def load(apps, schema_editor):
    from schools.languages import LANGUAGES

    Language = apps.get_model("schools", "Language")
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("schools", "0003_language_school")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
