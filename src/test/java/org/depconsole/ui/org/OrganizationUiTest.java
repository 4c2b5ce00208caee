package org.depconsole.ui.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.depconsole.app.AppContext;
import org.depconsole.domain.Server;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.org.OrgCrossCheck;
import org.depconsole.domain.org.OrgDeviceRow;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.service.ProfileService;
import org.depconsole.service.org.OrgMoveService;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.testsupport.Drops;
import org.depconsole.testsupport.Fx;
import org.depconsole.testsupport.Screenshots;
import org.depconsole.testsupport.Truncation;
import org.depconsole.testsupport.SimulatedOrg;
import org.depconsole.testsupport.UiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Organization view of the real window on a private data folder, against the simulated organization over loopback
 * (its rate limits off, activities and the DEP side quick): link an API account by dropping its key file, sync, filter,
 * move devices with a profile and watch the job finish; a wrong key's sentence; the loading state; the preview counts.
 */
@UiTest
class OrganizationUiTest {

    static final String MAIN = SimulatedOrg.MAIN;
    static final String CLASSROOM = SimulatedOrg.CLASSROOM;
    static final String LOANER = SimulatedOrg.LOANERS;

    @TempDir
    static Path dataDir;

    DepSimulator sim;
    AppContext context;
    Stage stage;
    Path dir;
    Server classroom;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sim = SimulatedOrg.start(200);
        sim.organization().timing(Duration.ofMillis(500), Duration.ofSeconds(1));
        dir = Files.createTempDirectory(dataDir, "org");
        context = AppContext.create(AppDirs.at(dir));
        CoreServices core = context.core();
        SimulatedOrg.unpaced(core);
        // two of the organization's three MDM servers have their DEP token in this console; "Loaner Pool" has none
        link(core, MAIN);
        classroom = link(core, CLASSROOM);
        core.profiles().define(classroom.id(), "Lab", ProfileService.importJson(
                "{\"profile_name\": \"Lab\", \"url\": \"https://mdm.example.org/enroll\", \"is_supervised\": true}"));
        core.orgMoves().setTiming(new OrgMoveService.Timing(Duration.ofMillis(300), Duration.ofMinutes(2), Duration.ofMillis(500),
                Duration.ofSeconds(2)));
        context.showMainWindow(stage);
        stage.setWidth(1100);
        stage.setHeight(700);
    }

    /**
     * Links the DEP side of one of the organization's servers as an admin does (certificate upload, token download,
     * import). Not marked simulated: the window would hand simulated servers to its own first-run simulator.
     */
    private Server link(CoreServices core, String name) throws Exception {
        core.servers().add(name, sim.baseUrl(), false);
        org.depconsole.simulator.SimulatorControl control = sim.organization().server(name);
        control.uploadCertificate(core.servers().certificatePem(name).getBytes(StandardCharsets.US_ASCII));
        Path file = Files.createTempFile(dataDir, "token", "_smime.p7m");
        Files.write(file, control.downloadToken().content());
        core.servers().importToken(name, file, false);
        return core.servers().get(name);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
        context.close();
        sim.close();
        // the test runner may keep test instances until the fork ends: let the window, store and simulator go
        context = null;
        sim = null;
        stage = null;
        classroom = null;
    }

    @Test
    void addAccountByDroppingTheKeySyncFilterMoveWithAProfileAndWatchTheJobFinish(FxRobot robot) throws Exception {
        showOrganization(robot);
        Fx.until(() -> robot.lookup("#noAccountPane").query().isVisible());
        Screenshots.save(stage.getScene(), "org-01-no-account");
        Truncation.assertNoneIn(stage.getScene());

        ApiAccountFile account = sim.organization().createApiAccount("Example Organization", ApiFamily.BUSINESS);
        Path key = Files.writeString(dataDir.resolve(account.fileName()), account.privateKeyPem());
        robot.clickOn("#addAccountButton");
        Fx.until(() -> robot.lookup("#keyDropZone").tryQuery().isPresent());
        fill(robot, "#linkNameField", "Example Organization");
        fill(robot, "#linkClientIdField", account.clientId());
        assertThat(text(robot, "#familyLabel")).isEqualTo("Apple Business: the console uses api-business.apple.com with scope business.api.");
        fill(robot, "#linkKeyIdField", account.keyId());
        fill(robot, "#linkEndpointField", sim.baseUrl().toString());
        drop(robot, "#keyDropZone", key);
        Fx.until(() -> text(robot, "#keyFileLabel").equals(account.fileName()));
        Screenshots.saveForDocs(robot.lookup("#keyDropZone").query().getScene(), "org-add-account-light");
        Truncation.assertNoneIn(robot.lookup("#keyDropZone").query().getScene());
        robot.clickOn("#linkButton");
        Fx.until(() -> robot.lookup("#keyDropZone").tryQuery().isEmpty());
        assertThat(context.core().orgAccounts().list()).extracting(a -> a.name()).containsExactly("Example Organization");
        Fx.until(() -> robot.lookup("#orgContent").query().isVisible());
        Fx.until(() -> text(robot, "#lastSyncLabel").startsWith("Not synced yet"));
        assertThat(placeholderText(robot)).isEqualTo("The organization has not been synced yet: press “Sync organization”.");

        robot.clickOn("#orgSyncButton");
        Fx.until(() -> text(robot, "#lastSyncLabel").startsWith("Last sync"));
        TableView<OrgDeviceItem> devices = deviceTable(robot);
        int total = sim.organization().deviceCount();
        Fx.until(() -> devices.getItems().size() == total);
        assertThat(text(robot, "#orgCountLabel")).isEqualTo(String.format("%,d of %,d devices", total, total).replace(',', sep()));
        assertThat(text(robot, "#orgMessage")).startsWith("Organization synced: ");
        // the servers with their counts and mapping: Loaner Pool has no token here
        javafx.scene.control.ListView<OrgServerRow> servers = robot.lookup("#orgServerList").queryAs(javafx.scene.control.ListView.class);
        assertThat(servers.getItems()).extracting(r -> r.server().name()).containsExactlyInAnyOrder(MAIN, CLASSROOM, LOANER);
        OrgServerRow loaner = servers.getItems().stream().filter(r -> r.server().name().equals(LOANER)).findFirst().orElseThrow();
        assertThat(loaner.consoleServerName()).isNull();
        assertThat(loaner.storedDevices()).isEqualTo(sim.organization().server(LOANER).deviceCount());
        Screenshots.saveForDocs(stage.getScene(), "org-synced-light");
        Truncation.assertNoneIn(stage.getScene());

        // cross-checks: the unassigned devices and those on the server without a token are clickable filters
        int unassigned = sim.organization().unassignedSerials().size();
        Hyperlink onNoServer = robot.lookup("#check-ON_NO_SERVER").queryAs(Hyperlink.class);
        assertThat(onNoServer.getText()).isEqualTo("On no server: " + unassigned);
        robot.clickOn(onNoServer);
        Fx.until(() -> devices.getItems().size() == unassigned);
        assertThat(devices.getItems()).allMatch(i -> i.server().equals("unassigned"));
        robot.clickOn("#check-SERVER_NOT_IN_CONSOLE");
        Fx.until(() -> devices.getItems().size() == loaner.storedDevices());
        assertThat(devices.getItems()).allMatch(i -> i.server().equals(LOANER));
        robot.clickOn("#orgClearFilters");

        // filter by server, then search an order number within it
        ComboBox<OrgServerRow> serverFilter = robot.lookup("#serverFilter").queryAs(ComboBox.class);
        OrgServerRow main = servers.getItems().stream().filter(r -> r.server().name().equals(MAIN)).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> serverFilter.setValue(main)).get();
        Fx.until(() -> devices.getItems().size() == main.storedDevices());
        assertThat(devices.getItems()).allMatch(i -> i.server().equals(MAIN));
        OrgDeviceItem first = devices.getItems().get(0);
        String order = first.device().orderNumber();
        fill(robot, "#orgSearch", order);
        Fx.until(() -> !devices.getItems().isEmpty() && devices.getItems().stream().allMatch(i -> order.equals(i.device().orderNumber())
                || i.row().searchText().contains(order.toLowerCase(java.util.Locale.ROOT))));
        long expected = context.core().orgInventory().devices(accountId()).stream()
                .filter(r -> main.server().id().equals(r.device().assignedServerId()))
                .filter(r -> r.searchText().contains(order.toLowerCase(java.util.Locale.ROOT))).count();
        assertThat(devices.getItems()).hasSize((int) expected);
        Screenshots.save(stage.getScene(), "org-04-filtered");
        fill(robot, "#orgSearch", "");
        Fx.until(() -> devices.getItems().size() == main.storedDevices());

        // move three devices of the main server to Classroom iPads, then give them its profile "Lab"
        List<String> moving = devices.getItems().stream().limit(3).map(OrgDeviceItem::serial).toList();
        WaitForAsyncUtils.asyncFx(() -> {
            devices.getSelectionModel().clearSelection();
            for (int i = 0; i < 3; i++) {
                devices.getSelectionModel().select(i);
            }
        }).get();
        robot.clickOn("#assignButton");
        Fx.until(() -> robot.lookup("#targetChoice").tryQuery().isPresent());
        ComboBox<OrgServerRow> target = robot.lookup("#targetChoice").queryAs(ComboBox.class);
        Fx.until(() -> target.getItems().size() == 3);
        WaitForAsyncUtils.asyncFx(() -> target.setValue(target.getItems().stream().filter(r -> r.server().name().equals(CLASSROOM))
                .findFirst().orElseThrow())).get();
        ComboBox<String> profile = robot.lookup("#profileChoice").queryAs(ComboBox.class);
        Fx.until(() -> profile.getItems().contains("Lab"));
        WaitForAsyncUtils.asyncFx(() -> profile.setValue("Lab")).get();
        Fx.until(() -> text(robot, "#movePreviewLabel").contains("profile “Lab”"));
        assertThat(text(robot, "#movePreviewLabel")).startsWith("3 devices move to “" + CLASSROOM + "”: 3 from " + MAIN + ".")
                .contains("This takes 1 request to Apple");
        Screenshots.saveForDocs(robot.lookup("#movePreviewLabel").query().getScene(), "org-move-preview-light");
        Truncation.assertNoneIn(robot.lookup("#movePreviewLabel").query().getScene());
        robot.clickOn("#moveStartButton");
        Fx.until(() -> robot.lookup("#movePreviewLabel").tryQuery().isEmpty());

        TableView<OrganizationViewModel.JobItem> jobs = robot.lookup("#jobsTable").queryAs(TableView.class);
        Fx.until(() -> !jobs.getItems().isEmpty());
        Screenshots.save(stage.getScene(), "org-06-job-running");
        WaitForAsyncUtils.waitFor(90, java.util.concurrent.TimeUnit.SECONDS, () -> jobs.getItems().get(0).finished());
        WaitForAsyncUtils.waitForFxEvents();
        OrganizationViewModel.JobItem job = jobs.getItems().get(0);
        assertThat(job.stateText()).as(job.step()).isEqualTo("Done");
        assertThat(job.countsText()).isEqualTo("3 profile assigned");
        robot.clickOn(job.kindText());
        TableView<org.depconsole.domain.org.OrgJobDevice> jobDevices = robot.lookup("#jobDeviceTable").queryAs(TableView.class);
        Fx.until(() -> jobDevices.getItems().size() == 3);
        assertThat(jobDevices.getItems()).allMatch(d -> d.state() == org.depconsole.domain.org.OrgJobDevice.State.PROFILE_ASSIGNED);
        String classroomId = sim.organization().serverId(CLASSROOM);
        for (String serial : moving) {
            assertThat(sim.organization().assignedServerId(serial)).isEqualTo(classroomId);
            assertThat(sim.organization().server(CLASSROOM).profileStatus(serial)).isEqualTo("assigned");
        }
        Screenshots.saveForDocs(stage.getScene(), "org-job-done-light");
        Truncation.assertNoneIn(stage.getScene());
    }

    @Test
    void aWrongKeyForTheKeyIdIsOneSentenceInTheDialogAndNothingIsStored(FxRobot robot) throws Exception {
        showOrganization(robot);
        ApiAccountFile a = sim.organization().createApiAccount("A", ApiFamily.BUSINESS);
        ApiAccountFile b = sim.organization().createApiAccount("B", ApiFamily.BUSINESS);
        Path keyOfB = Files.writeString(dataDir.resolve("b-" + b.fileName()), b.privateKeyPem());
        robot.clickOn("#addAccountButton");
        Fx.until(() -> robot.lookup("#keyDropZone").tryQuery().isPresent());
        robot.clickOn("#linkButton");
        Fx.until(() -> text(robot, "#linkMessage").equals("The API account needs a name: type a name that tells the organization apart."));
        fill(robot, "#linkNameField", "Wrong key");
        robot.clickOn("#linkButton");
        Fx.until(() -> text(robot, "#linkMessage").startsWith("The private key file is missing"));
        fill(robot, "#linkClientIdField", a.clientId());
        fill(robot, "#linkKeyIdField", a.keyId());
        fill(robot, "#linkEndpointField", sim.baseUrl().toString());
        drop(robot, "#keyDropZone", keyOfB);
        robot.clickOn("#linkButton");
        Label message = robot.lookup("#linkMessage").queryAs(Label.class);
        Fx.until(() -> message.getStyleClass().contains("message-error") && !message.getText().isEmpty()
                && !message.getText().startsWith("Signing in"));
        String sentence = message.getText();
        assertThat(sentence).doesNotContain("\n").endsWith(".");
        assertThat(sentence.split("\\. ")).hasSize(1);
        assertThat(sentence.toLowerCase(java.util.Locale.ROOT)).contains("key");
        assertThat(sentence).doesNotContain("BEGIN").doesNotContain(b.privateKeyPem().substring(40, 80));
        assertThat(context.core().orgAccounts().list()).isEmpty();
        Screenshots.saveForDocs(message.getScene(), "org-wrong-key-light");
        Truncation.assertNoneIn(message.getScene());

        // a school client ID shows the school host and scope as it is typed
        fill(robot, "#linkClientIdField", "SCHOOLAPI.c75c0a8a-a026-4dae-99aa-89ea1e1103e5");
        assertThat(text(robot, "#familyLabel")).isEqualTo("Apple School Manager: the console uses api-school.apple.com with scope school.api.");
        robot.clickOn("#linkCancelButton");
    }

    @Test
    void whileTheStoredOrganizationLoadsTheTableSaysLoadingNeverNoDevices(FxRobot robot) throws Exception {
        var linked = SimulatedOrg.link(context.core(), sim, "Org");
        context.core().orgSync().sync(linked.id(), true, "test", null);
        OrganizationViewModel vm = new OrganizationViewModel(context.core().orgAccounts(), context.core().orgSync(), context.core().orgInventory(),
                context.core().orgMoves(), new org.depconsole.ui.Background(Runnable::run, Runnable::run),
                new org.depconsole.ui.Background(Runnable::run, Runnable::run), new Formats(context.bundle(), java.time.ZoneId.of("UTC")));
        assertThat(vm.emptyProperty().get()).isEqualTo(OrganizationViewModel.Empty.LOADING);
        assertThat(vm.loadingProperty().get()).isTrue();

        // the window: until the devices are read the table shows the loading placeholder
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService slowStore = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            OrganizationViewModel held = new OrganizationViewModel(context.core().orgAccounts(), context.core().orgSync(),
                    context.core().orgInventory(), context.core().orgMoves(), new org.depconsole.ui.Background(r -> slowStore.execute(() -> {
                        try {
                            hold.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        r.run();
                    }), javafx.application.Platform::runLater), new org.depconsole.ui.Background(slowStore, javafx.application.Platform::runLater),
                    new Formats(context.bundle(), java.time.ZoneId.of("UTC")));
            OrganizationController controller = new OrganizationController(held, null, context.bundle(), null);
            javafx.scene.Parent view = new org.depconsole.ui.ViewLoader(context.bundle(), t -> t == OrganizationController.class ? controller : null)
                    .load(OrganizationController.class);
            Stage[] window = new Stage[1];
            WaitForAsyncUtils.asyncFx(() -> {
                window[0] = new Stage();
                Scene scene = new Scene(view, 1100, 700);
                scene.getStylesheets().addAll(stage.getScene().getStylesheets());
                window[0].setScene(scene);
                window[0].show();
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            TableView<?> table = (TableView<?>) view.lookup("#orgDeviceTable");
            assertThat(table.getItems()).isEmpty();
            assertThat(((Label) table.getPlaceholder().lookup(".label")).getText()).isEqualTo("Loading the organization’s devices…");
            assertThat(view.lookup("#noAccountPane").isVisible()).as("no 'add an account' while loading").isFalse();
            hold.countDown();
            Fx.until(() -> table.getItems().size() == sim.organization().deviceCount());
            WaitForAsyncUtils.asyncFx(() -> window[0].close()).get();
        } finally {
            hold.countDown();
            slowStore.shutdownNow();
        }
    }

    @Test
    void thePreviewCountsWhatMovesWhatIsThereAlreadyAndUnknownSerialsFromPastedText(FxRobot robot) throws Exception {
        var linked = SimulatedOrg.link(context.core(), sim, "Org");
        context.core().orgSync().sync(linked.id(), true, "test", null);
        List<OrgDeviceRow> rows = context.core().orgInventory().devices(linked.id());
        String loanerId = sim.organization().serverId(LOANER);
        List<String> onMain = rows.stream().filter(r -> sim.organization().serverId(MAIN).equals(r.device().assignedServerId()))
                .limit(4).map(OrgDeviceRow::serial).toList();
        List<String> onLoaner = rows.stream().filter(r -> loanerId.equals(r.device().assignedServerId())).limit(2).map(OrgDeviceRow::serial).toList();
        List<String> unassigned = rows.stream().filter(r -> r.device().placement() == OrgInventoryDevice.Placement.UNASSIGNED).limit(1)
                .map(OrgDeviceRow::serial).toList();

        showOrganization(robot);
        Fx.until(() -> deviceTable(robot).getItems().size() == rows.size());
        robot.clickOn("#moreMenu");
        robot.clickOn("Move pasted serials…");
        Fx.until(() -> robot.lookup("#serialsArea").tryQuery().isPresent());
        String pasted = String.join("\n", onMain) + "\n" + String.join("\n", onLoaner) + "\n" + unassigned.get(0) + "\nNOTASERIAL1\nNOTASERIAL2\n";
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#serialsArea").queryAs(javafx.scene.control.TextArea.class).setText(pasted)).get();
        ComboBox<OrgServerRow> target = robot.lookup("#targetChoice").queryAs(ComboBox.class);
        Fx.until(() -> target.getItems().size() == 3);
        WaitForAsyncUtils.asyncFx(() -> target.setValue(target.getItems().stream().filter(r -> r.server().name().equals(LOANER))
                .findFirst().orElseThrow())).get();
        Fx.until(() -> text(robot, "#movePreviewLabel").startsWith("5 devices move"));
        assertThat(text(robot, "#movePreviewLabel")).isEqualTo(String.join("\n",
                "5 devices move to “" + LOANER + "”: 4 from " + MAIN + ", 1 from unassigned.",
                "2 devices are already on “" + LOANER + "”.",
                "2 serials are not in the organization as of the last sync and will not be sent: NOTASERIAL1, NOTASERIAL2.",
                "This takes 1 request to Apple (about 10 are allowed per hour).",
                "“" + LOANER + "” has no token in this console: the devices move, but no profile can be given from here."));
        ComboBox<String> profile = robot.lookup("#profileChoice").queryAs(ComboBox.class);
        assertThat(profile.isDisabled()).as("no profiles for a server without a token").isTrue();
        assertThat(robot.lookup("#moveStartButton").queryAs(Button.class).isDisabled()).isFalse();
        Screenshots.saveForDocs(robot.lookup("#movePreviewLabel").query().getScene(), "org-preview-pasted-light");
        robot.clickOn("#moveCancelButton");
        assertThat(context.core().orgMoves().jobs(linked.id(), 10)).isEmpty();

        // AppleCare coverage of two selected devices: asked of Apple once, then shown from the cache with its date
        TableView<OrgDeviceItem> devices = deviceTable(robot);
        WaitForAsyncUtils.asyncFx(() -> {
            devices.getSelectionModel().clearSelection();
            devices.getSelectionModel().select(0);
            devices.getSelectionModel().select(1);
        }).get();
        List<String> two = List.copyOf(devices.getSelectionModel().getSelectedItems().stream().map(OrgDeviceItem::serial).toList());
        robot.clickOn("#coverageButton");
        Fx.until(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane info = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(info.getContentText()).contains(two.get(0) + ": ").contains(two.get(1) + ": ").contains("asked Apple");
        Screenshots.save(info.getScene(), "org-11-coverage");
        WaitForAsyncUtils.asyncFx(() -> ((Stage) info.getScene().getWindow()).close()).get();
        for (String serial : two) {
            assertThat(context.core().orgInventory().cachedCoverage(linked.id(), serial)).as(serial).isPresent();
        }
    }

    @Test
    void aJobStoredBeforeARestartIsResumedAndFinishedByTheNextWindow(FxRobot robot) throws Exception {
        var linked = SimulatedOrg.link(context.core(), sim, "Org");
        context.core().orgSync().sync(linked.id(), true, "test", null);
        String mainId = sim.organization().serverId(MAIN);
        List<String> two = context.core().orgInventory().devices(linked.id()).stream()
                .filter(r -> mainId.equals(r.device().assignedServerId())).limit(2).map(OrgDeviceRow::serial).toList();
        // stored, nothing sent: as if the window had been closed (or killed) right after "Start the move"
        OrgJob job = context.core().orgMoves().start(new OrgMoveService.MoveRequest(linked.id(), OrgJob.Kind.ASSIGN, CLASSROOM, two, null));

        WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
        context.close();
        context = AppContext.create(AppDirs.at(dir));
        SimulatedOrg.unpaced(context.core());
        WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            context.showMainWindow(stage);
            stage.setWidth(1100);
            stage.setHeight(700);
        }).get();
        showOrganization(robot);
        TabPane orgTabs = robot.lookup("#orgTabs").queryAs(TabPane.class);
        WaitForAsyncUtils.asyncFx(() -> orgTabs.getSelectionModel().select(1)).get();
        TableView<OrganizationViewModel.JobItem> jobs = robot.lookup("#jobsTable").queryAs(TableView.class);
        Fx.until(() -> jobs.getItems().stream().anyMatch(j -> j.id() == job.id() && j.finished()));
        OrganizationViewModel.JobItem done = jobs.getItems().stream().filter(j -> j.id() == job.id()).findFirst().orElseThrow();
        assertThat(done.stateText()).as(done.step()).isEqualTo("Done");
        assertThat(done.countsText()).isEqualTo("2 moved");
        String classroomId = sim.organization().serverId(CLASSROOM);
        assertThat(two).allMatch(serial -> classroomId.equals(sim.organization().assignedServerId(serial)));
    }

    @Test
    void aServersInventoryOpensTheMoveWindowForItsSelection(FxRobot robot) throws Exception {
        var linked = SimulatedOrg.link(context.core(), sim, "Org");
        context.core().orgSync().sync(linked.id(), true, "test", null);
        long mainConsoleId = context.core().servers().get(MAIN).id();
        context.core().sync().runNow(mainConsoleId, null, "test");
        Fx.click(robot, MAIN); // the window is still taking in the sync just run
        Fx.selectTab(robot, "devicesTab");
        TableView<?> table = robot.lookup(".devices-table").queryTableView();
        Fx.until(() -> table.getItems().size() == sim.organization().server(MAIN).deviceCount());
        WaitForAsyncUtils.asyncFx(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(0);
            table.getSelectionModel().select(1);
        }).get();
        robot.clickOn(".devices-view #profileMenu").clickOn("Assign to another MDM server…");
        Fx.until(() -> robot.lookup("#moveStartButton").tryQuery().isPresent());
        assertThat(text(robot, "#sourceLabel")).isEqualTo("The 2 selected devices");
        assertThat(robot.lookup(".sections").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("organizationSection");
        ComboBox<OrgServerRow> target = robot.lookup("#targetChoice").queryAs(ComboBox.class);
        Fx.until(() -> target.getItems().size() == 3);
        WaitForAsyncUtils.asyncFx(() -> target.setValue(target.getItems().stream().filter(r -> r.server().name().equals(LOANER))
                .findFirst().orElseThrow())).get();
        Fx.until(() -> text(robot, "#movePreviewLabel").startsWith("2 devices move to “" + LOANER + "”: 2 from " + MAIN + "."));
        robot.clickOn("#moveCancelButton");
    }

    private long accountId() {
        return context.core().orgAccounts().list().get(0).id();
    }

    private static char sep() {
        return new java.text.DecimalFormatSymbols(java.util.Locale.getDefault()).getGroupingSeparator();
    }

    private void showOrganization(FxRobot robot) throws Exception {
        TabPane sections = robot.lookup(".sections").queryAs(TabPane.class);
        WaitForAsyncUtils.asyncFx(() -> sections.getSelectionModel().select(sections.getTabs().stream()
                .filter(t -> "organizationSection".equals(t.getId())).findFirst().orElseThrow())).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<OrgDeviceItem> deviceTable(FxRobot robot) {
        return robot.lookup("#orgDeviceTable").queryAs(TableView.class);
    }

    private static String placeholderText(FxRobot robot) {
        Node p = deviceTable(robot).getPlaceholder();
        return p instanceof Label l ? l.getText() : ((Label) p.lookup(".label")).getText();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void fill(FxRobot robot, String id, String value) throws Exception {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        WaitForAsyncUtils.asyncFx(() -> field.setText(value)).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void drop(FxRobot robot, String zoneId, Path file) throws Exception {
        Node zone = robot.lookup(zoneId).query();
        WaitForAsyncUtils.asyncFx(() -> Drops.dropFiles(zone, List.of(new File(file.toString())))).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Optional<Window> window(String title) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle())).findFirst();
    }
}
