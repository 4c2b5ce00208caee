package org.depconsole.ui;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One tab of the server page, as the composition root registers it: its fx:id, its title and View-menu keys, its
 * controller (the view is {@code <Name>View.fxml} beside it, see {@link ViewLoader}) and how it follows the selected
 * server and the sync status. The tab page, the View menu, the controller factory and the {@link SelectionBridge} are
 * all built from the one list of these in {@code app.AppContext}, so adding a tab touches that list only
 * (docs/decisions/0011).
 *
 * @param <C> the controller type
 */
public final class ServerTab<C> {

    private final String id;
    private final String titleKey;
    private final String menuKey;
    private final Class<C> controllerType;
    private final Supplier<C> factory;
    private final ServerScoped model;
    private C controller;

    private ServerTab(String id, String titleKey, String menuKey, Class<C> controllerType, Supplier<C> factory, ServerScoped model) {
        this.id = Objects.requireNonNull(id);
        this.titleKey = Objects.requireNonNull(titleKey);
        this.menuKey = Objects.requireNonNull(menuKey);
        this.controllerType = Objects.requireNonNull(controllerType);
        this.factory = Objects.requireNonNull(factory);
        this.model = Objects.requireNonNull(model);
    }

    /**
     * @param id       the tab's fx:id (tests and the menu find it by this)
     * @param titleKey message key of the tab's title
     * @param menuKey  message key of its View-menu item (shortcut: its place in the list + 2; the server page is 1)
     */
    public static <C> ServerTab<C> of(String id, String titleKey, String menuKey, Class<C> controllerType, Supplier<C> factory,
                                      ServerScoped model) {
        return new ServerTab<>(id, titleKey, menuKey, controllerType, factory, model);
    }

    public String id() {
        return id;
    }

    public String titleKey() {
        return titleKey;
    }

    public String menuKey() {
        return menuKey;
    }

    public Class<C> controllerType() {
        return controllerType;
    }

    /** The tab's one controller, made on first use (FXML asks for it once, when the tab is loaded). */
    public synchronized C controller() {
        if (controller == null) {
            controller = factory.get();
        }
        return controller;
    }

    public ServerScoped model() {
        return model;
    }

    /**
     * The same tab whose model follows the selected server only while the tab is shown ({@link WhileShown}): for a
     * tab whose reading costs more than it is worth when nobody looks.
     */
    public ServerTab<C> whileShown() {
        return new ServerTab<>(id, titleKey, menuKey, controllerType, factory, new WhileShown(model));
    }

    /** Tells the tab's model whether its tab is shown now (the server page calls this as tabs are selected). */
    public void shown(boolean now) {
        if (model instanceof WhileShown gate) {
            gate.setShown(now);
        }
    }
}
