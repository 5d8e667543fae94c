"""Load the subjects: reference data."""

from django.db import migrations
from django.utils.text import slugify


def load(apps, schema_editor):
    from teachers.subjects import SUBJECTS

    Subject = apps.get_model("teachers", "Subject")
    for name in SUBJECTS:
        Subject.objects.update_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("teachers", "0003_subjects_and_profile")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
