"""Reading badges back as a door keeper's phone would: the PDF rendered to pixels by poppler's pdftoppm,
the QR codes decoded by zxing-cpp."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def pdf_pages_as_images(pdf: bytes, *, dpi: int = 150) -> list:
    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.skip("needs poppler-utils (pdftoppm): scripts/system-packages.sh test installs it")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "badges.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(folder) / "page")], check=True)
        return [Image.open(path).copy() for path in sorted(Path(folder).glob("page*.png"))]


def read_qr_codes(pdf: bytes) -> list[str]:
    """Every QR code's text on every page, in reading order (top to bottom, left to right)."""
    import zxingcpp

    texts = []
    for image in pdf_pages_as_images(pdf):
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        found.sort(key=lambda b: (round(b.position.top_left.y / 200), b.position.top_left.x))
        texts += [barcode.text for barcode in found]
    return texts
