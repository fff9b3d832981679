package dev.pipedeck.console;

import dev.pipedeck.console.common.BatchSettingsInput;
import dev.pipedeck.console.common.DialogService;

import java.util.ArrayList;
import java.util.List;

/** Answers confirmations with {@link #answer} and keeps what was shown. */
public final class FakeDialogService implements DialogService {
    public record Shown(String title, String header, String content, String ok, String cancel) {}

    public final List<Shown> shown = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();
    public boolean answer;

    @Override
    public boolean showConfirmationDialogAndWait(String title, String header, String content, String okButtonText, String cancelButtonText) {
        shown.add(new Shown(title, header, content, okButtonText, cancelButtonText));
        return answer;
    }

    /** What a typed confirmation asked for; {@link #typed} is what the fake "types" (the answer needs it to match). */
    public final List<String> typedPrompts = new ArrayList<>();
    public String typed;

    @Override
    public boolean showTypedConfirmationDialogAndWait(String title, String header, String content, String prompt, String expected,
                                                      String okButtonText, String cancelButtonText) {
        shown.add(new Shown(title, header, content, okButtonText, cancelButtonText));
        typedPrompts.add(prompt);
        return answer && expected.equals(typed);
    }

    /** The Edit dialog's answer: null is Cancel. */
    public BatchSettingsInput edited;
    public BatchSettingsInput editShownWith;

    @Override
    public java.util.Optional<BatchSettingsInput> showBatchSettingsDialogAndWait(String title, String header, String content,
                                                                                 BatchSettingsInput current) {
        shown.add(new Shown(title, header, content, "Save", "Cancel"));
        editShownWith = current;
        return java.util.Optional.ofNullable(edited);
    }

    @Override
    public void showErrorDialogAndWait(String title, String content) {
        errors.add(content);
    }

    public Shown last() {
        return shown.get(shown.size() - 1);
    }
}
