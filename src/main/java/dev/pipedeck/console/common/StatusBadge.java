package dev.pipedeck.console.common;

import dev.pipedeck.catalog.PipeStatus;
import javafx.scene.control.Label;

/** Makes a label a coloured status badge ({@code .status-badge.status-running}, ...). */
public final class StatusBadge {
    private StatusBadge() {}

    public static void show(Label label, PipeStatus status) {
        if (status != null && status.label().equals(label.getText()) && label.getStyleClass().contains(PipeDisplay.styleClass(status))) {
            return; // unchanged: touching the style classes would make JavaFX redo the CSS of the cell on every refresh
        }
        label.getStyleClass().removeIf(c -> c.startsWith("status-") && !c.equals("status-badge"));
        if (!label.getStyleClass().contains("status-badge")) {
            label.getStyleClass().add("status-badge");
        }
        if (status == null) {
            label.setText("");
            return;
        }
        label.setText(status.label());
        label.getStyleClass().add(PipeDisplay.styleClass(status));
    }
}
