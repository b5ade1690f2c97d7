"""What a reader sees, and what the database holds, as plain data two databases can be compared
by: the backup round trip takes it from the original in the test and from the restored copy in
a separate process (`restored_site.py`), with the same settings."""

import hashlib
import re

from django.db import connection
from django.test import Client

#: Per-response values that differ between two renders of the same content.
VOLATILE = re.compile(r'(nonce|csrfmiddlewaretoken" value)="[^"]*"')


def table_counts() -> dict[str, int]:
    """Rows per table, read through Django's own introspection (not the code under test)."""
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("text/html"):
        return VOLATILE.sub(r'\1=""', content.decode())
    return "sha256:" + hashlib.sha256(content).hexdigest()


def snapshot(urls: list[str]) -> dict:
    tables = table_counts()
    client = Client()
    pages = {}
    for url in urls:
        response = client.get(url)
        pages[url] = [response.status_code, body(response)]
    return {"tables": tables, "pages": pages}
