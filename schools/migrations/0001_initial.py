import django_countries.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Country",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", django_countries.fields.CountryField(max_length=2, unique=True, verbose_name="ISO code")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("region", models.CharField(choices=[("asia", "Asia"), ("europe", "Europe")], db_index=True, max_length=10, verbose_name="region")),
            ],
            options={
                "verbose_name": "country",
                "verbose_name_plural": "countries",
                "ordering": ["name"],
                "constraints": [models.CheckConstraint(condition=models.Q(("region__in", ["asia", "europe"])), name="country_region_valid")],
            },
        ),
    ]
