"""A regional group's abbreviation in both languages: GRULAC on English pages, ГРУЛАК on Russian ones."""

from django.db import migrations, models

RUSSIAN = {"EEG": "ГВЕГ", "GRULAC": "ГРУЛАК", "WEOG": "ГЗЕДГ"}


def fill_russian(apps, schema_editor):
    RegionalGroup = apps.get_model("registry", "RegionalGroup")
    for code, abbreviation in RUSSIAN.items():
        RegionalGroup.objects.filter(code=code, abbreviation_ru="").update(abbreviation_ru=abbreviation)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_membership_exactly_one_member_shared"),
    ]

    operations = [
        migrations.RenameField("regionalgroup", "abbreviation", "abbreviation_en"),
        migrations.AlterField(
            model_name="regionalgroup",
            name="abbreviation_en",
            field=models.CharField(blank=True, max_length=16, verbose_name="abbreviation (English)"),
        ),
        migrations.AddField(
            model_name="regionalgroup",
            name="abbreviation_ru",
            field=models.CharField(blank=True, max_length=16, verbose_name="abbreviation (Russian)"),
        ),
        migrations.RunPython(fill_russian, migrations.RunPython.noop),
    ]
