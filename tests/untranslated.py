"""Finding English interface text on a page that should be all Vietnamese.

A page in Vietnamese may rightly show English *content*: a name, an organisation, a title whose Vietnamese
field is empty (modeltranslation falls back to English). It must not show English *interface* text. So:

1. collect every text the page carries — text nodes (hidden ones too: messages the JavaScript reveals),
   the title, and the attributes people read or hear (placeholder, title, aria-label, alt, data-*…) —
   except what was typed into a textarea, code, and what is marked as another language (lang="en");
2. blank out the content that may stay English: every value of an untranslated text field of the portal's
   models, and the English value of a translated field whose Vietnamese value is empty;
3. look in what is left for (a) the English msgids of the catalogues (ours and Django's, which render
   form errors) — any of them found verbatim means a string was not translated, and (b) English function
   words ("the", "your", "with"…), which catch text that was never marked for translation at all.

`english_left(text, content=...)` does 2–3 on any text; `page_text(page)` does 1 in Playwright and
`html_text(html)` on a response of the test client; `english_on_pages(page, paths)` does it all for a list
of pages.
"""

from __future__ import annotations

import ast
import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
DJANGO = Path(django.__file__).resolve().parent
CATALOGUES = [
    ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po",
    DJANGO / "conf" / "locale" / "vi" / "LC_MESSAGES" / "django.po",
    DJANGO / "contrib" / "auth" / "locale" / "vi" / "LC_MESSAGES" / "django.po",
]
# An address in running text (a link in a plain-text email, "/calendar/meetings/42.ics"): not words.
URL = re.compile(r"\b(https?://|mailto:)\S+|(?<![\w/])/[\w.-]+/[\w./?=&%-]*")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}|<[^>]+>")
# Words no Vietnamese sentence uses: an English sentence the catalogue does not know still has one of them.
# fmt: off
ENGLISH_WORDS = frozenset([
    "the", "and", "of", "for", "by", "this", "these", "that", "which", "with", "without", "your", "you", "from",
    "have", "has", "been", "were", "was", "are", "is", "isn't", "not", "will", "would", "should", "could", "there",
    "here", "their", "them", "they", "what", "when", "where", "who", "whom", "why", "how", "into", "onto", "yet",
    "only", "also", "than", "then", "please",
])
# fmt: on
MIN_LETTERS = 4  # shorter msgids ("All", "To") are too likely to be a fragment of something else


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def catalogue_entries(path: Path) -> list[tuple[list[str], list[str]]]:
    """(msgids, msgstrs) of each live entry: the singular and plural ids, every translation form."""
    entries, current, field = [], None, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line or line.startswith("#"):  # an entry ends at a blank line or the next one's comments
            if current and current.get("msgid"):
                ids = [current["msgid"]] + ([current["msgid_plural"]] if "msgid_plural" in current else [])
                strs = [value for key, value in current.items() if key.startswith("msgstr")]
                entries.append((ids, strs))
            current, field = None, None
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"') and current is not None and field:
            current[field] += _unquote(line)
        elif keyword in ("msgctxt", "msgid", "msgid_plural") or keyword.startswith("msgstr"):
            if current is None or (keyword in ("msgctxt", "msgid") and field and field.startswith("msgstr")):
                current = {}
            field = keyword
            current[field] = _unquote(rest)
    return entries


def _normal(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def interface_phrases() -> tuple[str, ...]:
    """English pieces of interface text that a Vietnamese page must not contain.

    Each msgid is cut at its placeholders; a piece that also occurs in one of our Vietnamese translations
    ("ACCSM", "ASEAN", "PDF", "Note Verbale") is left out, being part of the Vietnamese interface too.
    """
    pieces, vietnamese = set(), []
    for path in CATALOGUES:
        for ids, strs in catalogue_entries(path):
            if path == CATALOGUES[0]:
                vietnamese.extend(strs)
            if any(_normal(s) == _normal(ids[0]) for s in strs):
                continue  # the same in both languages ("SHA-256")
            for msgid in ids:
                for piece in PLACEHOLDER.split(msgid):
                    piece = _normal(piece).strip(" .,:;·—–-()[]“”\"'?!/")
                    if sum(c.isalpha() for c in piece) >= MIN_LETTERS:
                        pieces.add(piece)
    vietnamese_text = _normal(" ".join(vietnamese))
    unique = {piece.casefold(): piece for piece in sorted(pieces)}.values()  # matching ignores case
    return tuple(
        sorted(
            (p for p in unique if not _word_pattern(p).search(vietnamese_text)),
            key=len,
            reverse=True,
        )
    )


@functools.cache
def _word_pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)


def untranslated_content(*, every_english_value: bool = False) -> set[str]:
    """Text the database holds that a Vietnamese page may rightly show in English.

    Every text field of the portal's own models (not Django's): the English value of a translated field
    whose Vietnamese value is empty, and every value of a field that is not translated (names,
    organisations, presenters, e-mail addresses…). Fields with choices are interface, not content.
    `every_english_value` adds the English value of every translated field, for pages that show both
    languages' values on purpose (the audit trail's before and after).
    """
    from django.apps import apps
    from django.db import models
    from modeltranslation.translator import NotRegistered, translator

    user_model = apps.get_model("accounts", "User")
    # A person shows by full name (or user name when it has none): the separate parts of a name ("Demo",
    # "Secretariat") are no content of their own, and would hide interface words.
    values = {name for user in user_model._base_manager.all() for name in (str(user), user.email) if name}
    for model in apps.get_models():
        if model is user_model:
            continue
        app_path = Path(apps.get_app_config(model._meta.app_label).path).resolve()
        # Only the portal's own apps: a virtualenv inside the checkout holds Django's and libraries' apps,
        # whose rows (content types such as "meetings", permission names) are no content of a page.
        if not app_path.is_relative_to(ROOT) or "site-packages" in app_path.parts:
            continue
        try:
            translated = set(translator.get_options_for_model(model).all_fields)
        except NotRegistered:
            translated = set()
        helper_fields = {f"{name}_{code}" for name in translated for code in ("en", "vi")}
        for name in translated:
            values.update(
                en
                for en, vi in model._base_manager.values_list(f"{name}_en", f"{name}_vi")
                if en and (every_english_value or not vi)
            )
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.CharField | models.TextField)
                and not field.choices
                and field.name not in translated | helper_fields
            ):
                values.update(v for v in model._base_manager.values_list(field.name, flat=True) if v)
    return values


def _blank_out(text: str, content: set[str]) -> str:
    for value in sorted({_normal(v) for v in content}, key=len, reverse=True):
        if sum(c.isalpha() for c in value) >= 3:
            text = _word_pattern(value).sub(" ⟦content⟧ ", text)
    return text


def english_left(text: str, *, content: set[str]) -> list[str]:
    """The English interface text in `text` once `content` is blanked out, each with a little context."""
    remaining = _blank_out(URL.sub(" ⟦address⟧ ", _normal(text)), content)
    found = []
    for phrase in interface_phrases():
        match = _word_pattern(phrase).search(remaining)
        if match:
            found.append(_in_context(remaining, match))
            remaining = remaining[: match.start()] + " ⟦found⟧ " + remaining[match.end() :]
    for word in ENGLISH_WORDS:
        match = _word_pattern(word).search(remaining)
        if match:
            found.append(_in_context(remaining, match))
    return found


def _in_context(text: str, match: re.Match) -> str:
    before = text[max(0, match.start() - 30) : match.start()]
    after = text[match.end() : match.end() + 30]
    return f"{match.group(0)!r} in …{before}[{match.group(0)}]{after}…"


PAGE_TEXT_JS = r"""() => {
  const NOT_WORDS = "script, style, textarea, code, pre, kbd, samp";
  const parts = [document.title];
  const pageLanguage = document.documentElement.lang;
  // Text marked as another language (lang="en" on a link to the English letter) is meant to be in it.
  const foreign = (element) => (element.closest("[lang]") || document.documentElement).lang !== pageLanguage;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    // A textarea holds what was typed (the English description beside the Vietnamese one), code is code
    // (an API example's JSON keys, "304 Not Modified"): neither is interface text.
    if (!element.closest(NOT_WORDS) && !foreign(element)) parts.push(walker.currentNode.textContent);
  }
  for (const element of document.querySelectorAll("*")) {
    if (foreign(element)) continue;
    for (const attribute of element.attributes) {
      const name = attribute.name;
      const value = attribute.value;
      if (/^(\/|https?:|mailto:|#)/.test(value)) continue;  // an address, not words
      if (["placeholder", "title", "aria-label", "alt"].includes(name)
          || /^data-.*(label|message|text|title|confirm|prompt)/.test(name)
          || (name === "value" && element.tagName === "INPUT" && ["submit", "button"].includes(element.type))) parts.push(value);
    }
  }
  return parts.join("\n");
}"""


def page_text(page) -> str:
    """All the text a person can read or hear on the page, in its source case (not text-transformed)."""
    return page.evaluate(PAGE_TEXT_JS)


def english_on_pages(page, paths: list[str], *, content: set[str] | None = None) -> str:
    """Visit each path in Vietnamese; a report of the English interface text left on the pages ("" if none)."""
    content = untranslated_content() if content is None else content
    report = []
    for path in paths:
        response = page.goto(path)
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, "vi"), path
        left = english_left(page_text(page), content=content)
        if left:
            report.append(f"{path}\n    " + "\n    ".join(left))
    return "\n".join(report)


READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
NOT_WORDS = {"script", "style", "textarea", "code", "pre", "kbd", "samp"}  # as in PAGE_TEXT_JS
READ_DATA_ATTRIBUTE = re.compile(r"^data-.*(label|message|text|title|confirm|prompt)")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextCollector(HTMLParser):
    """page_text() for HTML without a browser: the same texts, by the same rules."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.stack, self.page_language = [], [], None

    def _foreign(self, language) -> bool:
        return language is not None and self.page_language is not None and language != self.page_language

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page_language = attrs.get("lang")
        inherited = self.stack[-1][1] if self.stack else self.page_language
        language = attrs.get("lang", inherited)
        skip = (self.stack[-1][2] if self.stack else False) or tag in NOT_WORDS
        if not self._foreign(language):
            for name, value in attrs.items():
                if not value or re.match(r"^(/|https?:|mailto:|#)", value):
                    continue
                button_text = name == "value" and tag == "input" and attrs.get("type") in ("submit", "button")
                if name in READ_ATTRIBUTES or READ_DATA_ATTRIBUTE.match(name) or button_text:
                    self.parts.append(value)
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, language, skip or self._foreign(language)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][2]):
            self.parts.append(data)


def html_text(html: str) -> str:
    """All the text a person can read or hear in an HTML page, as page_text() collects it in a browser."""
    collector = _TextCollector()
    collector.feed(html)
    return "\n".join(collector.parts)
