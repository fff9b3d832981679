package dev.pipedeck.source.pg;

import dev.pipedeck.change.Advice;
import dev.pipedeck.change.PipeDeckException;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns driver failures into {@link PipeDeckException}s with a sentence a data engineer can act on. Messages are built
 * from the server's error text and our own words, never from connection properties, so they cannot carry a password.
 */
final class PgErrors {
    private static final Pattern MISSING_PUBLICATION = Pattern.compile("publication \"([^\"]+)\" does not exist");

    private PgErrors() {}

    static PipeDeckException map(SQLException e, String doing, SourceConfig config) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = serverText(e);
        String user = config == null || config.user() == null ? "the configured user" : "user \"" + config.user() + "\"";
        if (state.startsWith("28")) {
            return PipeDeckException.permanent("Postgres rejected the login of " + user + " while " + doing
                    + ": wrong user name or password, or pg_hba.conf does not allow this connection (" + server + ").", e);
        }
        if (state.equals("42501")) {
            return PipeDeckException.permanent("The source user lacks a permission needed while " + doing + ": "
                    + server + ". Grant it to " + user + " and try again (a failed pipe: resume it).", e);
        }
        if (state.equals("3D000")) {
            return PipeDeckException.permanent("The source database does not exist (" + server + "). Check the "
                    + "database name in the source URL (names are case-sensitive), or create the database.", e);
        }
        if (server.contains("can no longer get changes") || server.contains("has been invalidated")) {
            return PipeDeckException.permanent("The replication slot was invalidated by the server (the WAL it needed "
                    + "was removed, e.g. max_slot_wal_keep_size was exceeded): " + server + ". " + capital(Advice.resync(null))
                    + ", and raise max_slot_wal_keep_size or resume paused pipes sooner.", e);
        }
        Matcher publication = MISSING_PUBLICATION.matcher(server);
        if (publication.find()) {
            return PipeDeckException.permanent(publicationGone(publication.group(1)), e);
        }
        if (state.equals("42704") || isMissingObject(server)) {
            return PipeDeckException.permanent("A replication object is missing while " + doing + ": " + server
                    + ". " + capital(Advice.resync(null)) + ".", e);
        }
        if (state.equals("53400") && server.contains("replication slot")) {
            // "all replication slots are in use": transient, a slot may be freed, but only a person frees one
            return PipeDeckException.transientFailure("All replication slots of the source are in use while " + doing
                    + " (max_replication_slots). Drop slots nobody uses (SELECT slot_name, active FROM "
                    + "pg_replication_slots), or raise max_replication_slots and restart Postgres.", e);
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("55006") || state.equals("53300")
                || hasIoCause(e) || (e instanceof PSQLException && state.isEmpty())) {
            // no "will retry" here: whether anything retries is the caller's to say (the engine's reason does)
            return PipeDeckException.transientFailure("Lost or could not open the connection to the source while "
                    + doing + " (" + server + "). Check that the source Postgres is running and reachable from this "
                    + "machine at the host and port of the source URL.", e);
        }
        if (state.startsWith("42") || state.startsWith("22") || state.startsWith("0A")) {
            return PipeDeckException.permanent("The source rejected a statement while " + doing + ": " + server, e);
        }
        return PipeDeckException.transientFailure("Source error while " + doing + ": " + server, e);
    }

    /**
     * A dropped publication cannot be fixed by creating it again: the slot decodes with the catalog as of each
     * change's position, where the new publication does not exist yet, and fails the same way.
     */
    static String publicationGone(String publication) {
        return "Publication " + publication + " was dropped from the source database. Creating it again does not bring "
                + "the pipe back (its slot reads the catalog as of its own position, before the new publication): "
                + Advice.resync(null) + ".";
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static boolean isMissingObject(String text) {
        String t = text.toLowerCase();
        return (t.contains("replication slot") || t.contains("publication")) && t.contains("does not exist");
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String serverText(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
