from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "dpg_registry.worker"
    label = "worker"
    verbose_name = "Task workers"
