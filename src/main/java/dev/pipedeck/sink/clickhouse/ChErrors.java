package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns ClickHouse HTTP failures into TRANSIENT/PERMANENT {@link PipeDeckException}s by the exception code in the
 * response body ({@code Code: 193, e.displayText() = ...} on 18.16, {@code Code: 516. DB::Exception: ...} later).
 */
final class ChErrors {
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)");
    /** Wrong password / unknown user / authentication failed / required password. */
    static final Set<Integer> AUTH = Set.of(192, 193, 194, 516);
    /** Values the server cannot parse or convert: the data or the table layout must change. */
    static final Set<Integer> BAD_DATA = Set.of(6, 26, 27, 38, 41, 53, 69, 70, 72, 117, 130, 131, 190, 321, 386);
    /** Missing objects, bad SQL, privileges. */
    static final Set<Integer> BAD_SCHEMA = Set.of(8, 10, 16, 44, 47, 48, 50, 57, 60, 62, 80, 115, 164, 497);
    /** Busy or temporarily unavailable (279: no replica of a shard answers; 999: ZooKeeper session trouble). */
    static final Set<Integer> TRANSIENT = Set.of(3, 32, 159, 160, 202, 203, 209, 210, 236, 241, 242,
            252, 279, 319, 394, 425, 999);

    private ChErrors() {}

    static int code(String body) {
        Matcher m = CODE.matcher(body == null ? "" : body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The server's sentence, first line only and bounded, for the user-facing message. */
    static String serverMessage(String body) {
        if (body == null) {
            return "";
        }
        String s = body.strip();
        int nl = s.indexOf('\n');
        if (nl > 0) {
            s = s.substring(0, nl);
        }
        // the server's words without its C++ class names: "Code: 193, e.displayText() = DB::Exception: Wrong password
        // for user x" (18.16) and "Code: 516. DB::Exception: x: Authentication failed ... (AUTHENTICATION_FAILED)"
        s = s.replace(", e.what() = DB::Exception", "");
        s = s.replaceFirst("^Code: (\\d+)[,.] (?:e\\.displayText\\(\\) = )?(?:[A-Za-z]+::)*[A-Za-z]*Exception: ",
                "server error $1: ");
        s = s.replaceAll("(?:[A-Za-z]+::)+[A-Za-z]*Exception:? ?", "");
        s = s.replaceAll("\\s*\\(version [^)]*\\)\\s*$", "");
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    static PipeDeckException fromResponse(int status, String body, String user, String database, String table) {
        int code = code(body);
        String where = table == null ? "" : " (table " + table + ")";
        String msg = serverMessage(body);
        if (AUTH.contains(code) || (code < 0 && (status == 401 || status == 403))) {
            return PipeDeckException.permanent("ClickHouse rejected user " + user
                    + ": wrong password or unknown user. Check the destination credentials. [" + msg + "]");
        }
        if (code == 81) {
            return PipeDeckException.permanent("ClickHouse database " + database
                    + " does not exist. Create it (CREATE DATABASE " + database + ") or fix the destination URL.");
        }
        if (BAD_DATA.contains(code)) {
            return PipeDeckException.permanent("ClickHouse could not store a value" + where
                    + "; the column type does not fit the data. [" + msg + "]");
        }
        if (BAD_SCHEMA.contains(code)) {
            return PipeDeckException.permanent("ClickHouse refused the statement" + where + ". [" + msg + "]");
        }
        if (TRANSIENT.contains(code) || status >= 500 || code < 0 && status == 429) {
            return new PipeDeckException(FailureKind.TRANSIENT, "ClickHouse is temporarily unable to take data"
                    + where + " (HTTP " + status + "). [" + msg + "]");
        }
        return PipeDeckException.permanent("ClickHouse failed" + where + " (HTTP " + status + "). [" + msg + "]");
    }

    static PipeDeckException fromIo(IOException e, String endpoint, String table) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                // an untrusted or mismatched certificate does not fix itself
                return PipeDeckException.permanent("TLS handshake with ClickHouse at " + endpoint + " failed ("
                        + withoutClassNames(t.getMessage()) + "). Check the server certificate is trusted by this JVM "
                        + "(a private CA or a self-signed one: import it with keytool into a trust store and start PipeDeck "
                        + "with -Djavax.net.ssl.trustStore=PATH) and matches the host.", e);
            }
        }
        String where = table == null ? "" : " while writing " + table;
        if (unresolved(e)) {
            return PipeDeckException.transientFailure("Cannot reach ClickHouse at " + endpoint + where + ": the host name "
                    + "does not resolve. Check the host in the destination URL (and DNS on this machine).", e);
        }
        // the exception's own words, never its class name, in the user's face (the log has the stack trace)
        String why = e instanceof HttpTimeoutException ? "timed out"
                : e instanceof ConnectException ? "connection refused"
                : e.getMessage() == null || e.getMessage().isBlank() ? "the connection failed" : withoutClassNames(e.getMessage());
        // no "will retry": whether anything retries is the caller's to say (a running pipe's reason does; create does not)
        return PipeDeckException.transientFailure("Cannot reach ClickHouse at " + endpoint + where + " (" + why
                + "). Check that clickhouse-server is running there, that the destination URL's host and port are its "
                + "HTTP interface (8123 by default, 8443 with TLS), and that no firewall blocks the way.", e);
    }

    /** The JDK's words without the class names it chains in ("...: sun.security...SunCertPathBuilderException: ..."). */
    static String withoutClassNames(String message) {
        return message == null ? "no detail" : message.replaceAll("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):\\s*", "");
    }

    /** The HTTP client reports an unknown host as a ConnectException caused by an UnresolvedAddressException. */
    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
