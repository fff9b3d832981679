package dev.pipedeck.change;

/**
 * One source column.
 *
 * @param name          column name as in the source
 * @param family        how values are decoded
 * @param elementFamily for {@link TypeFamily#ARRAY}, the element family; otherwise {@code null}
 * @param typeName      the source type as Postgres formats it ({@code numeric(12,2)}, {@code timestamp with time zone}, {@code integer[]})
 * @param typeOid       the source type's oid (for domains: the base type's oid)
 * @param precision     numeric precision / varchar length when the type has one, else -1
 * @param scale         numeric scale when the type has one, else -1
 * @param nullable      whether the source column accepts NULL
 * @param keyPosition   1-based position in the primary key (or replica identity), 0 when not part of it
 */
public record ColumnSpec(String name, TypeFamily family, TypeFamily elementFamily, String typeName, int typeOid,
                         int precision, int scale, boolean nullable, int keyPosition) {
    public boolean isKey() {
        return keyPosition > 0;
    }
}
