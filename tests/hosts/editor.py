"""An editor at one host's admin, over HTTP as a browser posts the admin's forms.

Cookies are kept by hand: production marks them Secure, which a cookie jar would not send over
the plain HTTP the hosts serve on 127.0.0.1. The edit form is posted as the admin's JavaScript
posts it (nested StreamField names, Draftail contentstate), built without the database, which
belongs to the hosts: the citation is written as the contentstate entity the editor's chooser
makes.
"""

import json
import re
from urllib.parse import urlencode

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.live_servers import request

PUBLISH = {"action-publish": "Publish"}


def narrative_citing(source_id: int, text: str = "As this source shows.") -> str:
    """A narrative paragraph whose words "this source" cite the source, as Draftail sends it."""
    linked = "this source"
    block = {
        "key": "hosts",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": text.index(linked), "length": len(linked), "key": 0}],
        "data": {},
    }
    entity = {"type": "SOURCE", "mutability": "MUTABLE", "data": {"id": source_id}}
    return json.dumps({"blocks": [block], "entityMap": {"0": entity}})


def messages(content: bytes) -> list[str]:
    """What a refused form says: the admin's error messages, as text."""
    text = content.decode(errors="replace")
    found = re.findall(r'class="[^"]*(?:error|critical)[^"]*"[^>]*>(.*?)</', text, re.S)
    return [re.sub(r"\s+", " ", message).strip() for message in found if message.strip()]


class Editor:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, form: dict | None = None):
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, content = request(
            self.port, method, path, headers=headers, body=body
        )
        for cookie in response_headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name, None)  # deleted
            else:
                self.cookies[name] = value
        return status, response_headers, content

    def sign_in(self, username: str, password: str) -> None:
        self.send("GET", "/admin/login/")
        status, headers, content = self.send(
            "POST", "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert (status, headers["Location"]) == (302, "/admin/"), (status, messages(content))

    def publish_statement_page(self, page_id, *, title, slug, statement_id, source_id) -> None:
        """Publish a vision statement page with a new title, still citing the source."""
        form = nested_form_data(
            {
                "title": title,
                "slug": slug,
                "vision_statement": statement_id,
                "summary": "",
                "body": streamfield([("narrative", narrative_citing(source_id))]),
                "comments": inline_formset([]),
            }
        )
        status, _headers, content = self.send(
            "POST", f"/admin/pages/{page_id}/edit/", {**form, **PUBLISH}
        )
        assert status == 302, f"the edit form was not accepted: {status} {messages(content)}"
