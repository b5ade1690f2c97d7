from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page caching"

    def ready(self):
        from caching import purges

        purges.connect_signals()
