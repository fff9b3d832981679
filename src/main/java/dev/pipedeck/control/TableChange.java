package dev.pipedeck.control;

import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.sink.Destination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of a pipe before and after an edit: what is added, what is removed, the list that results — or why the
 * edit cannot be made (a table added twice, removed but not captured, every table removed, two tables landing in one
 * destination table).
 */
record TableChange(List<TableMapping> after, List<TableMapping> added, List<TableRef> removed, String refusal) {

    static TableChange of(List<TableMapping> before, PipeEdit edit) {
        Set<TableRef> captured = new LinkedHashSet<>();
        before.forEach(m -> captured.add(m.source()));
        Set<TableRef> removing = new LinkedHashSet<>();
        for (TableRef t : edit.removeTables()) {
            if (!captured.contains(t)) {
                return refuse("it does not capture table " + t + ", so it cannot be removed (it captures "
                        + String.join(", ", captured.stream().map(TableRef::toString).toList()) + ")");
            }
            removing.add(t);
        }
        List<TableMapping> after = new ArrayList<>();
        for (TableMapping m : before) {
            if (!removing.contains(m.source())) {
                after.add(m);
            }
        }
        List<TableMapping> added = new ArrayList<>();
        Set<TableRef> adding = new LinkedHashSet<>();
        for (TableMapping m : edit.addTables()) {
            if (captured.contains(m.source()) && !removing.contains(m.source())) {
                return refuse("it already captures table " + m.source());
            }
            if (removing.contains(m.source())) {
                return refuse("table " + m.source() + " is both added and removed; give it once");
            }
            if (!adding.add(m.source())) {
                return refuse("table " + m.source() + " is added twice; give it once");
            }
            String reserved = reservedDestination(m);
            if (reserved != null) {
                return refuse(reserved);
            }
            added.add(m);
        }
        after.addAll(added);
        if (after.isEmpty()) {
            return refuse("a pipe needs at least one table; delete the pipe instead of removing every table");
        }
        Map<String, TableRef> byDestination = new HashMap<>();
        for (TableMapping m : after) {
            TableRef clash = byDestination.putIfAbsent(m.destination(), m.source());
            if (clash != null) {
                return refuse("tables " + clash + " and " + m.source() + " would both land in destination table '"
                        + m.destination() + "': map the added one to another name (" + m.source() + ":other_name)");
            }
        }
        return new TableChange(List.copyOf(after), List.copyOf(added), List.copyOf(removing), null);
    }

    /**
     * Why {@code m}'s destination name cannot be used, or null: names ending in {@code _resync} (or {@code _resync_old})
     * are the shadow tables of a resync, which drops a table of that name as a leftover — another table's data.
     */
    static String reservedDestination(TableMapping m) {
        String d = m.destination();
        if (d.endsWith(Destination.SHADOW_SUFFIX) || d.endsWith(Destination.SHADOW_SUFFIX + "_old")) {
            return "destination table name '" + d + "' (for " + m.source() + ") is kept for resync copies: a resync "
                    + "of table '" + d.substring(0, d.lastIndexOf(Destination.SHADOW_SUFFIX)) + "' would drop it; map it to "
                    + "another name (" + m.source() + ":other_name)";
        }
        return null;
    }

    private static TableChange refuse(String why) {
        return new TableChange(List.of(), List.of(), List.of(), why);
    }

    /** "tables +public.a (into a2), -public.b (destination table b kept)" — empty when the tables stay. */
    List<String> describe() {
        if (added.isEmpty() && removed.isEmpty()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (TableMapping m : added) {
            parts.add("+" + m.source() + (m.destination().equals(m.source().name()) ? "" : " (into " + m.destination() + ")"));
        }
        for (TableRef t : removed) {
            parts.add("-" + t);
        }
        return List.of("tables " + String.join(", ", parts) + (removed.isEmpty() ? "" : " (destination tables of removed "
                + "tables are kept)"));
    }
}
