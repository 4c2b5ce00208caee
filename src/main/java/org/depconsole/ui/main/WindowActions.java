package org.depconsole.ui.main;

/** Menu actions that open other windows or touch the whole store; the composition root carries them out. */
public interface WindowActions {

    void openSettings();

    void backup();

    void restore();

    void removeSimulated();
}
