# Varnish in front of Story of Progress (Debian's varnish 7: /etc/varnish/default.vcl).
#
# The app says what may be kept: a response with `s-maxage` in Cache-Control (anonymous GETs of
# public pages, README "Caching") is kept that long, or until the app purges it on publish;
# anything else passes. Here, in addition, the admin, documents (served through a view that
# checks their collection's restrictions) and any request carrying a session, a CSRF token,
# messages or credentials always go to the app, and query strings are never kept (a filtered
# list has too many variants to purge by URL). PURGE is accepted from the `purgers` below only:
# the hosts the app runs on. Point FRONTEND_CACHE_VARNISH_URL at this Varnish (e.g.
# http://127.0.0.1:6081) so the app's purges reach it.

vcl 4.1;

# The app: gunicorn on this host (one backend per app host, or a director, for several).
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app's hosts. Add each host's address when the app runs on several.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the site's own hosts"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents)(/|$)" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    if (req.url ~ "\?") {
        return (pass);
    }
    # Other cookies (a reader's analytics, say) change no page: every anonymous reader shares
    # one copy, whatever `Vary: Cookie` the app sent.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Only what the app marked for shared caches; a miss is remembered for two minutes so that
    # requests for it are not queued behind each other.
    if (beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
