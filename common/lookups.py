"""`field__any=ids`: the rows whose integer field (an id) is one of many values, as `__in` finds
them. Registered on IntegerField and its kinds; a foreign key is filtered by its own column
(`project_id__in`) or by `__in`.

On PostgreSQL the values go as one array parameter (`field = ANY(%s)`) rather than a
placeholder each: for thousands of ids, writing and parsing the placeholders took longer than
reading the rows. Elsewhere, and for a subquery, it is `__in`.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models.lookups import In


class AnyOf(In):
    lookup_name = "any"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        values = [value for value in dict.fromkeys(self.rhs) if value is not None]
        if not values:
            raise EmptyResultSet  # as `__in` does: no query at all
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        array = [field.get_db_prep_value(value, connection, prepared=True) for value in values]
        return f"{lhs} = ANY(%s)", (*lhs_params, array)
