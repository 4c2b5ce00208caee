package org.depconsole.ui.servers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.depconsole.domain.Server;
import org.depconsole.service.ServerService;
import org.depconsole.service.TokenImportPlan;
import org.depconsole.ui.Background;
import org.depconsole.ui.TokenSetbacks;
import org.depconsole.ui.UserMessages;

/**
 * The server list and the selected server's page: add, link (token import), renew, export the certificate,
 * rename, point at another endpoint, clear the token, delete. All work runs through {@link Background}.
 */
public final class ServersViewModel {

    /** Questions and notices that need a dialog; the controller answers them. */
    public interface Prompts {
        /** The token's consumer key differs from the stored one: replace anyway? */
        boolean confirmIdentityChange(TokenImportPlan plan);

        /**
         * The token has expired, or expires earlier than the stored one ({@link ServersViewModel#setbackSentence} says
         * which, with both dates): store it anyway? Nothing is stored unless this answers yes.
         */
        boolean confirmOlderToken(TokenImportPlan plan);

        void error(String message, Throwable details);
    }

    private final ServerService service;
    private final Background background;
    private final ResourceBundle bundle;
    private final ZoneId zone;
    private final ObservableList<ServerRow> servers = FXCollections.observableArrayList();
    private final ObjectProperty<ServerRow> selected = new SimpleObjectProperty<>();
    /** How many servers the last load found; -1 before the first load. */
    private final javafx.beans.property.ReadOnlyIntegerWrapper loadedCount = new javafx.beans.property.ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper tokenMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper tokenMessageError = new ReadOnlyBooleanWrapper(false);
    private Prompts prompts;
    private Long preferred;

    public ServersViewModel(ServerService service, Background background, ResourceBundle bundle, ZoneId zone) {
        this.service = service;
        this.background = background;
        this.bundle = bundle;
        this.zone = zone;
        selected.addListener((obs, old, now) -> {
            if (old == null || now == null || old.id() != now.id()) {
                tokenMessage.set("");
                tokenMessageError.set(false);
            }
        });
    }

    /** The server to select on the first load (the one shown when the window was last closed). */
    public void preferSelection(Long serverId) {
        this.preferred = serverId;
    }

    public void setPrompts(Prompts prompts) {
        this.prompts = prompts;
    }

    public ObservableList<ServerRow> servers() {
        return servers;
    }

    public ObjectProperty<ServerRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty tokenMessageProperty() {
        return tokenMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty tokenMessageErrorProperty() {
        return tokenMessageError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return background.busyProperty();
    }

    public BooleanBinding noSelection() {
        return Bindings.isNull(selected);
    }

    /** Reloads the list; keeps the selection on the same server, or selects {@code selectId} when given. */
    public void refresh() {
        refresh(null);
    }

    public void refresh(Long selectId) {
        background.run(service::list, list -> apply(list, selectId), this::fail);
    }

    /** Validation for the "Add server" name field: an error sentence, or null when fine. */
    public String validateName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            return bundle.getString("servers.add.nameRequired");
        }
        if (clean.length() > ServerService.MAX_NAME_LENGTH) {
            return MessageFormat.format(bundle.getString("servers.add.nameTooLong"), ServerService.MAX_NAME_LENGTH);
        }
        boolean taken = servers.stream().anyMatch(s -> s.name().equalsIgnoreCase(clean));
        return taken ? MessageFormat.format(bundle.getString("servers.add.nameTaken"), clean) : null;
    }

    public void addServer(String name) {
        background.run(() -> service.add(name, Server.APPLE_ENDPOINT), s -> refresh(s.id()), this::fail);
    }

    public void importKeyPair(String name, Path key, Path certificate) {
        background.run(() -> service.importKeyPair(name, Files.readAllBytes(key), Files.readAllBytes(certificate),
                Server.APPLE_ENDPOINT, false), s -> refresh(s.id()), this::fail);
    }

    /**
     * Decrypts the dropped or chosen file, asks when the token seems to belong to another server and when it would set
     * the server back (expired, or expiring earlier than the stored one), then stores it.
     */
    public void importToken(Path file) {
        ServerRow row = selected.get();
        if (row == null) {
            return;
        }
        tokenMessage.set(bundle.getString("servers.token.reading"));
        tokenMessageError.set(false);
        background.run(() -> service.inspectToken(row.id(), file), plan -> {
            if (!confirmed(plan)) {
                tokenMessage.set(bundle.getString(plan.renewal() ? "servers.token.notReplaced" : "servers.token.notStored"));
                tokenMessageError.set(false);
                return;
            }
            // confirmed: store it even though it goes backwards; otherwise the service checks again against the store
            boolean replaceNewer = plan.goesBackwards();
            background.run(() -> service.applyToken(plan, replaceNewer), s -> {
                String key = plan.expired() ? "servers.token.importedExpired"
                        : plan.setback() == TokenImportPlan.Setback.EARLIER ? "servers.token.storedEarlier"
                        : plan.renewal() ? "servers.token.renewed" : "servers.token.linked";
                ServerRow updated = ServerRow.of(s, service.clock(), zone, bundle);
                tokenMessage.set(MessageFormat.format(bundle.getString(key), updated.expiryText(), updated.daysLeft()));
                tokenMessageError.set(plan.expired());
                refresh(s.id());
            }, this::tokenFailed);
        }, this::tokenFailed);
    }

    /** Asks what needs asking before the plan is stored: another consumer key, then a token that goes backwards. */
    private boolean confirmed(TokenImportPlan plan) {
        if (plan.identityChanged() && (prompts == null || !prompts.confirmIdentityChange(plan))) {
            return false;
        }
        return !plan.goesBackwards() || prompts != null && prompts.confirmOlderToken(plan);
    }

    /** The sentence of the "older token" question: what is wrong with the token, both expiry dates, and the way out. */
    public String setbackSentence(TokenImportPlan plan) {
        return TokenSetbacks.sentence(bundle, plan, zone, service.clock().instant());
    }

    public void saveCertificate(Path target) {
        ServerRow row = selected.get();
        if (row == null) {
            return;
        }
        background.run(() -> {
            Files.writeString(target, service.certificatePem(row.name()), StandardCharsets.US_ASCII);
            return target;
        }, p -> { }, this::fail);
    }

    /** Suggested file name for the certificate: the server name made file-safe. */
    public String certificateFileName() {
        ServerRow row = selected.get();
        String base = row == null ? "server" : row.name().replaceAll("[^A-Za-z0-9._-]+", "_");
        return base + "_public_key.pem";
    }

    public void rename(String newName) {
        ServerRow row = selected.get();
        background.run(() -> service.rename(row.id(), newName), s -> refresh(s.id()), this::fail);
    }

    public void setEndpoint(String url) {
        ServerRow row = selected.get();
        background.run(() -> service.setEndpoint(row.id(), ServerService.parseEndpoint(url)), s -> refresh(s.id()), this::fail);
    }

    public void clearToken() {
        ServerRow row = selected.get();
        background.run(() -> service.clearToken(row.id()), s -> refresh(s.id()), this::fail);
    }

    public void removeSelected() {
        ServerRow row = selected.get();
        background.run(() -> {
            service.remove(row.id());
            return row;
        }, r -> refresh(), this::fail);
    }

    public javafx.beans.property.ReadOnlyIntegerProperty loadedCountProperty() {
        return loadedCount.getReadOnlyProperty();
    }

    public Optional<ServerRow> selected() {
        return Optional.ofNullable(selected.get());
    }

    private void apply(List<Server> list, Long selectId) {
        Long keep = selectId != null ? selectId : selected.get() != null ? Long.valueOf(selected.get().id()) : preferred;
        preferred = null;
        List<ServerRow> rows = list.stream().map(s -> ServerRow.of(s, service.clock(), zone, bundle)).toList();
        servers.setAll(rows);
        loadedCount.set(rows.size());
        ServerRow next = rows.stream().filter(r -> keep != null && r.id() == keep).findFirst()
                .orElse(rows.isEmpty() ? null : rows.get(0));
        selected.set(next);
    }

    private void tokenFailed(Throwable t) {
        tokenMessage.set(UserMessages.of(t));
        tokenMessageError.set(true);
    }

    private void fail(Throwable t) {
        String message = UserMessages.of(t);
        if (prompts != null) {
            prompts.error(message, t);
        }
    }
}
