package dev.pipedeck.catalog;

/** A pipe's lag in seconds, for people: "under 1 s", "42 s", "3 min 20 s", "2 h 5 min", or "not known". */
public final class LagText {
    private LagText() {}

    public static String of(Double seconds) {
        if (seconds == null) {
            return "not known";
        }
        long s = Math.round(seconds);
        if (seconds < 1) {
            return "under 1 s";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        if (h < 48) {
            return h + " h" + (m == 0 ? "" : " " + m + " min");
        }
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }
}
