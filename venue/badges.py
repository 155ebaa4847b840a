"""What a badge carries: the signed code in its QR, the photo slot, the role's colour.

The QR holds `<serial>:<signature>` made by `signing.Signer(salt="venue.badge")` with the portal's secret
key: no name, no country, nothing personal. A code whose signature does not match was forged or altered;
a code of another shape is not a badge of this portal at all.
"""

from __future__ import annotations

import re
import secrets

from django.core import signing

from meetings.models import Participant

SALT = "venue.badge"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed without mistakes
SERIAL_LENGTH = 8
SERIAL = re.compile(rf"^[{ALPHABET}]{{{SERIAL_LENGTH}}}$")

# The band at the foot of a badge, per role, unless the meeting sets its own (BadgeDesign).
DEFAULT_ROLE_COLOURS = {
    Participant.Role.HEAD: "#8a1c1c",
    Participant.Role.ALTERNATE: "#b45309",
    Participant.Role.DELEGATE: "#0b4f8a",
    Participant.Role.ADVISER: "#0f766e",
    Participant.Role.OBSERVER: "#6b7280",
    Participant.Role.SPEAKER: "#6d28d9",
}


def new_serial() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SERIAL_LENGTH))


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def qr_payload(serial: str) -> str:
    return _signer().sign(serial)


class NotOurs(Exception):
    """Not a badge code of this portal (another system's QR, a URL, a typo)."""


class Forged(Exception):
    """Shaped like a badge code, but the signature does not match: forged or altered."""


def serial_from_qr(code: str) -> str:
    """The serial a scanned QR carries, once its signature is checked."""
    code = (code or "").strip()
    serial, separator, _signature = code.partition(":")
    if not separator or not SERIAL.match(serial) or len(code) > 100:
        raise NotOurs
    try:
        return _signer().unsign(code)
    except signing.BadSignature:
        raise Forged from None


def serial_from_typed(text: str) -> str:
    """'7k3q 9xmd', '7K3Q-9XMD' → '7K3Q9XMD'; anything else is not a badge number."""
    serial = re.sub(r"[\s\-]", "", (text or "")[:40]).upper()
    if not SERIAL.match(serial):
        raise NotOurs
    return serial


def attach_photos(participants) -> None:
    """Read which of `participants` have an accreditation photo in one query, for photo_for (a whole sheet)."""
    from accreditation.services import photo_names

    names = photo_names(participants)
    for participant in participants:
        participant.badge_photo_name = names.get(participant.pk, "")


def photo_for(participant: Participant):
    """The participant's badge photo from their accreditation (an open image for reportlab), or None: the badge
    then shows initials. After attach_photos() only the file is read, no query is made."""
    import io

    from accreditation.services import photo_bytes, read_photo

    name = getattr(participant, "badge_photo_name", None)
    data = photo_bytes(participant) if name is None else (read_photo(name) if name else None)
    return io.BytesIO(data) if data else None


def initials(participant: Participant) -> str:
    """'Nguyễn Duy Thăng' → 'NT': first and last word of the name, for the photo slot without a photo."""
    words = [word for word in participant.full_name.split() if word[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def role_colour(role: str, colours: dict | None) -> str:
    return (colours or {}).get(role) or DEFAULT_ROLE_COLOURS.get(role, "#0b4f8a")
