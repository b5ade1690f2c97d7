from django.apps import AppConfig


class StoryConfig(AppConfig):
    name = "story"
    verbose_name = "Story of Progress"

    def ready(self):
        from story import (
            generation,
            gone,  # noqa: F401 (connects the receiver that remembers removed pages)
            routing,
        )

        routing.connect_signals()
        # What readers see is computed once per change and kept in the shared cache.
        generation.connect_signals()
