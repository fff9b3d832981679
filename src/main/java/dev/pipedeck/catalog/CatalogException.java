package dev.pipedeck.catalog;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;

import java.sql.SQLException;

/** A catalog operation failed; the message says which, in words a user can act on. */
public class CatalogException extends PipeDeckException {
    public CatalogException(String message, Throwable cause) {
        super(classify(cause), message, cause);
    }

    public CatalogException(String message) {
        super(FailureKind.PERMANENT, message);
    }

    /** Wraps an SQLException once, with the context of what was being done. */
    public static CatalogException wrap(String doing, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String why;
        if (state.startsWith("28")) {
            why = "the catalog rejected the login (wrong user or password)";
        } else if (state.startsWith("08")) {
            why = "the catalog database is unreachable";
        } else if (state.equals("3D000")) {
            why = "the catalog database does not exist";
        } else {
            why = firstLine(e.getMessage());
        }
        return new CatalogException("could not " + doing + ": " + why, e);
    }

    private static FailureKind classify(Throwable cause) {
        if (cause instanceof SQLException s && s.getSQLState() != null
                && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
            return FailureKind.TRANSIENT;
        }
        return FailureKind.PERMANENT;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
