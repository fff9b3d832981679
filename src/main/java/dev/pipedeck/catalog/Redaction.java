package dev.pipedeck.catalog;

import java.util.regex.Pattern;

/** Removes passwords from anything that may be shown or logged. */
public final class Redaction {
    // a URL followed by ": reason" in a message keeps its colon (at worst a password's last ':' shows)
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*?(:?)(?=[&;\\s]|$)");
    // the password part may contain '/' (a typed, unencoded password): better to over-redact a path than leak it
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)[^@\\s]*(@)");

    private Redaction() {}

    /** {@code jdbc:postgresql://h/db?user=u&password=x} → {@code ...password=***}; {@code ch://u:x@h} → {@code ch://u:***@h}. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String s = QUERY_PASSWORD.matcher(url).replaceAll("$1***$2");
        return USERINFO_PASSWORD.matcher(s).replaceAll("$1***$2");
    }

    /** Replaces every occurrence of the given secrets in a message (e.g. an exception text). */
    public static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String out = redactUrl(text);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 1) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }
}
