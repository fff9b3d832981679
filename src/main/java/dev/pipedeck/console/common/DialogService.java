package dev.pipedeck.console.common;

import java.util.Optional;

/** What view-models ask of dialogs; tests pass a fake that records the texts and answers. */
public interface DialogService {
    /** Shows a confirmation and waits; true when the OK button (named {@code okButtonText}) was chosen. */
    boolean showConfirmationDialogAndWait(String title, String header, String content, String okButtonText,
                                          String cancelButtonText);

    /**
     * Shows a confirmation for an action that cannot be undone: its OK button stays disabled until {@code expected}
     * (e.g. the pipe's name) is typed into the field under {@code prompt}. True when OK was chosen.
     */
    boolean showTypedConfirmationDialogAndWait(String title, String header, String content, String prompt, String expected,
                                               String okButtonText, String cancelButtonText);

    /**
     * Shows the Edit dialog of a paused pipe with the current batch size and sync interval filled in; empty when
     * cancelled, else what was typed (the caller checks it).
     */
    Optional<BatchSettingsInput> showBatchSettingsDialogAndWait(String title, String header, String content,
                                                                BatchSettingsInput current);

    /**
     * The Pause confirmation with the guard options ("resume automatically after", "resume when less WAL budget is
     * left"); empty when cancelled.
     */
    default Optional<PauseChoice> showPauseDialogAndWait(String title, String header, String content, String okButtonText,
                                                         String cancelButtonText) {
        return showConfirmationDialogAndWait(title, header, content, okButtonText, cancelButtonText)
                ? Optional.of(PauseChoice.NO_GUARD) : Optional.empty();
    }

    /** Shows an error sentence (what failed, what to do). */
    void showErrorDialogAndWait(String title, String content);
}
