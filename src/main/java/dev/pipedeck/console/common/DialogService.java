package dev.pipedeck.console.common;

import java.util.Optional;

/** What view-models ask of dialogs; tests pass a fake that records the texts and answers. */
public interface DialogService {
    /** Shows a confirmation and waits; true when the OK button (named {@code okButtonText}) was chosen. */
    boolean showConfirmationDialogAndWait(String title, String header, String content, String okButtonText,
                                          String cancelButtonText);

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
