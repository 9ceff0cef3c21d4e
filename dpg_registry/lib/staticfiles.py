"""The static files `collectstatic` gathers: all but django-ninja's ReDoc bundle (4 MB with its source map), which
the API's documentation page, django-ninja's Swagger UI, never loads."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class StaticFiles(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "redoc.standalone.js*"]
