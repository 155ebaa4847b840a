"""Accreditation photos: checked before they are decoded, cropped to the badge's ratio, stored re-encoded.

Self-contained (the coordinator may fold it into common/bounded.py): the upload's size is checked before it is
read; the picture's type and pixel dimensions are read from its header before any pixel is decoded, so a
decompression bomb (a small file that unpacks to gigapixels) is refused without allocating it; Pillow's own
bomb guard is raised to an error for the decode. What is stored is a fresh JPEG made from the pixels only
(no EXIF, no GPS position, no embedded payload), PHOTO_SIZE pixels, 3:4.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from common.errors import DomainError

from .models import PHOTO_RATIO, PHOTO_SIZE

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


class PhotoRefused(DomainError):
    code = "photo_refused"

    def __init__(self, message):
        super().__init__(message, field="photo")


@dataclass(frozen=True)
class CropBox:
    """The part of the picture the browser's cropper chose, in the picture's own pixels."""

    x: int
    y: int
    width: int
    height: int


def _read_bounded(upload) -> bytes:
    limit = settings.ACCSM_PHOTO_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise PhotoRefused(_too_big(limit))
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise PhotoRefused(_too_big(limit))
    return data


def _too_big(limit: int) -> str:
    return _("The photo is larger than %(size)d MB; send a smaller picture.") % {"size": max(1, limit // 1024**2)}


def _too_many_pixels(max_pixels: int) -> str:
    return _("The picture has more than %(max)d million pixels; send a smaller one.") % {
        "max": max(1, max_pixels // 1_000_000)
    }


def _centre_box(width: int, height: int) -> tuple[int, int, int, int]:
    ratio_w, ratio_h = PHOTO_RATIO
    if width * ratio_h > height * ratio_w:  # too wide: keep the full height
        new_width = height * ratio_w // ratio_h
        left = (width - new_width) // 2
        return left, 0, left + new_width, height
    new_height = width * ratio_h // ratio_w
    top = (height - new_height) // 2
    return 0, top, width, top + new_height


def _box(crop: CropBox | None, width: int, height: int) -> tuple[int, int, int, int]:
    """The browser's box if it lies inside the picture (brought to the exact ratio), else the centre."""
    if crop is None or crop.width <= 0 or crop.height <= 0:
        return _centre_box(width, height)
    x, y = max(0, crop.x), max(0, crop.y)
    w, h = min(crop.width, width - x), min(crop.height, height - y)
    if w <= 0 or h <= 0:
        return _centre_box(width, height)
    left, top, right, bottom = _centre_box(w, h)
    return x + left, y + top, x + right, y + bottom


def normalised_photo(upload, *, crop: CropBox | None = None) -> bytes:
    """The stored JPEG for an uploaded photo, or PhotoRefused saying which bound it breaks."""
    data = _read_bounded(upload)
    min_side, max_pixels = settings.ACCSM_PHOTO_MIN_SIDE, settings.ACCSM_PHOTO_MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            kind = probe.format
            width, height = probe.size
    except Image.DecompressionBombError:  # far beyond Pillow's own bound (Image.MAX_IMAGE_PIXELS)
        raise PhotoRefused(_too_many_pixels(max_pixels)) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise PhotoRefused(_("This file is not a picture. Send a JPEG, PNG or WebP photo.")) from None
    if kind not in ACCEPTED_FORMATS:
        raise PhotoRefused(_("Send the photo as JPEG, PNG or WebP."))
    if width * height > min(max_pixels, Image.MAX_IMAGE_PIXELS or max_pixels):
        raise PhotoRefused(_too_many_pixels(max_pixels))
    if min(width, height) < min_side:
        raise PhotoRefused(
            _("The picture is %(width)d × %(height)d pixels; a badge photo needs at least %(min)d on each side.")
            % {"width": width, "height": height, "min": min_side}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                picture = ImageOps.exif_transpose(image).convert("RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused(_("This picture is damaged and cannot be read; save it again and retry.")) from None
    cropped = picture.crop(_box(crop, *picture.size)).resize(PHOTO_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    cropped.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()
