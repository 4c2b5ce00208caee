package org.depconsole.ui.setup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.util.ResourceBundle;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Server;
import org.depconsole.service.DemoService;
import org.depconsole.service.ServerService;
import org.depconsole.service.TokenImportPlan;
import org.depconsole.ui.Background;
import org.depconsole.ui.TokenSetbacks;
import org.depconsole.ui.UserMessages;

/**
 * The first-run guide, mirroring the portal steps (dep-api.md §1.3): 1) name the server and save its public key,
 * 2) in Apple Business Manager add the MDM server, upload the key and download the token, 3) drop the token here.
 * With "Explore with a simulated Apple service" the same three steps run against the built-in simulator, whose
 * portal hands out the token. The guide is shown while no server exists and until its own server is linked.
 */
public final class SetupViewModel {

    /** Questions that need a dialog; the controller answers them. */
    public interface Prompts {
        /** The dropped token has expired ({@link SetupViewModel#setbackSentence} says so, with the date): store it anyway? */
        boolean confirmOlderToken(TokenImportPlan plan);
    }

    private final ServerService servers;
    private final DemoService demo;
    private final Background background;
    private final ResourceBundle bundle;
    private final ZoneId zone;
    private final StringProperty name = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(1);
    private final ReadOnlyBooleanWrapper simulated = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper stepOneDone = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper simulatorInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokenFile = new ReadOnlyStringWrapper("");
    private Long serverId;
    private Path downloadedToken;
    private LongConsumer onLinked = id -> { };
    private Prompts prompts;

    public SetupViewModel(ServerService servers, DemoService demo, Background background, ResourceBundle bundle, ZoneId zone) {
        this.servers = servers;
        this.demo = demo;
        this.background = background;
        this.bundle = bundle;
        this.zone = zone;
    }

    public void setPrompts(Prompts prompts) {
        this.prompts = prompts;
    }

    /** The sentence of the "older token" question, with the token's expiry date. */
    public String setbackSentence(TokenImportPlan plan) {
        return TokenSetbacks.sentence(bundle, plan, zone, servers.clock().instant());
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** 1, 2 or 3: the step that is open now. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty simulatedProperty() {
        return simulated.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return background.busyProperty();
    }

    /** True while the guide is shown. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepOneDoneProperty() {
        return stepOneDone.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty simulatorInfoProperty() {
        return simulatorInfo.getReadOnlyProperty();
    }

    /** The token the simulated portal handed out, ready to import; empty before. */
    public ReadOnlyStringProperty tokenFileProperty() {
        return tokenFile.getReadOnlyProperty();
    }

    /** Called with the server's id once its token is imported (the window then shows its devices, syncing). */
    public void setOnLinked(LongConsumer onLinked) {
        this.onLinked = onLinked;
    }

    /** The window tells how many servers exist: with none, the guide opens. */
    public void serversChanged(int count) {
        if (count == 0 && !active.get()) {
            reset();
            active.set(true);
        } else if (count > 0 && active.get() && serverId == null && !background.busyProperty().get()) {
            // a server added another way (the list's "Add server…", the command line): its own page takes over;
            // while the guide's own step is in flight the new server may be the guide's, whose id is not known yet
            active.set(false);
        }
    }

    /** Closes the guide without linking (the admin prefers the server page). */
    public void skip() {
        active.set(false);
    }

    /** Checks the name by the server store's own rule; when it does not fit, says why and returns false. */
    public boolean nameFits() {
        try {
            ServerService.validName(name.get());
            return true;
        } catch (ConsoleException e) {
            say(UserMessages.of(e), true);
            return false;
        }
    }

    /** Switches the guide to the simulated Apple service (started on loopback). */
    public void explore() {
        if (simulated.get() || background.busyProperty().get()) {
            return;
        }
        run(() -> demo.start().baseUrl(), url -> {
            simulated.set(true);
            if (name.get() == null || name.get().isBlank()) {
                name.set(bundle.getString("setup.simulatedName"));
            }
            simulatorInfo.set(MessageFormat.format(bundle.getString("setup.simulatorRunning"), url.toString(), DemoService.DEVICES));
            say(bundle.getString("setup.simulatorStarted"), false);
        });
    }

    /** Step 1 for Apple: creates the server and writes its public key to {@code pemFile}. */
    public void createServer(Path pemFile) {
        if (!nameFits()) {
            return;
        }
        String clean = name.get().strip();
        run(() -> {
            Server s = servers.add(clean, Server.APPLE_ENDPOINT);
            Files.writeString(pemFile, servers.certificatePem(s.name()), StandardCharsets.US_ASCII);
            return s;
        }, s -> {
            serverId = s.id();
            stepOneDone.set(MessageFormat.format(bundle.getString("setup.one.done"), s.name(), pemFile.getFileName()));
            step.set(2);
            say("", false);
        });
    }

    /** Step 1 against the simulator: the server is created and marked simulated; its key goes to the simulated portal. */
    public void createSimulatedServer() {
        if (!nameFits()) {
            return;
        }
        String clean = name.get().strip();
        run(() -> demo.addServer(clean), s -> {
            serverId = s.id();
            stepOneDone.set(MessageFormat.format(bundle.getString("setup.one.doneSimulated"), s.name()));
            step.set(2);
            say("", false);
        });
    }

    /** Step 2 done at Apple: the admin has the token file. */
    public void tokenDownloaded() {
        if (step.get() == 2) {
            step.set(3);
        }
    }

    /** Step 2 against the simulator: upload the key, download the token. */
    public void simulatedPortal() {
        Long id = serverId;
        if (id == null) {
            return;
        }
        run(() -> demo.portal(id), file -> {
            downloadedToken = file;
            tokenFile.set(file.getFileName().toString());
            step.set(3);
            say(MessageFormat.format(bundle.getString("setup.two.simulatedDone"), file.getFileName()), false);
        });
    }

    /** Step 3 with the token the simulated portal handed out. */
    public void importDownloadedToken() {
        if (downloadedToken != null) {
            importToken(downloadedToken);
        }
    }

    /**
     * Step 3: decrypts and stores the dropped or chosen token; the first sync starts once it is linked. An expired
     * token is only stored when the admin confirms it.
     */
    public void importToken(Path file) {
        Long id = serverId;
        if (id == null || step.get() < 3) {
            say(bundle.getString("setup.three.notYet"), true);
            return;
        }
        run(() -> servers.inspectToken(id, file), plan -> {
            if (plan.goesBackwards() && (prompts == null || !prompts.confirmOlderToken(plan))) {
                say(bundle.getString("servers.token.notStored"), false);
                return;
            }
            boolean replaceNewer = plan.goesBackwards();
            run(() -> servers.applyToken(plan, replaceNewer), s -> {
                say("", false);
                active.set(false);
                onLinked.accept(s.id());
                reset();
            });
        });
    }

    private void reset() {
        step.set(1);
        serverId = null;
        downloadedToken = null;
        tokenFile.set("");
        stepOneDone.set("");
        message.set("");
    }

    private <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done) {
        background.run(work, done, t -> say(UserMessages.of(t), true));
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageError.set(error);
    }
}
