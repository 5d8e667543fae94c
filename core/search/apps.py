from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SearchConfig(AppConfig):
    """Search that forgives accents, case and typos (core.search.folding). Its migration makes
    PostgreSQL's classnet_fold() function and text search configuration; on SQLite the same
    function is registered on every new connection."""

    name = "core.search"
    label = "core_search"
    verbose_name = "Search"

    def ready(self) -> None:
        from .folding import register_sqlite_functions  # noqa: PLC0415  (apps loaded)

        connection_created.connect(register_sqlite_functions, dispatch_uid="core.search.fold")
