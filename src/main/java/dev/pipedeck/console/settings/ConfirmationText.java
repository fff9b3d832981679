package dev.pipedeck.console.settings;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SlotHeadroom;
import dev.pipedeck.catalog.SlotSampleRow;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.catalog.WalForecast;
import dev.pipedeck.console.common.Bytes;
import dev.pipedeck.console.common.PipeDisplay;

/**
 * The words of the confirmations on Settings: Pause and Resume name the pipe and what will happen to its replication
 * slot, with the numbers from the slot's latest sample; Delete names what is dropped and what is kept.
 */
public record ConfirmationText(String title, String header, String content, String okButton, String cancelButton) {
    /** Headroom below this share of max_slot_wal_keep_size (or below {@link #SMALL_HEADROOM_BYTES}) is "small". */
    static final double SMALL_HEADROOM_SHARE = 0.25;
    static final long SMALL_HEADROOM_BYTES = 256L * 1024 * 1024;

    public static ConfirmationText pause(Pipe pipe, SlotSampleRow sample) {
        StringBuilder s = new StringBuilder();
        s.append("Changes will queue in replication slot ").append(pipe.slotName());
        if (sample != null && sample.retainedWalBytes() != null) {
            s.append(", which now retains ").append(Bytes.human(sample.retainedWalBytes()))
                    .append(" of WAL and will keep growing while paused.");
        } else {
            s.append(", which will keep growing while paused (its size is not known yet).");
        }
        s.append(" Pausing does not stop replication slot growth.");
        headroom(s, sample);
        forecast(s, sample);
        s.append("\n\nThe destination stays consistent as of the last source transaction written before the pause.");
        return new ConfirmationText("Pause pipe", "Pause pipe " + pipe.name() + "?", s.toString(), "Pause", "Cancel");
    }

    public static ConfirmationText resume(Pipe pipe, SlotSampleRow sample) {
        String backlog = sample == null || sample.backlogBytes() == null ? "The backlog (size not known yet)"
                : Bytes.human(sample.backlogBytes()) + " of backlog";
        String content = backlog + " will be replayed from replication slot " + pipe.slotName()
                + ". The destination then catches up with the changes made while the pipe was paused.";
        return new ConfirmationText("Resume pipe", "Resume pipe " + pipe.name() + "?", content, "Resume", "Cancel");
    }

    /** Names what a delete drops (slot, publication, catalog entry) and what it keeps (the destination tables). */
    public static ConfirmationText delete(Pipe pipe) {
        StringBuilder s = new StringBuilder("Deleting drops, for good:\n");
        if (pipe.slotCreated()) {
            s.append("  • replication slot ").append(pipe.slotName()).append(" and publication ").append(pipe.publicationName())
                    .append(" on the source ").append(PipeDisplay.source(pipe))
                    .append(" (changes not yet replicated are gone with the slot)\n");
        } else {
            s.append("  • nothing on the source: no replication slot or publication was created yet\n");
        }
        s.append("  • the pipe's catalog entry: its settings, sync batches, table counters and slot samples "
                + "(its history stays in the audit trail)\n\n");
        s.append("It keeps the destination tables ")
                .append(String.join(", ", pipe.tables().stream().map(TableMapping::destination).toList()))
                .append(" in ").append(PipeDisplay.destination(pipe))
                .append(": their rows stay as they are and no longer change.");
        return new ConfirmationText("Delete pipe", "Delete pipe " + pipe.name() + "?", s.toString(), "Delete", "Cancel");
    }

    /**
     * Says what a resync does — new slot, full copy into shadow tables while the destination stays readable, the old
     * data replaced at once — and how long the last full copy took ({@code lastCopy} null: not known).
     */
    public static ConfirmationText resync(Pipe pipe, java.time.Duration lastCopy) {
        java.util.List<String> live = pipe.tables().stream().map(TableMapping::destination).toList();
        StringBuilder s = new StringBuilder("Resyncing copies the pipe afresh:\n");
        s.append("  • replication slot ").append(pipe.slotName()).append(" is dropped (if it still exists) and created "
                + "again, and publication ").append(pipe.publicationName()).append(" is created again, on the source ")
                .append(PipeDisplay.source(pipe)).append("\n");
        s.append("  • every table is copied in full into a shadow table (")
                .append(String.join(", ", live.stream().map(t -> t + "_resync").toList()))
                .append("); until the copy is complete, ").append(String.join(", ", live))
                .append(" in ").append(PipeDisplay.destination(pipe)).append(" stay readable and as they are\n");
        s.append("  • then the copies replace the old tables at once, and the old data is dropped\n");
        s.append("  • the pipe then streams from the new slot; past sync batches and counters stay as history\n\n");
        s.append(lastCopy == null ? "How long the copy takes is not known yet (no full copy of this pipe was timed)."
                : "The last full copy of this pipe took "
                + PipeDisplay.duration(java.time.Duration.ofSeconds(Math.max(1, (lastCopy.toMillis() + 500) / 1000))) + ".");
        return new ConfirmationText("Resync pipe", "Resync pipe " + pipe.name() + "?", s.toString(), "Resync", "Cancel");
    }

    /**
     * Says what resyncing one table does: a fresh copy into a shadow table at a consistent point while the other tables
     * keep streaming, its changes during the copy reaching the copy too, the swap between two batches, the destination
     * table readable throughout; on a paused pipe all of it after the pipe resumes.
     */
    public static ConfirmationText resyncTable(Pipe pipe, TableMapping table, PipeStatus shown) {
        boolean paused = shown != PipeStatus.RUNNING;
        String dest = table.destination();
        StringBuilder s = new StringBuilder("Resyncing table ").append(table.source())
                .append(paused ? " copies it afresh once the pipe resumes:\n" : " copies it afresh now, while the other tables keep streaming:\n");
        if (paused) {
            s.append("  • the pipe is paused: nothing happens until it resumes; then the copy starts while the other tables "
                    + "stream\n");
        }
        s.append("  • ").append(table.source()).append(" is copied in full, at one consistent point of the source, into a "
                + "shadow table next to ").append(dest).append(" in ").append(PipeDisplay.destination(pipe)).append('\n');
        s.append("  • changes made to ").append(table.source()).append(" while it is copied reach the copy too: nothing is "
                + "lost or doubled\n");
        s.append("  • between two batches the copy replaces ").append(dest).append(" at once, and the old data is dropped\n");
        s.append("  • ").append(dest).append(" stays readable throughout, with its current rows until the swap\n\n");
        s.append("The replication slot ").append(pipe.slotName()).append(" and the pipe's other tables are left as they are.");
        return new ConfirmationText("Resync pipe", "Resync pipe " + pipe.name() + "?", s.toString(), "Resync", "Cancel");
    }

    public static String deletePrompt(Pipe pipe) {
        return "Type the pipe's name, " + pipe.name() + ", to delete it:";
    }

    private static void headroom(StringBuilder s, SlotSampleRow sample) {
        if (sample == null) {
            return;
        }
        SlotHeadroom h = SlotHeadroom.of(sample);
        switch (h.kind()) {
            case UNKNOWN -> { }
            case UNLIMITED -> s.append("\n\nThe server sets no limit (max_slot_wal_keep_size = -1): the slot can grow until the source's disk is full.");
            case LOST -> s.append("\n\nThe slot was lost (wal_status = lost): the pipe cannot continue from it and must be resynced.");
            case OVER_LIMIT -> s.append("\n\nWarning: the slot already retains ").append(Bytes.human(h.bytes()))
                    .append(" more WAL than the server keeps for a slot (max_slot_wal_keep_size ")
                    .append(Bytes.human(h.limitBytes())).append("): it is being lost, and Postgres invalidates it at the next "
                            + "checkpoint. Pausing now loses the slot; the pipe must then be resynced. Resume instead, or raise "
                            + "max_slot_wal_keep_size first.");
            case LEFT -> {
                if (h.limitBytes() != null) {
                    left(s, h.bytes(), h.limitBytes());
                }
            }
        }
    }

    private static void left(StringBuilder s, long safe, long max) {
        s.append("\n\nThe server keeps at most ").append(Bytes.human(max)).append(" of WAL for a slot (max_slot_wal_keep_size); ")
                .append(Bytes.human(safe)).append(" of headroom is left (safe_wal_size).");
        if (isSmall(safe, max)) {
            s.append("\n\nWarning: the headroom is small. If it runs out, Postgres invalidates the slot and the pipe "
                    + "must be resynced with a new snapshot. Pause only briefly, or raise max_slot_wal_keep_size.");
        }
    }

    /** How long the pause can last: the WAL-budget forecast of the latest sample. */
    private static void forecast(StringBuilder s, SlotSampleRow sample) {
        if (sample == null || !sample.slotExists()) {
            return;
        }
        WalForecast f = sample.forecast();
        if (f.limited()) {
            s.append("\n\nForecast: ").append(f.text()).append('.');
        }
    }

    static boolean isSmall(long safe, long max) {
        return safe < SMALL_HEADROOM_BYTES || safe < max * SMALL_HEADROOM_SHARE;
    }
}
