"""The client's address as our own proxies saw it. The left-most X-Forwarded-For entry is whatever the
client wrote, so only the entries added by the TRUSTED_PROXY_COUNT proxies in front of us are believed."""

from django.conf import settings


def client_ip(request) -> str | None:
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(trusted, len(hops))]
    return request.META.get("REMOTE_ADDR") or None
