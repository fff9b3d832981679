package dev.pipedeck.source.pg;

import dev.pipedeck.change.PipeDeckException;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Turns driver failures into {@link PipeDeckException}s with a sentence a data engineer can act on. Messages are built
 * from the server's error text and our own words, never from connection properties, so they cannot carry a password.
 */
final class PgErrors {
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
                    + server + ". Grant it (see the validation report) and retry.", e);
        }
        if (state.equals("3D000")) {
            return PipeDeckException.permanent("The source database does not exist (" + server + ").", e);
        }
        if (server.contains("can no longer get changes") || server.contains("has been invalidated")) {
            return PipeDeckException.permanent("The replication slot was invalidated by the server (the WAL it needed "
                    + "was removed, e.g. max_slot_wal_keep_size was exceeded): " + server
                    + ". The pipe must be re-created (a new initial copy is needed).", e);
        }
        if (state.equals("42704") || isMissingObject(server)) {
            return PipeDeckException.permanent("A replication object is missing while " + doing + ": " + server
                    + ". The pipe must be re-created (a new initial copy is needed).", e);
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("55006") || state.equals("53300")
                || hasIoCause(e) || (e instanceof PSQLException && state.isEmpty())) {
            return PipeDeckException.transientFailure("Lost or could not open the connection to the source while "
                    + doing + " (" + server + "); will retry.", e);
        }
        if (state.startsWith("42") || state.startsWith("22") || state.startsWith("0A")) {
            return PipeDeckException.permanent("The source rejected a statement while " + doing + ": " + server, e);
        }
        return PipeDeckException.transientFailure("Source error while " + doing + ": " + server, e);
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
