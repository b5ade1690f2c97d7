"""The reader's IP address, as the throttles count it (sign-in lockouts, password reset and any
django-ratelimit limit: settings `AXES_CLIENT_IP_CALLABLE` and `RATELIMIT_IP_META_KEY`).

Behind a reverse proxy every request comes from the proxy's address, so the proxy's header has
to be read, but a header is only as trustworthy as the proxy that wrote it: a client can send
its own `X-Forwarded-For`, which the proxy then extends on the right. So the header is read only
when `CLIENT_IP_HEADER` names it, and then the entry `TRUSTED_PROXY_COUNT` places from the right
is taken (the address the outermost trusted proxy saw). Anything malformed falls back to
REMOTE_ADDR, which throttles the proxy's address as a whole: stricter, never looser.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    if not header:
        return remote_addr
    meta_key = "HTTP_" + header.upper().replace("-", "_")
    entries = [entry.strip() for entry in request.META.get(meta_key, "").split(",")]
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1 or len(entries) < count:
        return remote_addr
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
