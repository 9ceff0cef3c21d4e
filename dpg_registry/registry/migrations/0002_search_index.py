from django.db import migrations

from dpg_registry.registry.search import postgres, sqlite


def _backend(schema_editor):
    return postgres if schema_editor.connection.vendor == "postgresql" else sqlite


def create(apps, schema_editor):
    for statement in _backend(schema_editor).CREATE.split("; "):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute(_backend(schema_editor).DROP)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
