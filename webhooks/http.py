"""The one way a webhook leaves the portal: an HTTPS POST to a public address, bounded in every way.

- Only https:// URLs; the host is resolved once and every address it resolves to must be public (not
  private, loopback, link-local, multicast, reserved…); the connection then goes to the checked address
  (with the host name for TLS and Host), so a DNS answer that changes between the check and the connect
  (rebinding) cannot reach the inside. `WEBHOOKS_ALLOW_LOOPBACK` lets loopback through (the tests' own
  server); production leaves it off.
- Short timeouts (connect, each read, and the whole answer), no redirect followed (a 3xx is a failure),
  at most MAX_RESPONSE_BYTES of the answer read: a slow or huge endpoint costs a worker seconds, never more.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from common.errors import DomainError

CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 5.0
TOTAL_SECONDS = 10.0
MAX_RESPONSE_BYTES = 64 * 1024


class RefusedAddress(DomainError):
    pass


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    body: bytes = b""
    error: str = ""
    duration_ms: int = 0

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _refuse(message: str) -> RefusedAddress:
    return RefusedAddress(message, field="url")


def check_url(url: str) -> tuple[str, int, str]:
    """The URL's (host, port, path with query), or RefusedAddress. Does not resolve the host."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise _refuse(_("The address must start with https://."))
    if not parts.hostname or parts.username or parts.password:
        raise _refuse(_("The address must name a host, without a user name or password."))
    try:
        port = parts.port or 443
    except ValueError:
        raise _refuse(_("The address has an invalid port.")) from None
    return parts.hostname, port, (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return bool(settings.WEBHOOKS_ALLOW_LOOPBACK)
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """One public address of `host`; RefusedAddress if it has none, or if any of its addresses is not public
    (a name that also points inside is refused as a whole)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise _refuse(_("The host name does not resolve.")) from None
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(_allowed(address) for address in addresses):
        raise _refuse(_("The address points to a private, local or reserved network, which webhooks may not reach."))
    return addresses[0]


def check_endpoint(url: str) -> None:
    """The form's and the service's check of a new endpoint: HTTPS, and a host that resolves to public addresses."""
    host, port, _path = check_url(url)
    resolve(host, port)


def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to the address we checked, while TLS and Host still name the host."""

    def __init__(self, host: str, port: int, *, address: str, context: ssl.SSLContext):
        super().__init__(host, port, timeout=CONNECT_TIMEOUT, context=context)
        self._address = address
        self._tls = context

    def connect(self):
        sock = socket.create_connection((self._address, self.port), CONNECT_TIMEOUT)
        sock.settimeout(READ_TIMEOUT)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST `body`; never raises for the endpoint's faults (they come back in `Answer.error`)."""
    started = time.monotonic()

    def took() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        host, port, path = check_url(url)
        address = resolve(host, port)
    except RefusedAddress as refused:
        return Answer(None, error=str(refused.message), duration_ms=took())
    connection = _PinnedHTTPSConnection(host, port, address=address, context=tls_context())
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        chunks, size = [], 0
        while size < MAX_RESPONSE_BYTES:
            if time.monotonic() - started > TOTAL_SECONDS:
                return Answer(response.status, b"".join(chunks), error="answer too slow", duration_ms=took())
            chunk = response.read1(min(8192, MAX_RESPONSE_BYTES - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return Answer(response.status, b"".join(chunks), duration_ms=took())
    except TimeoutError:
        return Answer(None, error="timed out", duration_ms=took())
    except (OSError, http.client.HTTPException, ssl.SSLError) as error:
        return Answer(None, error=f"{type(error).__name__}: {error}"[:300], duration_ms=took())
    finally:
        connection.close()
