package dev.pipedeck.console.settings;

/**
 * The words around the Resync… button, which offers two requests of the lifecycle table: the whole pipe
 * ({@code RESYNC}: paused or failed) and one table ({@code RESYNC_TABLE}: running or paused).
 */
final class ResyncOffer {
    private ResyncOffer() {}

    /** The button's tooltip, from each request's reason for being off (null: it applies). */
    static String tooltip(String wholeWhyNot, String tableWhyNot) {
        if (wholeWhyNot == null && tableWhyNot == null) {
            return "Copy the whole pipe, or one of its tables, afresh into shadow tables, swapped in when complete";
        }
        if (wholeWhyNot == null) {
            return "Copy the pipe afresh: new slot, full copy into shadow tables, swapped in when complete";
        }
        if (tableWhyNot == null) {
            return "Copy one table afresh while the other tables keep streaming (the whole pipe is resynced while paused)";
        }
        if (wholeWhyNot.equals(tableWhyNot)) {
            return wholeWhyNot;
        }
        return "The whole pipe: " + lower(wholeWhyNot) + " One table: " + lower(tableWhyNot);
    }

    /** Under the dialog's choices: which kind is not offered now, and why; null when both are. */
    static String note(String wholeWhyNot, String tableWhyNot) {
        if (wholeWhyNot != null && tableWhyNot == null) {
            return "The whole pipe is resynced while it is paused or failed: " + lower(wholeWhyNot);
        }
        if (tableWhyNot != null && wholeWhyNot == null) {
            return "One table is resynced while the pipe is running or paused: " + lower(tableWhyNot);
        }
        return null;
    }

    private static String lower(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
