package org.depconsole.ui;

/**
 * Where the window's notifications go: the desktop's notification service when there is one (seen with the window in
 * the background), else a notification inside the window. Called on the FX thread.
 */
public interface DesktopNotifier {

    enum Level { INFO, WARNING }

    void show(String title, String text, Level level);
}
