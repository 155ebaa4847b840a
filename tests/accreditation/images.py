"""Pictures for the photo tests, made on the spot."""

import io

from PIL import Image


def jpeg_bytes(width: int, height: int, colour=(200, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


def png_bytes(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 200, 30)).save(out, "PNG")
    return out.getvalue()


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header claims width × height pixels, made of one-bit rows that compress to almost nothing:
    a few hundred kilobytes that would decode to gigabytes."""
    out = io.BytesIO()
    Image.new("1", (width, height), 0).save(out, "PNG", optimize=False)
    return out.getvalue()
