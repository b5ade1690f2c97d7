from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence"

    def ready(self):
        from evidence import bibliography, former_slugs, shared_references

        former_slugs.connect_signals()
        # Each APA reference is formatted once for every process, not once in each.
        bibliography.share_references(shared_references.SharedReferences())
        shared_references.connect_signals()
