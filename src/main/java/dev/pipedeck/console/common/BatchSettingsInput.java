package dev.pipedeck.console.common;

/** What the operator typed into the Edit dialog: the batch size (rows) and the sync interval (milliseconds), as text. */
public record BatchSettingsInput(String batchSize, String syncIntervalMillis) {
}
