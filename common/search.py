"""Search that ignores Vietnamese diacritics: "Ha Noi" finds "Hà Nội", "Nguyen Duy Thang" finds "Nguyễn Duy Thăng".

PostgreSQL uses its unaccent extension (installed by the meetings migrations); on SQLite the same SQL
function is registered in Python on every new connection, so one query works on both.
"""

import unicodedata
from functools import reduce
from operator import or_
from typing import TypeVar

from django.db.backends.signals import connection_created
from django.db.models import F, Func, Q, QuerySet, TextField
from django.db.models.functions import Lower
from django.dispatch import receiver


def strip_diacritics(text: str) -> str:
    """Text without diacritics, case kept (đ becomes d, as PostgreSQL's unaccent rules do)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str | None) -> str:
    """Lower-case text without diacritics: what search compares. Control characters (a NUL, which
    PostgreSQL refuses in any string) are spaces: a term typed or pasted with them still searches."""
    if not text:
        return ""
    return "".join(" " if ord(char) < 32 else char for char in strip_diacritics(str(text))).lower()


class Unaccent(Func):
    function = "UNACCENT"
    output_field = TextField()


_Rows = TypeVar("_Rows", bound=QuerySet)  # search_filter() returns the kind of queryset it was given


@receiver(connection_created)
def register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, fold, deterministic=True)


def search_filter(queryset: _Rows, term: str, fields: list[str]) -> _Rows:
    """Rows where every word of `term` appears, diacritics and case ignored, in one of `fields`."""
    words = fold(term).split()
    if not words:
        return queryset
    annotations = {f"_folded_{i}": Unaccent(Lower(F(field))) for i, field in enumerate(fields)}
    queryset = queryset.alias(**annotations)
    for word in words:
        queryset = queryset.filter(reduce(or_, (Q(**{f"{name}__contains": word}) for name in annotations)))
    return queryset.distinct() if any("__" in field for field in fields) else queryset
