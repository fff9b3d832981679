package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.ConnectionUrl;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How pipe facts read on screen. Nothing here ever shows a password. */
public final class PipeDisplay {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static volatile ZoneId zone = ZoneId.systemDefault();

    private PipeDisplay() {}

    /** Tests and screenshots pin the zone so texts are stable. */
    public static void setZone(ZoneId z) {
        zone = z;
    }

    /** {@code host:port/db} of the source. */
    public static String source(Pipe p) {
        return ConnectionUrl.hostAndDatabase(p.sourceUrl());
    }

    /** {@code ClickHouse host:8123/db} or {@code DuckDB /path/file.duckdb}. */
    public static String destination(Pipe p) {
        String url = Redaction.redactUrl(p.destinationUrl());
        if (url.startsWith("duckdb:")) {
            return "DuckDB " + url.substring("duckdb:".length());
        }
        String rest = url.replaceFirst("^clickhouses?://", "");
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int q = rest.indexOf('?');
        return "ClickHouse " + (q < 0 ? rest : rest.substring(0, q));
    }

    public static String time(Instant t) {
        return t == null ? "never" : TIME.format(t.atZone(zone));
    }

    public static String duration(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + (s == 1 ? " second" : " seconds");
        }
        return s / 60 + " minutes";
    }

    /** Style class of a status badge: {@code status-running}, ... */
    public static String styleClass(PipeStatus s) {
        return "status-" + s.name().toLowerCase();
    }

    /** The first line of an error's message, ending with a full stop; never a stack trace. */
    public static String sentence(Throwable e) {
        Throwable t = e;
        while (t != null && (t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t == null || t.getMessage() == null ? "unexpected error" : t.getMessage();
        int nl = m.indexOf('\n');
        m = Redaction.redactUrl(nl < 0 ? m : m.substring(0, nl)).strip();
        return m.endsWith(".") ? m : m + ".";
    }
}
