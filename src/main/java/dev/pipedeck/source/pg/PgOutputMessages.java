package dev.pipedeck.source.pg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Low-level readers for the pgoutput wire format (protocol version 1). No database access, no PipeDeck model. */
final class PgOutputMessages {
    private PgOutputMessages() {}

    /** pgoutput timestamps are microseconds since 2000-01-01 00:00 UTC. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    /** One column of a Relation message; {@code key} is the replica-identity flag. */
    record RelColumn(String name, boolean key, int typeOid, int typmod) {}

    /** A Relation ('R') message: the table's columns as of this point in the WAL. */
    record Relation(int relationId, String namespace, String name, char replicaIdentity, List<RelColumn> columns) {}

    /** TupleData: per column 'n' (null), 'u' (unchanged TOAST, value not sent) or 't' (text value). */
    record Tuple(byte[] kinds, String[] texts) {
        boolean hasUnchangedToast() {
            for (byte k : kinds) {
                if (k == 'u') {
                    return true;
                }
            }
            return false;
        }
    }

    static Instant timestamp(long micros) {
        return Instant.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    static String cString(ByteBuffer b) {
        int start = b.position();
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        String s = string(b, start, end - start);
        b.position(end + 1);
        return s;
    }

    private static String string(ByteBuffer b, int start, int len) {
        if (b.hasArray()) {
            return new String(b.array(), b.arrayOffset() + start, len, StandardCharsets.UTF_8);
        }
        byte[] tmp = new byte[len];
        b.get(start, tmp);
        return new String(tmp, StandardCharsets.UTF_8);
    }

    static Relation relation(ByteBuffer b) {
        int relId = b.getInt();
        String ns = cString(b);
        String name = cString(b);
        char ident = (char) b.get();
        int n = Short.toUnsignedInt(b.getShort());
        RelColumn[] cols = new RelColumn[n];
        for (int i = 0; i < n; i++) {
            boolean key = (b.get() & 1) != 0;
            String col = cString(b);
            cols[i] = new RelColumn(col, key, b.getInt(), b.getInt());
        }
        // An empty namespace means pg_catalog (pgoutput's convention).
        return new Relation(relId, ns.isEmpty() ? "pg_catalog" : ns, name, ident, List.of(cols));
    }

    static Tuple tuple(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] kinds = new byte[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            byte kind = b.get();
            kinds[i] = kind;
            switch (kind) {
                case 'n', 'u' -> { }
                case 't' -> {
                    int len = b.getInt();
                    texts[i] = string(b, b.position(), len);
                    b.position(b.position() + len);
                }
                default -> throw new IllegalStateException("unsupported TupleData kind '" + (char) kind
                        + "' (binary mode is not requested)");
            }
        }
        return new Tuple(kinds, texts);
    }
}
