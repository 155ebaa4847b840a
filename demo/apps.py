from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Only for the `load_demo` management command: demo has no models."""

    name = "demo"
    verbose_name = "Demo data"
