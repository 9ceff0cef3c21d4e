from django.apps import AppConfig


class I18nConfig(AppConfig):
    name = "dpg_registry.i18n"
    label = "dpg_i18n"
    verbose_name = "Languages"
