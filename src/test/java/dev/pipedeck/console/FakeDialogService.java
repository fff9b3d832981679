package dev.pipedeck.console;

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

    @Override
    public void showErrorDialogAndWait(String title, String content) {
        errors.add(content);
    }

    public Shown last() {
        return shown.get(shown.size() - 1);
    }
}
