from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "dpg_registry.console"
    label = "console"
    verbose_name = "Console: the staff's queue, people and listings"
