package org.depconsole.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads {@code <Name>View.fxml} beside a {@code <Name>Controller} (same package on the class path) with the
 * message bundle and a controller factory that takes controllers from the composition root. An unknown
 * controller is an error, so no controller is ever created with a missing view model.
 */
public final class ViewLoader {

    private final ResourceBundle bundle;
    private final Function<Class<?>, Object> controllers;

    public ViewLoader(ResourceBundle bundle, Function<Class<?>, Object> controllers) {
        this.bundle = bundle;
        this.controllers = controllers;
    }

    public Parent load(Class<?> controllerType) {
        String name = controllerType.getSimpleName().replaceFirst("Controller$", "View") + ".fxml";
        URL fxml = controllerType.getResource(name);
        if (fxml == null) {
            throw new IllegalStateException("no view " + name + " beside " + controllerType.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml, bundle);
        loader.setControllerFactory(type -> {
            Object controller = controllers.apply(type);
            if (controller == null) {
                throw new IllegalStateException("no controller registered for " + type.getName());
            }
            return controller;
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + name, e);
        }
    }

    public ResourceBundle bundle() {
        return bundle;
    }
}
