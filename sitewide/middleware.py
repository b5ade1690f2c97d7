"""Control characters never reach a reader's HTML, whatever text reached the database.

The admin's forms drop what editors paste (`evidence.forms`) and each non-HTML format cleans
its own output (feeds, JSON-LD, CSV/XLSX, RIS/BibTeX, `evidence.text`). HTML is drawn from
hundreds of template variables, and text can reach the database without a form (an import, a
row older than the forms' cleaning, a script): rather than clean every variable, the rendered
page is cleaned once here. HTML forbids these characters (a parse error, U+0000 becomes
U+FFFD), so nothing a reader could see is lost.
"""

from evidence.text import CONTROL_BYTES, has_control_bytes


class ControlCharactersMiddleware:
    """Drops C0/C1 control characters (not tab, line feed, carriage return) from UTF-8 HTML.

    It is the last middleware in `MIDDLEWARE` (settings, "Hardening"), so it sees the view's
    response first, error pages included, before anything compresses or measures it. The check
    is a pass over the bytes (`has_control_bytes`); a page without control characters is left
    as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (
            not response.streaming
            and content_type.startswith("text/html")
            and "utf-8" in content_type.lower()
            and has_control_bytes(response.content)
        ):
            response.content = CONTROL_BYTES.sub(b"", response.content)
        return response
