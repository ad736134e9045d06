"""Levels kept exactly as given (ADR 0023); 8/2026 answers can wait for an external value."""

import spbe.evaluation.models.levels
from django.db import migrations, models


# The 8/2026 indicators whose value comes from another national index (as in the data file).
PEMDI = "permenpanrb-8-2026"
EXTERNAL = {
    "5": ("Indeks Satu Data Indonesia (nilai SDI)", "One Data Indonesia (SDI) score"),
    "6": ("Nilai Simpul Jaringan Informasi Geospasial (SJIG)", "Geospatial information network (SJIG) score"),
    "7": ("Indeks Pembangunan Statistik (EPSS)", "Statistics development index (EPSS)"),
    "18": ("Penilaian interoperabilitas data (SPBE/Satu Data)", "Data interoperability assessment (SPBE/One Data)"),
}


def canonical_texts(apps, schema_editor):
    """A decimal column turned text reads "3.00" (PostgreSQL) or "3" (SQLite): write one text for one number."""
    from decimal import Decimal

    from spbe.scoring.numbers import exact_level_text

    for model_name, fields in (("Answer", ("self_level", "verified_level")), ("StageReview", ("level",))):
        model = apps.get_model("evaluation", model_name)
        for field in fields:
            rows = model.objects.exclude(**{f"{field}__isnull": True}).values_list("pk", field)
            for pk, value in rows.iterator():
                text = exact_level_text(Decimal(str(value)))
                model.objects.filter(pk=pk).update(**{field: text})


def pemdi_snapshots(apps, schema_editor):
    """Assessments started under 8/2026 before this change get the exact values and the external markers."""
    assessment_model = apps.get_model("evaluation", "Assessment")
    for assessment in assessment_model.objects.filter(framework_id=PEMDI):
        snapshot = assessment.framework_snapshot
        snapshot.setdefault("values", {})["exact"] = True
        for aspect in snapshot.get("aspects", []):
            for indicator in aspect.get("indicators", []):
                if str(indicator.get("code")) in EXTERNAL:
                    indicator["external"], indicator["external_en"] = EXTERNAL[str(indicator["code"])]
        snapshot["data_version"] = f"{snapshot.get('data_version', '')}+exact"
        assessment.framework_snapshot = snapshot
        assessment.save(update_fields=["framework_snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0003_action_plans"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="answer",
            name="self_level_in_range",
        ),
        migrations.AddField(
            model_name="answer",
            name="external_pending",
            field=models.BooleanField(default=False, verbose_name="external value pending"),
        ),
        migrations.AlterField(
            model_name="answer",
            name="self_level",
            field=spbe.evaluation.models.levels.ExactLevelField(
                blank=True, null=True, verbose_name="self-assessed level"
            ),
        ),
        migrations.AlterField(
            model_name="answer",
            name="verified_level",
            field=spbe.evaluation.models.levels.ExactLevelField(blank=True, null=True, verbose_name="verified level"),
        ),
        migrations.AlterField(
            model_name="stagereview",
            name="level",
            field=spbe.evaluation.models.levels.ExactLevelField(blank=True, null=True, verbose_name="level"),
        ),
        migrations.RunPython(canonical_texts, migrations.RunPython.noop),
        migrations.RunPython(pemdi_snapshots, migrations.RunPython.noop),
    ]
