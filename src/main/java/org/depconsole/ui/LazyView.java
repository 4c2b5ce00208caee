package org.depconsole.ui;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.control.Tab;

/**
 * A view built the first time it is shown: the window opens with the one tab in front, and each other tab's FXML,
 * styles and layout cost nothing until the admin opens it (issue 10: building every tab at start-up was most of the
 * 3 s before the window showed). The view model behind it works without the view. FX thread only.
 *
 * @param <C> the view's controller
 */
public final class LazyView<C> {

    private final Supplier<Parent> load;
    private final Supplier<C> controller;
    private Parent view;

    public LazyView(Supplier<Parent> load, Supplier<C> controller) {
        this.load = Objects.requireNonNull(load);
        this.controller = Objects.requireNonNull(controller);
    }

    /** The view, built now if it was not yet. */
    public Parent view() {
        if (view == null) {
            view = load.get();
        }
        return view;
    }

    public boolean built() {
        return view != null;
    }

    /** The controller of the built view (building it first: a controller without its view has no controls). */
    public C controller() {
        view();
        return controller.get();
    }

    /** Puts the view into {@code tab} when the tab is first selected (at once if it is selected now). */
    public void fill(Tab tab) {
        if (tab.isSelected()) {
            tab.setContent(view());
            return;
        }
        tab.selectedProperty().addListener((o, was, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(view());
            }
        });
    }
}
