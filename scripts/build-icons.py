"""Build static/icons/sprite.svg from lucide-static (npm, ISC licence): only the icons the portal uses.

Usage: npm pack lucide-static@1.62.0 && tar xzf lucide-static-*.tgz && python scripts/build-icons.py package
(the sprite and the licence are committed; run this only to add an icon: add its name to ICONS)."""

import re
import shutil
import sys
from pathlib import Path

ICONS = [
    "calendar-days", "users", "file-text", "chart-gantt", "bell", "history", "settings", "search", "menu",
    "house", "user", "log-out", "clipboard-list", "mail-warning", "chevron-down", "arrow-up-down", "arrow-up",
    "arrow-down", "layout-dashboard", "code",
]  # fmt: skip


def main(package: Path) -> None:
    out = Path(__file__).resolve().parent.parent / "static" / "icons"
    symbols = []
    for name in ICONS:
        svg = (package / "icons" / f"{name}.svg").read_text()
        body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.DOTALL)
        assert body, name
        inner = " ".join(line.strip() for line in body.group(1).strip().splitlines())
        symbols.append(f'<symbol id="{name}" viewBox="0 0 24 24">{inner}</symbol>')
    version = re.search(r'"version": "([^"]+)"', (package / "package.json").read_text())
    header = (
        f"<!-- Lucide icons (lucide-static {version.group(1) if version else '?'}, ISC licence: LICENSE-lucide.txt) -->"
    )
    (out / "sprite.svg").write_text(
        f'{header}\n<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )
    shutil.copy(package / "LICENSE", out / "LICENSE-lucide.txt")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
