package dev.pipedeck.cli;

import dev.pipedeck.catalog.InitialLoadProgress;
import dev.pipedeck.catalog.LagText;
import dev.pipedeck.catalog.PauseGuard;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.Redaction;
import dev.pipedeck.catalog.SlotHeadroom;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.change.Lsn;
import dev.pipedeck.catalog.ConnectionUrl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipe as the CLI shows it: the {@code --json} object of the contract, and the human key/value lines. Nothing here
 * can carry a password: the catalog stores URLs without them, and they are redacted again on the way out.
 */
record PipeView(Pipe pipe, SlotSampleRow slot, PauseGuard guard, InitialLoadProgress initialLoad) {
    /** Without the initial-load progress ({@code pipe list}). */
    PipeView(Pipe pipe, SlotSampleRow slot, PauseGuard guard) {
        this(pipe, slot, guard, null);
    }

    PipeView(Pipe pipe, SlotSampleRow slot) {
        this(pipe, slot, null, null);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", pipe.name());
        m.put("status", pipe.status().name());
        m.put("desiredState", pipe.desiredState().name());
        m.put("statusReason", pipe.statusReason());
        m.put("statusChangedAt", iso(pipe.statusChangedAt()));
        m.put("rowsSynced", pipe.rowsSynced());
        m.put("lastSyncedAt", iso(pipe.lastSyncedAt()));
        m.put("consistentAsOf", consistentAsOf());
        m.put("lastError", pipe.lastError());
        m.put("lastErrorAt", iso(pipe.lastErrorAt()));
        m.put("source", source());
        m.put("sourceUser", pipe.sourceUser());
        m.put("destination", destination());
        List<Object> tables = new ArrayList<>();
        for (TableMapping t : pipe.tables()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("source", t.source().toString());
            o.put("destination", t.destination());
            tables.add(o);
        }
        m.put("tables", tables);
        m.put("batchSize", pipe.batchSize());
        m.put("syncIntervalMs", pipe.syncInterval().toMillis());
        m.put("owner", pipe.ownerWorker());
        m.put("slot", slotJson());
        m.put("lagSeconds", slot == null ? null : slot.lagSeconds());
        m.put("walForecast", forecastJson());
        m.put("pauseGuard", guardJson());
        if (initialLoad != null) {
            m.put("initialLoad", initialLoadJson());
        }
        return m;
    }

    /** Rows copied of the estimate, rate and time left, for the pipe and per table. */
    private Map<String, Object> initialLoadJson() {
        Map<String, Object> m = loadJson(initialLoad.total());
        List<Object> tables = new ArrayList<>();
        for (InitialLoadProgress.Table t : initialLoad.tables()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("table", t.table());
            o.putAll(loadJson(t));
            tables.add(o);
        }
        m.put("tables", tables);
        return m;
    }

    private static Map<String, Object> loadJson(InitialLoadProgress.Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("done", t.done());
        m.put("rowsCopied", t.rowsCopied());
        m.put("rowsEstimated", t.rowsEstimated());
        m.put("rowsPerSecond", Math.round(t.rowsPerSecond()));
        m.put("secondsLeft", t.secondsLeft());
        return m;
    }

    private Map<String, Object> consistentAsOf() {
        if (pipe.consistentLsn() == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("lsn", Lsn.format(pipe.consistentLsn()));
        c.put("commitTime", iso(pipe.consistentCommitTime()));
        return c;
    }

    private Map<String, Object> slotJson() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", pipe.slotName());
        s.put("retainedWalBytes", slot == null ? null : slot.retainedWalBytes());
        s.put("backlogBytes", slot == null ? null : slot.backlogBytes());
        s.put("walStatus", slot == null ? null : slot.walStatus());
        // negative: over max_slot_wal_keep_size, the slot is being lost; null: no limit (or lost, or not known)
        s.put("safeWalSizeBytes", slot == null ? null : slot.safeWalSizeBytes());
        s.put("maxSlotWalKeepSizeBytes", slot == null ? null : slot.maxSlotWalKeepSizeBytes());
        s.put("headroom", SlotHeadroom.of(slot).kind().name().toLowerCase(java.util.Locale.ROOT));
        s.put("sampledAt", slot == null ? null : iso(slot.at()));
        return s;
    }

    private Map<String, Object> forecastJson() {
        if (slot == null) {
            return null;
        }
        WalForecast f = slot.forecast();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("walBytesPerSecond", f.bytesPerSecond());
        o.put("budgetBytes", f.budgetBytes());
        o.put("secondsLeft", f.secondsLeft());
        o.put("text", f.text());
        return o;
    }

    private Map<String, Object> guardJson() {
        if (guard == null) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("resumeAt", iso(guard.resumeAt()));
        o.put("resumeBelowSeconds", guard.resumeBelow() == null ? null : guard.resumeBelow().toSeconds());
        o.put("setBy", guard.setBy());
        return o;
    }

    /** {@code host:port/db} of the source. */
    String source() {
        return Redaction.redactUrl(ConnectionUrl.hostAndDatabase(pipe.sourceUrl()));
    }

    String destination() {
        return Redaction.redactUrl(pipe.destinationUrl());
    }

    String consistentAsOfText() {
        if (pipe.consistentLsn() == null) {
            return "-";
        }
        String lsn = Lsn.format(pipe.consistentLsn());
        return pipe.consistentCommitTime() == null ? lsn : lsn + " (commit " + pipe.consistentCommitTime() + ")";
    }

    String retainedText() {
        return slot == null || slot.retainedWalBytes() == null ? "-" : bytes(slot.retainedWalBytes());
    }

    /** The key/value lines of {@code pipe status}. */
    List<String[]> statusLines() {
        List<String[]> l = new ArrayList<>();
        l.add(kv("name", pipe.name()));
        l.add(kv("status", pipe.status().name() + (pipe.statusReason() == null ? "" : " — " + pipe.statusReason())));
        l.add(kv("desired state", pipe.desiredState().name()));
        l.add(kv("since", String.valueOf(pipe.statusChangedAt())));
        l.add(kv("rows synced", String.format("%,d", pipe.rowsSynced())));
        l.add(kv("last synced", pipe.lastSyncedAt() == null ? "-" : pipe.lastSyncedAt().toString()));
        l.add(kv("consistent as of", consistentAsOfText()));
        l.add(kv("last error", pipe.lastError() == null ? "-" : pipe.lastError() + " (at " + pipe.lastErrorAt() + ")"));
        l.add(kv("source", source() + (pipe.sourceUser() == null ? "" : " as " + pipe.sourceUser())));
        l.add(kv("destination", destination()));
        l.add(kv("tables", String.join(", ", pipe.tables().stream()
                .map(t -> TableMapping.format(t.source()) // quoted where a name holds a comma, dot, colon or quote
                        + (t.destination().equals(t.source().name()) ? "" : " -> " + t.destination())).toList())));
        l.add(kv("batch size", String.valueOf(pipe.batchSize())));
        l.add(kv("sync interval", DurationText.format(pipe.syncInterval())));
        l.add(kv("owner", pipe.ownerWorker() == null ? "-" : pipe.ownerWorker()));
        if (initialLoad != null && !initialLoad.tables().isEmpty()) {
            l.add(kv("initial load", initialLoad.total().text()));
            if (!initialLoad.done()) {
                for (InitialLoadProgress.Table t : initialLoad.tables()) {
                    l.add(kv("  " + t.table(), t.text()));
                }
            }
        }
        l.add(kv("slot", pipe.slotName()));
        if (slot == null) {
            l.add(kv("slot WAL", "not sampled yet"));
        } else {
            l.add(kv("slot WAL", "retained " + retainedText()
                    + ", backlog " + (slot.backlogBytes() == null ? "-" : bytes(slot.backlogBytes()))
                    + ", wal_status " + (slot.walStatus() == null ? "-" : slot.walStatus())
                    + ", safe_wal_size " + safeWalSizeText()
                    + " (sampled " + slot.at() + ")"));
            l.add(kv("lag", LagText.of(slot.lagSeconds())));
            l.add(kv("WAL budget", slot.forecast().text()));
        }
        if (guard != null) {
            l.add(kv("pause guard", guard.text() + " (set by " + guard.setBy() + ")"));
        }
        return l;
    }

    /** The slot's headroom in words: a negative safe_wal_size is a slot being lost, never "unlimited". */
    String safeWalSizeText() {
        SlotHeadroom h = SlotHeadroom.of(slot);
        String limit = h.limitBytes() == null ? "" : " of max_slot_wal_keep_size " + bytes(h.limitBytes());
        return switch (h.kind()) {
            case UNKNOWN -> "-";
            case UNLIMITED -> "unlimited (max_slot_wal_keep_size = -1)";
            case LEFT -> bytes(h.bytes()) + " left" + limit;
            case OVER_LIMIT -> "-" + bytes(h.bytes()) + ", OVER the limit" + limit
                    + ": the slot is being lost — resume the pipe now or raise max_slot_wal_keep_size";
            case LOST -> "none: the slot was lost (wal_status = lost)";
        };
    }

    private static String[] kv(String k, String v) {
        return new String[] {k, v};
    }

    private static String iso(java.time.Instant i) {
        return i == null ? null : i.toString();
    }

    /** 1536 → "1.5 KiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
