"""How a delivery is signed (docs/webhooks.md shows the receiver's side).

    X-ACCSM-Timestamp: 1764860400                 (Unix seconds when this attempt was sent)
    X-ACCSM-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>

The timestamp is inside the signed text, so a receiver that refuses timestamps older than a few minutes
refuses a replayed request; the event id (X-ACCSM-Event-Id, also in the body) lets it drop a repeat.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "X-ACCSM-Signature"
TIMESTAMP_HEADER = "X-ACCSM-Timestamp"
EVENT_HEADER = "X-ACCSM-Event"
EVENT_ID_HEADER = "X-ACCSM-Event-Id"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return secrets.token_hex(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"v1={mac.hexdigest()}"


def headers(*, secret: str, event: str, event_id: str, body: bytes, now: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if now is None else now
    return {
        "Content-Type": "application/json",
        "User-Agent": "ACCSM-Portal-Webhooks/1",
        EVENT_HEADER: event,
        EVENT_ID_HEADER: event_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def verify(secret: str, received: dict[str, str], body: bytes, *, now: int | None = None) -> bool:
    """The receiver's check, as docs/webhooks.md writes it (the tests' server uses this one)."""
    try:
        timestamp = int(received[TIMESTAMP_HEADER])
    except (KeyError, ValueError):
        return False
    if abs((int(time.time()) if now is None else now) - timestamp) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), received.get(SIGNATURE_HEADER, ""))
