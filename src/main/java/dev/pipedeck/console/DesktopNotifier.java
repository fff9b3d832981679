package dev.pipedeck.console;

import dev.pipedeck.console.common.PipeAlerts;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Shows an alert as a ControlsFX desktop notification (bottom right, for 8 seconds). */
final class DesktopNotifier {
    private DesktopNotifier() {}

    static void show(PipeAlerts.Alert alert) {
        Notifications n = Notifications.create().title(alert.title()).text(alert.text()).hideAfter(Duration.seconds(8));
        if (alert.error()) {
            n.showError();
        } else {
            n.showWarning();
        }
    }
}
