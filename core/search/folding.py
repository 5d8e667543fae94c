"""Search that forgives: "Lodz" finds "Łódź", "nguyen" finds "Nguyễn", "lycee" finds "Lycée",
and on PostgreSQL "Tanka" finds "Tanaka".

Both sides of a comparison go through the database function classnet_fold(text): lower case,
without accents. On PostgreSQL it is unaccent() and lower() (core/search/migrations), IMMUTABLE
so that trigram indexes can be built on it; on SQLite it is `fold` below, registered on each
connection. `forgiving_filter` asks every word of a search to be found in one of the fields:
as a part of it, or (PostgreSQL) as a word of similar spelling (pg_trgm's word similarity,
indexed by the GIN trigram indexes the apps' migrations build on classnet_fold(field)).
"""

import unicodedata

from django.db import connection
from django.db.models import F, Func, Lookup, Q, QuerySet, TextField, Value

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
    }
)


def fold(text: str | None) -> str | None:
    """Lower case, without accents: what classnet_fold() returns. Scripts without accents
    (Chinese, Korean, Thai...) come back as they are, in lower case where they have one."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare).lower()


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("classnet_fold", 1, fold, deterministic=True)


class FoldedText(TextField):
    """The output of classnet_fold(), with the word-similarity lookup."""


class Folded(Func):
    function = "classnet_fold"
    output_field = FoldedText()


@FoldedText.register_lookup
class WordSimilar(Lookup):
    """`field__word_similar=query`: the query is like a word of the field (pg_trgm's `<%`,
    word_similarity above pg_trgm.word_similarity_threshold, 0.6 by default)."""

    lookup_name = "word_similar"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{rhs} <%% {lhs}", [*rhs_params, *lhs_params]


# Shorter words than this are matched as parts only: a typo of two letters is another word.
SIMILAR_FROM = 4


def forgiving_filter(queryset: QuerySet, fields: list[str], query: str) -> QuerySet:
    """The rows where every word of the query is found in one of the fields, forgiving accents
    and case everywhere, and typos on PostgreSQL."""
    words = query.split()
    if not words:
        return queryset
    aliases = {f"_folded_{index}": Folded(F(name)) for index, name in enumerate(fields)}
    queryset = queryset.alias(**aliases)
    similar = connection.vendor == "postgresql"
    for word in words:
        folded = Folded(Value(word))
        found = Q()
        for alias in aliases:
            found |= Q(**{f"{alias}__contains": folded})
            if similar and len(word) >= SIMILAR_FROM:
                found |= Q(**{f"{alias}__word_similar": folded})
        queryset = queryset.filter(found)
    return queryset
