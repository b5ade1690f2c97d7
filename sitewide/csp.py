"""The Content-Security-Policy of every response: strict on the public site, looser in the admin.

django-csp 4 has one policy for the whole site (`CONTENT_SECURITY_POLICY`) and per-view
decorators, but no per-path policy, and Wagtail's admin views are not ours to decorate. The
admin needs what the public site must not allow: Wagtail's own templates write inline scripts
(date pickers, inline panels) and style attributes, and page previews are shown in an iframe of
the editor. So this middleware gives every response under the admin's URL the
`ADMIN_CONTENT_SECURITY_POLICY` instead. A page or snippet preview is the public page rendered
for the admin: it keeps the public policy (so a preview shows what readers' browsers allow),
except that the editor's own pages may frame it.

The 500 page carries its styles inline so that it renders when nothing else works (no static
files, no database): its policy allows exactly that stylesheet by its hash, and nothing else
inline.
"""

import base64
import hashlib
import re
from functools import cache

from csp.constants import HEADER, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_path(path: str) -> bool:
    return path.startswith(admin_prefix())


@cache
def server_error_style_hashes() -> tuple[str, ...]:
    """CSP hash sources for the inline stylesheets of 500.html (a static template, so hashing
    its rendering once per process covers every 500 response)."""
    html = render_to_string("500.html")
    return tuple(
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(style.encode()).digest()).decode("ascii")
        )
        for style in STYLE_ELEMENT.findall(html)
    )


#: The responses whose policy may change with the view or the page: django-csp decides.
OWN_POLICY_ATTRIBUTES = (
    "_csp_exempt",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt_ro",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy for admin paths and the 500 page's
    stylesheet allowed on 500 responses. A view's own `@csp`/`@csp_update` still wins.

    The public site's policy is the same string for every ordinary response, so it is built
    once per process (per settings object) rather than for each response: django-csp builds it
    afresh each time, which was an eighth of serving a page from the page cache. Anything else
    (the admin, previews, errors, a view's own policy, a nonce, a report-only policy) goes
    through django-csp as before.
    """

    _public_policy: tuple = (None, "")

    def process_response(self, request, response):
        header = self.public_policy(request, response)
        if header is None:
            return super().process_response(request, response)
        excluded = settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES") or ()
        if HEADER not in response and not request.path_info.startswith(tuple(excluded)):
            response[HEADER] = header
        if getattr(request, "_csp_nonce", None) is None:  # as django-csp: too late for a nonce
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def public_policy(self, request, response) -> str | None:
        """The public policy for an ordinary public response; None for anything else."""
        if (
            response.status_code in (404, 500)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or getattr(request, "is_dummy", False)
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in OWN_POLICY_ATTRIBUTES)
            or is_admin_path(request.path_info)
        ):
            return None
        policy = settings.CONTENT_SECURITY_POLICY
        built_for, header = self._public_policy
        if built_for is not policy:
            header = build_policy()
            type(self)._public_policy = (policy, header)
        return header

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if getattr(request, "is_dummy", False):
            # Wagtail renders a preview by sending a made-up request for the public URL
            # through the middleware again: the public policy, but the editor may frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        elif is_admin_path(request.path_info):
            if parts.config is None:
                parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        elif response.status_code == 500:
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", ()), *server_error_style_hashes()]
            parts.update = update
        return parts
