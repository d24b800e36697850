vcl 4.1;
# Varnish in front of the app servers (issue 17; docs/performance.md). The app says what may be cached
# (Cache-Control, site/home/http_cache.py); this file only:
# - passes what must never be shared: the admin, form posts, token links (brief, feeds, tracked links), the API
#   writes, and any request of a signed-in person (session cookie);
# - strips cookies from the other requests (an anonymous visitor's page is everyone's) and the utm_* tracking
#   parameters from the URL (one object per page, not per campaign link);
# - accepts PURGE (one URL) and BAN (a whole host) from the app servers only (wagtail.contrib.frontend_cache,
#   home.http_cache.VarnishBackend).
# Backends: backends.vcl per deployment (backends.vcl.example: two app servers, round robin, health
# checked); the tests and `make bench` write their own (tools/varnish.py).
import directors;
include "backends.vcl";

# The app servers (they send PURGE/BAN) and the TLS proxy on this host: add the app servers' addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) { return (synth(403, "Forbidden")); }
        return (purge);
    }
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) { return (synth(403, "Forbidden")); }
        ban("obj.http.x-host == " + req.http.host);
        return (synth(200, "Banned"));
    }

    # Behind a TLS proxy on the purgers' addresses, the X-Forwarded-For entry it appended is the visitor's:
    # keep it the right-most one (the app counts rate limits and sign-in attempts on it).
    if (client.ip ~ purgers && req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*[^,]+$", "");
    }

    if (req.method != "GET" && req.method != "HEAD") { return (pass); }
    if (req.url ~ "^/(admin|django-admin)(/|$)" || req.url ~ "^/(fr|nl)/(brief|go)/" || req.url ~ "^/go/"
        || req.url ~ "^/scheduling/" || req.url ~ "^/(fr|nl)/prevention/(quiz|self-check)/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") { return (pass); }

    # utm_* parameters: dropped from the cache key (and from what the app sees; analytics reads them in the page).
    if (req.url ~ "[?&]utm_[a-z]+=") {
        set req.url = regsuball(req.url, "([?&])utm_[a-z]+=[^&]*&?", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # The only request that depends on the language headers is the bare root (a redirect to /fr/ or /nl/).
    if (req.url != "/") { unset req.http.Accept-Language; }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.x-host = bereq.http.host;  # for BAN (ban lurker friendly)
    # Then the built-in VCL: the app's Cache-Control decides (s-maxage is the TTL; private, no-store, no-cache
    # or a Set-Cookie make a hit-for-miss object, so requests for it are not queued behind each other).
    # The grace is set here, not by stale-while-revalidate (browsers would apply it too): a burst never waits
    # for the app when an object expires.
    set beresp.grace = 30s;
}

sub vcl_deliver {
    unset resp.http.x-host;
    if (obj.hits > 0) { set resp.http.X-Cache = "hit"; } else { set resp.http.X-Cache = "miss"; }
}
