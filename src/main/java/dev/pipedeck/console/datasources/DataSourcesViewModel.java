package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsoleState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;

/** All pipes of the catalog, filterable; opening one shows it on the Settings and Metrics tabs. */
public final class DataSourcesViewModel {
    static final String EMPTY_TEXT = "No pipes yet. Create one with \"New pipe\" above, or from a terminal:\n"
            + "pipedeck pipe create NAME --source jdbc:postgresql://host:5432/db?user=... "
            + "--destination clickhouse://user@host:8123/db --tables public.orders";

    private final ConsoleState state;
    private final ObservableList<PipeItem> rows = FXCollections.observableArrayList();
    private final FilteredList<PipeItem> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final BooleanBinding empty;

    public DataSourcesViewModel(ConsoleState state) {
        this.state = state;
        filterText.addListener((o, a, f) -> {
            filtered.setPredicate(r -> r.row().matches(f));
            updateSummary();
        });
        empty = Bindings.createBooleanBinding(() -> state.loadedProperty().get() && rows.isEmpty(), rows, state.loadedProperty());
        state.dataProperty().addListener((o, a, d) -> show(d));
        show(state.data());
    }

    private void show(ConsoleData d) {
        List<PipeRow> next = new ArrayList<>(d.pipes().size());
        for (Pipe p : d.pipes()) {
            next.add(PipeRow.of(p, d.latestSamples().get(p.id())));
        }
        boolean samePipes = next.size() == rows.size();
        for (int i = 0; samePipes && i < next.size(); i++) {
            samePipes = next.get(i).name().equals(rows.get(i).name());
        }
        if (samePipes) {
            // the usual refresh: values change in place, the list (and so the table's layout) does not
            for (int i = 0; i < next.size(); i++) {
                rows.get(i).update(next.get(i));
            }
            String f = filterText.get();
            if (f != null && !f.isBlank()) {
                filtered.setPredicate(r -> r.row().matches(f));
            }
        } else {
            rows.setAll(next.stream().map(PipeItem::new).toList());
        }
        updateSummary();
    }

    private void updateSummary() {
        int all = rows.size();
        int shown = filtered.size();
        summary.set(all == shown ? all + (all == 1 ? " pipe" : " pipes") : shown + " of " + all + " pipes");
    }

    /** Opens a pipe (click or Enter on its row). */
    public void open(String pipeName) {
        if (pipeName != null) {
            state.open(pipeName);
        }
    }

    /** Rows after the filter; the view wraps them in a SortedList bound to the table's sort order. */
    public ObservableList<PipeItem> rows() { return filtered; }
    public StringProperty filterTextProperty() { return filterText; }
    public BooleanBinding empty() { return empty; }
    public String emptyText() { return EMPTY_TEXT; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty selectedPipeProperty() { return state.selectedPipeProperty(); }
}
