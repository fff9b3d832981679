package dev.pipedeck.change;

/**
 * One source column.
 *
 * @param name              column name as in the source
 * @param family            how values are decoded
 * @param elementFamily     for {@link TypeFamily#ARRAY}, the element family; otherwise {@code null}
 * @param typeName          the source type as Postgres formats it ({@code numeric(12,2)}, {@code timestamp with time zone}, {@code integer[]})
 * @param typeOid           the source type's oid (for domains: the base type's oid)
 * @param precision         numeric precision / varchar length when the type has one, else -1
 * @param scale             numeric scale when the type has one, else -1
 * @param nullable          whether the source column accepts NULL
 * @param keyPosition       1-based position in the primary key (or replica identity), 0 when not part of it
 * @param arrayDimensions   for arrays, the dimensions the column was declared with ({@code int[][]}: 2, at least 1);
 *                          0 for other types
 * @param existingRowsValue the value (decoded like the column's values) that rows older than the column have: a
 *                          column added with a constant default ({@code ADD COLUMN c int DEFAULT 7}) gives the rows
 *                          that existed before that default, without any change event; null when none (or NULL)
 */
public record ColumnSpec(String name, TypeFamily family, TypeFamily elementFamily, String typeName, int typeOid,
                         int precision, int scale, boolean nullable, int keyPosition, int arrayDimensions,
                         Object existingRowsValue) {
    /** A column without a value for older rows; arrays are one-dimensional. */
    public ColumnSpec(String name, TypeFamily family, TypeFamily elementFamily, String typeName, int typeOid,
                      int precision, int scale, boolean nullable, int keyPosition) {
        this(name, family, elementFamily, typeName, typeOid, precision, scale, nullable, keyPosition,
                family == TypeFamily.ARRAY ? 1 : 0, null);
    }

    public boolean isKey() {
        return keyPosition > 0;
    }
}
