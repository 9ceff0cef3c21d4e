from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0006_quality_flags"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="listed_since_source",
            field=models.CharField(
                blank=True,
                choices=[
                    ("review", "date of the review's decision"),
                    ("record", "date given by the imported record"),
                    ("import", "date of import, not of review"),
                ],
                max_length=6,
            ),
        ),
    ]
