package org.depconsole.app;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.service.CoreServices;
import org.depconsole.ui.Background;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.ViewLoader;
import org.depconsole.ui.org.Formats;
import org.depconsole.ui.org.LinkAccountController;
import org.depconsole.ui.org.LinkAccountViewModel;
import org.depconsole.ui.org.MoveController;
import org.depconsole.ui.org.MoveViewModel;
import org.depconsole.ui.org.OrgWindows;

/** The Organization view's windows: "Add Apple Business API account…" and "Assign to MDM server…", in front of the main window. */
final class OrgModals implements OrgWindows {

    private final Stage owner;
    private final DialogService dialogs;
    private final ResourceBundle bundle;
    private final CoreServices core;
    private final Formats formats;
    private final Supplier<Background> background;

    OrgModals(Stage owner, DialogService dialogs, ResourceBundle bundle, CoreServices core, Formats formats, Supplier<Background> background) {
        this.owner = owner;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.core = core;
        this.formats = formats;
        this.background = background;
    }

    @Override
    public void linkAccount(Consumer<OrgAccount> linked) {
        LinkAccountViewModel vm = new LinkAccountViewModel(core.orgAccounts(), background.get(), formats);
        Stage[] window = new Stage[1];
        Parent view = new ViewLoader(bundle, type -> type == LinkAccountController.class
                ? new LinkAccountController(vm, dialogs, bundle, () -> window[0].close()) : null).load(LinkAccountController.class);
        window[0] = Modals.show(owner, bundle.getString("orgview.link.title"), view, () -> { });
        vm.setOnLinked(account -> {
            window[0].close();
            linked.accept(account);
        });
    }

    @Override
    public void move(long accountId, OrgJob.Kind kind, List<String> serials, Consumer<OrgJob> started) {
        MoveViewModel vm = new MoveViewModel(core.orgMoves(), core.orgInventory(), core.profiles(), background.get(), formats, accountId, kind,
                serials);
        Stage[] window = new Stage[1];
        Parent view = new ViewLoader(bundle, type -> type == MoveController.class
                ? new MoveController(vm, dialogs, bundle, started, () -> window[0].close()) : null).load(MoveController.class);
        window[0] = Modals.show(owner, bundle.getString(kind == OrgJob.Kind.ASSIGN ? "orgview.move.header.assign" : "orgview.move.header.unassign"),
                view, () -> { });
    }
}
