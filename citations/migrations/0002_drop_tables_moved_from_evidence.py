from django.db import migrations


class Migration(migrations.Migration):
    """Databases migrated before the citation index moved out of `evidence` still have its
    old tables (from the deleted `evidence/migrations/0002_citation_audit.py`), whose foreign
    keys to vision statements would block deleting one. Nothing reads them any more: drop
    them. On a new database they never existed, and this does nothing."""

    dependencies = [("citations", "0001_initial")]

    operations = [
        migrations.RunSQL(
            [
                "DROP TABLE IF EXISTS evidence_citation",
                "DROP TABLE IF EXISTS evidence_pageevidencesummary",
            ],
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
