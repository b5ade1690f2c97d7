from django.apps import AppConfig


class CitationsConfig(AppConfig):
    name = "citations"
    verbose_name = "Citation index"

    def ready(self):
        from citations.index import connect_signals

        connect_signals()
