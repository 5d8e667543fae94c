"""Staff's conference e-mail texts move to core's EmailTemplate (key "conferences.<kind>"),
and the conference's own model goes."""

from django.db import migrations


def to_core(apps, schema_editor):
    Old = apps.get_model("conferences", "EmailTemplate")
    New = apps.get_model("emails", "EmailTemplate")
    for old in Old.objects.all():
        new, _created = New.objects.update_or_create(
            key=f"conferences.{old.kind}",
            defaults={"subject": old.subject, "body": old.body, "updated_by_id": old.updated_by_id},
        )
        # auto_now set the time of the move: keep the time staff edited it.
        New.objects.filter(pk=new.pk).update(updated_at=old.updated_at)


def to_conferences(apps, schema_editor):
    Old = apps.get_model("conferences", "EmailTemplate")
    New = apps.get_model("emails", "EmailTemplate")
    for new in New.objects.filter(key__startswith="conferences."):
        old, _created = Old.objects.update_or_create(
            kind=new.key.removeprefix("conferences."),
            defaults={"subject": new.subject, "body": new.body, "updated_by_id": new.updated_by_id},
        )
        Old.objects.filter(pk=old.pk).update(updated_at=new.updated_at)
        new.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0005_offers_signups_checkins_texts"),
        ("emails", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_core, to_conferences),
        migrations.DeleteModel(name="EmailTemplate"),
    ]
