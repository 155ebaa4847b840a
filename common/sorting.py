"""Sortable list columns: `?sort=key` (ascending) or `?sort=-key` (descending), for the keys a list offers.

A view builds `Sorting(request, {"title": (_("Meeting"), ("title_en", "pk")), ...})`, passes
`sorting.order_by(default)` to its selector and `sorting` to the template, whose column headers include
"includes/sortable_th.html" (a link that keeps the other filters, aria-sort on the sorted column). An
unknown key is ignored (the list keeps its default order): a hand-edited address never fails. Every order
ends with the primary key, so rows that tie keep one order from page to page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    url: str  # the address that sorts by this column (the other way round when it is the sorted one)
    direction: str  # "ascending", "descending" or "" (aria-sort)


class Sorting:
    def __init__(self, request, columns: dict[str, tuple[object, tuple[str, ...]]]):
        self.columns = columns
        raw = request.GET.get("sort", "").strip()
        key = raw.removeprefix("-")
        self.key = key if key in columns else ""
        self.descending = bool(self.key) and raw.startswith("-")
        self._query = request.GET.copy()
        self._query.pop("page", None)

    def order_by(self, default: tuple[str, ...]) -> tuple[str, ...]:
        if not self.key:
            return default
        fields = self.columns[self.key][1]
        if not {"pk", "-pk", "id", "-id"} & set(fields):
            fields = (*fields, "pk")
        if not self.descending:
            return fields
        return tuple(field.removeprefix("-") if field.startswith("-") else f"-{field}" for field in fields)

    def header(self, key: str) -> Header:
        label, _fields = self.columns[key]
        query = self._query.copy()
        query["sort"] = f"-{key}" if key == self.key and not self.descending else key
        direction = ("descending" if self.descending else "ascending") if key == self.key else ""
        return Header(key, str(label), f"?{query.urlencode()}", direction)

    @property
    def headers(self) -> dict[str, Header]:
        return {key: self.header(key) for key in self.columns}
