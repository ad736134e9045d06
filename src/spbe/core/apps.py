from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "spbe.core"
    verbose_name = "SPBE Suite"
