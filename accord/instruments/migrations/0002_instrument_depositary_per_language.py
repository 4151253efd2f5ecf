"""The depositary in both languages: the old single field was English on Russian pages too."""

from django.db import migrations, models

UN_SECRETARY_GENERAL = {
    "Secretary-General of the United Nations": "Генеральный секретарь Организации Объединённых Наций",
}


def fill_russian(apps, schema_editor):
    Instrument = apps.get_model("instruments", "Instrument")
    for english, russian in UN_SECRETARY_GENERAL.items():
        Instrument.objects.filter(depositary_en=english, depositary_ru="").update(depositary_ru=russian)


class Migration(migrations.Migration):
    dependencies = [
        ("instruments", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("instrument", "depositary", "depositary_en"),
        migrations.AlterField(
            model_name="instrument",
            name="depositary_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="depositary (English)"),
        ),
        migrations.AddField(
            model_name="instrument",
            name="depositary_ru",
            field=models.CharField(blank=True, max_length=300, verbose_name="depositary (Russian)"),
        ),
        migrations.RunPython(fill_russian, migrations.RunPython.noop),
    ]
