"""Photos: checked before they are decoded (type, bytes, pixels), cropped to 3:4, stored re-encoded."""

import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accreditation.photos import CropBox, PhotoRefused, normalised_photo
from tests.accreditation.images import jpeg_bytes, png_bomb, png_bytes


def upload(content: bytes, name="photo.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_photo_is_cropped_to_the_badge_and_re_encoded_without_its_metadata():
    source = Image.new("RGB", (1200, 900), (200, 10, 10))
    exif = source.getexif()
    exif[0x010E] = "GPS 21.0285 105.8542 secret"  # ImageDescription
    out = io.BytesIO()
    source.save(out, "JPEG", exif=exif)

    stored = normalised_photo(upload(out.getvalue()))

    picture = Image.open(io.BytesIO(stored))
    assert (picture.format, picture.size) == ("JPEG", (600, 800))
    assert b"secret" not in stored
    assert dict(picture.getexif()) == {}


def test_the_browsers_crop_box_is_used_and_kept_to_the_ratio():
    source = Image.new("RGB", (1000, 1000), (0, 0, 255))
    source.paste((255, 0, 0), (0, 0, 300, 1000))  # a red band on the left
    out = io.BytesIO()
    source.save(out, "PNG")

    stored = normalised_photo(upload(out.getvalue(), "p.png"), crop=CropBox(0, 0, 300, 400))

    picture = Image.open(io.BytesIO(stored)).convert("RGB")
    assert picture.size == (600, 800)
    red, _green, blue = picture.getpixel((300, 400))
    assert red > 200 and blue < 60  # the box the person chose, not the blue centre


def test_a_file_that_is_not_a_picture_is_refused():
    with pytest.raises(PhotoRefused, match="not a picture"):
        normalised_photo(upload(b"%PDF-1.4 not a photo at all"))


def test_a_gif_is_refused_with_the_accepted_types():
    out = io.BytesIO()
    Image.new("RGB", (400, 500)).save(out, "GIF")
    with pytest.raises(PhotoRefused, match="JPEG, PNG or WebP"):
        normalised_photo(upload(out.getvalue(), "p.gif"))


def test_a_photo_over_the_byte_limit_is_refused_before_it_is_read(settings):
    settings.ACCSM_PHOTO_MAX_BYTES = 50_000
    with pytest.raises(PhotoRefused, match="larger than 1 MB"):
        normalised_photo(upload(b"\xff\xd8" + b"0" * 60_000))


def test_a_photo_too_small_for_a_badge_is_refused():
    with pytest.raises(PhotoRefused, match="100 × 120 pixels"):
        normalised_photo(upload(png_bytes(100, 120), "small.png"))


def test_a_decompression_bomb_is_refused_without_decoding_it():
    bomb = png_bomb()  # 900 million pixels in a small file
    assert len(bomb) < 5 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(PhotoRefused, match="more than 40 million pixels"):
            normalised_photo(upload(bomb, "bomb.png"))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024  # decoding it would take ~900 MB


def test_a_truncated_picture_is_refused_as_damaged():
    data = jpeg_bytes(800, 1000)
    with pytest.raises(PhotoRefused, match="damaged"):
        normalised_photo(upload(data[: len(data) // 2]))


def test_a_picture_over_the_pixel_bound_is_refused_from_its_header(settings):
    settings.ACCSM_PHOTO_MAX_PIXELS = 1_000_000
    with pytest.raises(PhotoRefused, match="more than 1 million pixels"):
        normalised_photo(upload(png_bytes(1200, 1000), "big.png"))
