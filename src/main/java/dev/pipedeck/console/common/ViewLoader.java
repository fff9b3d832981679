package dev.pipedeck.console.common;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/** Loads an FXML file that sits next to its controller's class, using a controller instance built with its view-model. */
public final class ViewLoader {
    private ViewLoader() {}

    public static Parent load(Object controller) {
        String name = controller.getClass().getSimpleName() + ".fxml";
        URL url = controller.getClass().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing FXML " + name + " next to " + controller.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        // the FXML names its controller class; hand it the instance that already holds its view-model
        loader.setControllerFactory(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(name + " asks for " + type.getName());
            }
            return controller;
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("could not load " + name + ": " + e.getMessage(), e);
        }
    }
}
