"""Admin forms that take what editors paste: control characters are dropped from a submission
before the form validates it, so the text is saved without them instead of being refused.

Why the form, and not the model (a `pre_save` cleaning of text fields):
- Django's form `CharField` refuses U+0000 ("Null characters are not allowed") before any model
  code runs: the editor sees an error about a character they cannot see, in a field they may not
  have touched (Draftail keeps it inside a paragraph), and the save is lost. Cleaning must come
  before validation, and only the form sees the submission then.
- A page's draft is a `Revision` whose JSON is serialised from the form's instance before the
  page row is saved; PostgreSQL's `jsonb` cannot hold `\\u0000` either. Cleaning the submission
  covers the row, the revision, previews and autosave alike.
- Draftail posts rich text (in a `RichTextField` or inside StreamField blocks) as contentstate
  JSON, in which a control character is an escape (`\\u000b`): submitted JSON is decoded,
  cleaned and encoded again, so rich text is cleaned like plain text.

Every admin form of the site's pages, snippets, settings, images and documents uses this mixin
(`tests/hardening/test_pasted_control_characters.py` checks that none escapes). Text that
reaches the database another way (imports, old rows) is cleaned where it is written out
(`evidence.text.without_control_characters`).
"""

import json
import re

from django.http import QueryDict

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from evidence.text import (
    CONTROL_CHARACTERS,
    without_control_characters,
    without_control_characters_in,
)

#: A control character written as a JSON escape, as JSON.stringify writes U+0000-U+001F.
JSON_CONTROL_ESCAPE = re.compile(r"\\u00(?:0[0-8bcef]|1[0-9a-f]|7f|[89][0-9a-f])", re.IGNORECASE)


def clean_submitted_value(value):
    """One submitted value without control characters, inside JSON (contentstate) too."""
    if not isinstance(value, str):
        return value  # an uploaded file
    value = without_control_characters(value)
    if value.lstrip()[:1] in ("{", "[") and JSON_CONTROL_ESCAPE.search(value):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return json.dumps(without_control_characters_in(decoded), ensure_ascii=False)
    return value


def needs_cleaning(value) -> bool:
    return isinstance(value, str) and bool(
        CONTROL_CHARACTERS.search(value) or JSON_CONTROL_ESCAPE.search(value)
    )


def clean_submission(data):
    """A copy of submitted form data without control characters, or `data` itself if it has
    none (the usual case costs one scan)."""
    if isinstance(data, QueryDict):
        if not any(needs_cleaning(v) for _key, values in data.lists() for v in values):
            return data
        cleaned = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            cleaned.setlist(key, [clean_submitted_value(v) for v in values])
        return cleaned
    if not any(needs_cleaning(v) for v in data.values()):
        return data
    return {key: clean_submitted_value(value) for key, value in data.items()}


class SubmittedTextCleaningMixin:
    """For admin forms: the submission loses its control characters before validation."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(None if data is None else clean_submission(data), *args, **kwargs)


class CleanTextAdminModelForm(SubmittedTextCleaningMixin, WagtailAdminModelForm):
    """The form of snippets and settings (their models' `base_form_class`)."""


class CleanTextPageForm(SubmittedTextCleaningMixin, WagtailAdminPageForm):
    """The form of every page type (their `base_form_class`)."""
