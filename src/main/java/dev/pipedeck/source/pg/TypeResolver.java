package dev.pipedeck.source.pg;

import dev.pipedeck.change.TypeFamily;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a column type (oid + typmod) to PipeDeck's family, following domains to their base type, mapping enums to
 * ENUM and arrays to ARRAY with the element's family. Cached per (oid, typmod): types rarely change, and the stream
 * asks for every Relation message.
 */
final class TypeResolver {
    /** The resolved type: {@code baseOid} is the domain's base type's oid for domains. */
    record ColumnType(TypeFamily family, TypeFamily elementFamily, String typeName, int baseOid, int precision,
                      int scale, boolean pseudo) {}

    private record RawType(char typtype, char category, int elem, int baseType, int typtypmod, String name,
                           String schema, int typlen) {}

    private final Map<Long, ColumnType> cache = new ConcurrentHashMap<>();
    private final Map<Integer, RawType> raw = new ConcurrentHashMap<>();

    ColumnType resolve(Connection c, int oid, int typmod) throws SQLException {
        long key = ((long) oid << 32) | (typmod & 0xFFFFFFFFL);
        ColumnType t = cache.get(key);
        if (t == null) {
            t = load(c, oid, typmod);
            cache.put(key, t);
        }
        return t;
    }

    private ColumnType load(Connection c, int oid, int typmod) throws SQLException {
        RawType r = raw(c, oid);
        int base = oid;
        int mod = typmod;
        for (int depth = 0; r.typtype == 'd' && depth < 32; depth++) {
            if (mod == -1) {
                mod = r.typtypmod;
            }
            base = r.baseType;
            r = raw(c, base);
        }
        TypeFamily family = family(c, r);
        TypeFamily element = null;
        if (family == TypeFamily.ARRAY) {
            RawType e = raw(c, r.elem);
            for (int depth = 0; e.typtype == 'd' && depth < 32; depth++) {
                e = raw(c, e.baseType);
            }
            element = family(c, e);
        }
        String name;
        try (PreparedStatement ps = c.prepareStatement("SELECT format_type(?::oid, ?)")) {
            ps.setLong(1, Integer.toUnsignedLong(base));
            if (mod == -1) {
                ps.setNull(2, java.sql.Types.INTEGER);
            } else {
                ps.setInt(2, mod);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                name = rs.getString(1);
            }
        }
        int precision = -1;
        int scale = -1;
        if (base == 1700 && mod >= 4) {
            precision = ((mod - 4) >> 16) & 0xFFFF;
            scale = (mod - 4) & 0xFFFF;
        } else if ((base == 1043 || base == 1042) && mod >= 4) {
            precision = mod - 4;
        }
        return new ColumnType(family, element, name, base, precision, scale, r.typtype == 'p');
    }

    private TypeFamily family(Connection c, RawType r) {
        if (r.typtype == 'e') {
            return TypeFamily.ENUM;
        }
        if (r.category == 'A' && r.elem != 0 && r.typlen == -1
                && !r.name.equals("int2vector") && !r.name.equals("oidvector")) {
            return TypeFamily.ARRAY;
        }
        if (r.name.equals("citext")) {
            return TypeFamily.TEXT;
        }
        if (!r.schema.equals("pg_catalog")) {
            return TypeFamily.OTHER;
        }
        return byName(r.name);
    }

    static TypeFamily byName(String name) {
        return switch (name) {
            case "bool" -> TypeFamily.BOOL;
            case "int2" -> TypeFamily.INT2;
            case "int4" -> TypeFamily.INT4;
            case "int8" -> TypeFamily.INT8;
            case "float4" -> TypeFamily.FLOAT4;
            case "float8" -> TypeFamily.FLOAT8;
            case "numeric" -> TypeFamily.NUMERIC;
            case "text", "varchar", "bpchar", "name", "char" -> TypeFamily.TEXT;
            case "bytea" -> TypeFamily.BYTEA;
            case "uuid" -> TypeFamily.UUID;
            case "date" -> TypeFamily.DATE;
            case "time" -> TypeFamily.TIME;
            case "timetz" -> TypeFamily.TIMETZ;
            case "timestamp" -> TypeFamily.TIMESTAMP;
            case "timestamptz" -> TypeFamily.TIMESTAMPTZ;
            case "interval" -> TypeFamily.INTERVAL;
            case "json" -> TypeFamily.JSON;
            case "jsonb" -> TypeFamily.JSONB;
            case "inet", "cidr", "macaddr", "macaddr8" -> TypeFamily.NETWORK;
            default -> TypeFamily.OTHER;
        };
    }

    private RawType raw(Connection c, int oid) throws SQLException {
        RawType r = raw.get(oid);
        if (r != null) {
            return r;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT t.typtype, t.typcategory, t.typelem, t.typbasetype, t.typtypmod, t.typname, n.nspname, t.typlen "
                        + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ?::oid")) {
            ps.setLong(1, Integer.toUnsignedLong(oid));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("type oid " + oid + " does not exist", "42704");
                }
                r = new RawType(rs.getString(1).charAt(0), rs.getString(2).charAt(0), (int) rs.getLong(3),
                        (int) rs.getLong(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getInt(8));
            }
        }
        raw.put(oid, r);
        return r;
    }
}
