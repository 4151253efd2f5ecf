"""An initiative step's note in both languages, like the initiative's title: the timeline reads in the reader's language.

A note already written stays where its script says: Cyrillic in Russian, the rest in English.
"""

import re

from django.db import migrations, models

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def sort_by_script(apps, schema_editor):
    InitiativeStep = apps.get_model("cooperation", "InitiativeStep")
    for step in InitiativeStep.objects.exclude(note_ru="").only("pk", "note_ru"):
        if not CYRILLIC.search(step.note_ru):
            InitiativeStep.objects.filter(pk=step.pk).update(note_en=step.note_ru, note_ru="")


def back_to_one_note(apps, schema_editor):
    InitiativeStep = apps.get_model("cooperation", "InitiativeStep")
    InitiativeStep.objects.filter(note_ru="").exclude(note_en="").update(note_ru=models.F("note_en"))


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("initiativestep", "note", "note_ru"),
        migrations.AlterField(
            model_name="initiativestep",
            name="note_ru",
            field=models.TextField(blank=True, verbose_name="note (Russian)"),
        ),
        migrations.AddField(
            model_name="initiativestep",
            name="note_en",
            field=models.TextField(blank=True, verbose_name="note (English)"),
        ),
        migrations.RunPython(sort_by_script, back_to_one_note),
    ]
