package dev.pipedeck.console;

import dev.pipedeck.console.common.DialogService;
import dev.pipedeck.console.common.ResyncChoice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /** What the Resync… dialog offered, and the words it showed for each choice. */
    public final List<ResyncChoice> resyncOffered = new ArrayList<>();
    public final Map<ResyncChoice, String> resyncTexts = new LinkedHashMap<>();
    public String resyncNote;
    /** The Resync… dialog's answer: the choice with this label (null: the first offered); {@link #answer} false is Cancel. */
    public String resyncPick;

    @Override
    public Optional<ResyncChoice> showResyncDialogAndWait(String title, String header, List<ResyncChoice> choices,
                                                          Function<ResyncChoice, String> content, String note,
                                                          String okButtonText, String cancelButtonText) {
        resyncOffered.clear();
        resyncOffered.addAll(choices);
        resyncTexts.clear();
        choices.forEach(c -> resyncTexts.put(c, content.apply(c)));
        resyncNote = note;
        ResyncChoice pick = resyncPick == null ? choices.get(0)
                : choices.stream().filter(c -> c.label().equals(resyncPick)).findFirst().orElseThrow();
        shown.add(new Shown(title, header, resyncTexts.get(pick), okButtonText, cancelButtonText));
        return answer ? Optional.of(pick) : Optional.empty();
    }

    @Override
    public void showErrorDialogAndWait(String title, String content) {
        errors.add(content);
    }

    public Shown last() {
        return shown.get(shown.size() - 1);
    }
}
