package dev.pipedeck.console.common;

import dev.pipedeck.catalog.PipeStatus;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Table cells of the console's views: values stay raw (so columns sort by meaning), text is formatted per cell. */
public final class Cells {
    private Cells() {}

    public static <S, T> void text(TableColumn<S, T> column, Function<S, T> value, Function<T, String> format) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        });
    }

    /** A column of a value inside an observable per-row value: the cell follows it when it changes. */
    public static <S, R, T> void text(TableColumn<S, T> column, Function<S, javafx.beans.value.ObservableValue<R>> row,
                                      Function<R, T> value, Function<T, String> format) {
        column.setCellValueFactory(c -> row.apply(c.getValue()).map(value));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        });
    }

    public static <S, R, T> void numeric(TableColumn<S, T> column, Function<S, javafx.beans.value.ObservableValue<R>> row,
                                         Function<R, T> value, Function<T, String> format) {
        text(column, row, value, format);
        column.setStyle("-fx-alignment: center-right;");
    }

    public static <S, R> void status(TableColumn<S, PipeStatus> column, Function<S, javafx.beans.value.ObservableValue<R>> row,
                                     Function<R, PipeStatus> value) {
        status(column, s -> null);
        column.setCellValueFactory(c -> row.apply(c.getValue()).map(value));
    }

    public static <S, T> void numeric(TableColumn<S, T> column, Function<S, T> value, Function<T, String> format) {
        text(column, value, format);
        column.setStyle("-fx-alignment: center-right;");
    }

    /** A coloured badge with the status label. */
    public static <S> void status(TableColumn<S, PipeStatus> column, Function<S, PipeStatus> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(PipeStatus item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setAlignment(Pos.CENTER_LEFT);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                StatusBadge.show(badge, item);
                setGraphic(badge);
            }
        });
    }
}
