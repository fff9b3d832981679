package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.PipeStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the tabs share: the latest data, the open pipe, whether the catalog answers. Lives on the FX thread; the
 * refresh service feeds it. The main window's view-model, in effect.
 */
public final class ConsoleState {
    public static final String TITLE = "PipeDeck";
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ReadOnlyObjectWrapper<ConsoleData> data = new ReadOnlyObjectWrapper<>(ConsoleData.EMPTY);
    private final ReadOnlyStringWrapper selectedPipe = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper catalogUnreachable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper updatedText = new ReadOnlyStringWrapper("Not updated yet");
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper(TITLE);
    private final ZoneId zone;
    private Runnable refresher = () -> { };
    /** Pipes as a request returned them, with the time: a read that started earlier must not show them as before. */
    private final Map<Long, Map.Entry<Pipe, Instant>> answered = new HashMap<>();

    public ConsoleState(ZoneId zone) {
        this.zone = zone;
        selectedPipe.addListener((o, a, b) -> windowTitle.set(b == null ? TITLE : b + " — " + TITLE));
    }

    public ConsoleState() {
        this(ZoneId.systemDefault());
    }

    /** Who refreshes when asked (the refresh service, once the window exists). */
    public void setRefresher(Runnable refresher) {
        this.refresher = Objects.requireNonNull(refresher);
    }

    /** Refresh at once (Refresh button, F5, a notification, after an action). */
    public void refreshNow() {
        refresher.run();
    }

    /** Opens a pipe: the Settings and Metrics tabs show it from now on. */
    public void open(String pipeName) {
        if (!Objects.equals(pipeName, selectedPipe.get())) {
            selectedPipe.set(pipeName);
            refreshNow();
        }
    }

    public void applyData(ConsoleData fresh) {
        ConsoleData d = fresh;
        for (var it = answered.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next().getValue();
            if (d.loadedAt().isBefore(e.getValue())) {
                d = d.withPipe(e.getKey());
            } else {
                it.remove();
            }
        }
        data.set(d);
        loaded.set(true);
        catalogUnreachable.set(false);
        bannerText.set("");
        updatedText.set("Updated " + HH_MM_SS.format(d.loadedAt().atZone(zone)));
    }

    /** The catalog did not answer: keep the last data on screen, say so in a banner that blocks nothing. */
    public void applyFailure(Throwable error) {
        String why = error == null || error.getMessage() == null ? "" : " (" + firstLine(error.getMessage()) + ")";
        // text first: the banner must never show up empty
        bannerText.set("Catalog unreachable — retrying" + why);
        catalogUnreachable.set(true);
    }

    /** Shows a pipe as a request just returned it, before the next refresh reads it again. */
    public void replacePipe(Pipe changed) {
        if (changed != null) {
            answered.put(changed.id(), Map.entry(changed, Instant.now()));
            data.set(data.get().withPipe(changed));
        }
    }

    /** The shown status of the open pipe, or null. */
    public PipeStatus selectedStatus() {
        PipeDetails d = data.get().selected();
        return d == null ? null : ShownStatus.of(d.pipe());
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public ReadOnlyObjectProperty<ConsoleData> dataProperty() { return data.getReadOnlyProperty(); }
    public ConsoleData data() { return data.get(); }
    public ReadOnlyStringProperty selectedPipeProperty() { return selectedPipe.getReadOnlyProperty(); }
    public String selectedPipe() { return selectedPipe.get(); }
    public ReadOnlyBooleanProperty catalogUnreachableProperty() { return catalogUnreachable.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }
    public ReadOnlyStringProperty bannerTextProperty() { return bannerText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty updatedTextProperty() { return updatedText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty windowTitleProperty() { return windowTitle.getReadOnlyProperty(); }
}
