package dev.pipedeck.console.common;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
     * The Pause confirmation with the guard options ("resume automatically after", "resume when less WAL budget is
     * left"); empty when cancelled.
     */
    default Optional<PauseChoice> showPauseDialogAndWait(String title, String header, String content, String okButtonText,
                                                         String cancelButtonText) {
        return showConfirmationDialogAndWait(title, header, content, okButtonText, cancelButtonText)
                ? Optional.of(PauseChoice.NO_GUARD) : Optional.empty();
    }

    /**
     * The Resync… confirmation: the whole pipe or one of its tables, from {@code choices} (the first is chosen at
     * first); {@code content} words what the chosen one does, {@code note} says which kind is not offered now and why
     * (may be null). Empty when cancelled.
     */
    default Optional<ResyncChoice> showResyncDialogAndWait(String title, String header, List<ResyncChoice> choices,
                                                           Function<ResyncChoice, String> content, String note,
                                                           String okButtonText, String cancelButtonText) {
        ResyncChoice first = choices.get(0);
        return showConfirmationDialogAndWait(title, header, content.apply(first), okButtonText, cancelButtonText)
                ? Optional.of(first) : Optional.empty();
    }

    /** Shows an error sentence (what failed, what to do). */
    void showErrorDialogAndWait(String title, String content);
}
