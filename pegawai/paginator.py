"""A paginator for admin changelists of large tables (every app's admin uses it).

An unfiltered changelist would run ``COUNT(*)`` over the whole table on every page (314 ms at 5M
rows here). Without a filter we read PostgreSQL's row estimate instead; filtered lists, which the
indexes keep small, are still counted exactly.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

ESTIMATE_FROM_ROWS = 10_000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where and not query.distinct and not query.combinator:
            model = self.object_list.model
            with connections[self.object_list.db].cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] >= ESTIMATE_FROM_ROWS:
                return int(row[0])
        return super().count
