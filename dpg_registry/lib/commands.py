"""The base of the `dpg` commands that read or fill the registry's data."""

from django.core.management.base import BaseCommand


class DataCommand(BaseCommand):
    """A command that works on the data and leaves Django's system checks to `dpg migrate` and `dpg serve`.

    The checks import every URL configuration and view (the API's schemas among them), about half a second
    of each short command such as `dpg role list` or `dpg ecosystem focal-points`, and tell nothing about
    the data these commands handle. `dpg manage check --deploy` runs them on demand.
    """

    requires_system_checks = []
