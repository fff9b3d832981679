package dev.pipedeck.console.common;

/** What view-models ask of dialogs; tests pass a fake that records the texts and answers. */
public interface DialogService {
    /** Shows a confirmation and waits; true when the OK button (named {@code okButtonText}) was chosen. */
    boolean showConfirmationDialogAndWait(String title, String header, String content, String okButtonText,
                                          String cancelButtonText);

    /** Shows an error sentence (what failed, what to do). */
    void showErrorDialogAndWait(String title, String content);
}
