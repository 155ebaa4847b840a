#!/usr/bin/env python3
"""The web container's healthcheck: GET /healthz as the TLS proxy would send it (an allowed Host, HTTPS
forwarded), without loading Django. Exit 0 when the portal answers 200, 1 otherwise (503: a part is down)."""

import os
import sys
import urllib.error
import urllib.request

hosts = [host.strip().lstrip(".") for host in os.environ.get("ALLOWED_HOSTS", "").split(",")]
host = next((host for host in hosts if host and host != "*"), "localhost")
request = urllib.request.Request(
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=8) as response:  # noqa: S310  a fixed local http URL
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError) as error:
    body = error.read().decode(errors="replace")[:500] if isinstance(error, urllib.error.HTTPError) else ""
    print(f"unhealthy: {error} {body}", file=sys.stderr)
    sys.exit(1)
