package org.depconsole.ui.servers;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.service.AccountService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/**
 * The "Apple account" card of a server: what {@code GET /account} said last (shown offline), and "Refresh" to ask
 * Apple again. Fields are label → value in a fixed order; an empty map means nothing is stored yet.
 */
public final class AccountViewModel {


    private final AccountService accounts;
    private final Background background;
    private final ResourceBundle bundle;
    private final ZoneId zone;
    private final ObservableMap<String, String> fields = FXCollections.observableMap(new LinkedHashMap<>());
    private final ReadOnlyStringWrapper fetched = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Long serverId;

    public AccountViewModel(AccountService accounts, Background background, ResourceBundle bundle, ZoneId zone) {
        this.accounts = accounts;
        this.background = background;
        this.bundle = bundle;
        this.zone = zone;
    }

    public ObservableMap<String, String> fields() {
        return fields;
    }

    public ReadOnlyStringProperty fetchedProperty() {
        return fetched.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return background.busyProperty();
    }

    public void setServer(Long id) {
        serverId = id;
        message.set("");
        reload();
    }

    /** Shows the stored answer again (after a sync, which fetches the account once). */
    public void reload() {
        Long id = serverId;
        if (id == null) {
            show(Optional.empty());
            return;
        }
        background.run(() -> accounts.stored(id), stored -> {
            if (Objects.equals(id, serverId)) {
                show(stored);
            }
        }, t -> message.set(UserMessages.of(t)));
    }

    /** Asks Apple now (needs the network and, when set, the passphrase). */
    public void refresh() {
        Long id = serverId;
        if (id == null || background.busyProperty().get()) {
            return;
        }
        message.set("");
        background.run(() -> accounts.refresh(id), account -> {
            if (Objects.equals(id, serverId)) {
                show(Optional.of(account));
            }
        }, t -> message.set(UserMessages.of(t)));
    }

    private void show(Optional<AccountService.Account> account) {
        fields.clear();
        if (account.isEmpty()) {
            fetched.set(serverId == null ? "" : bundle.getString("account.never"));
            return;
        }
        AccountDetail d = account.get().detail();
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "account.org", d.orgName());
        put(m, "account.orgType", d.orgType() == null ? null : d.orgType() + (d.orgVersion() == null ? "" : " (" + d.orgVersion() + ")"));
        put(m, "account.orgId", d.orgId());
        put(m, "account.contact", join(d.orgEmail(), d.orgPhone()));
        put(m, "account.address", d.orgAddress());
        put(m, "account.server", d.serverName());
        put(m, "account.serverUuid", d.serverUuid());
        put(m, "account.admin", d.adminId());
        d.limitFor("/server/devices").map(l -> l.maximumLimit()).ifPresent(max -> m.put(bundle.getString("account.pageSize"),
                MessageFormat.format(bundle.getString("account.pageSizeValue"), max)));
        fields.putAll(m);
        fetched.set(MessageFormat.format(bundle.getString("account.fetched"), new org.depconsole.ui.Formats(java.util.Locale.getDefault(java.util.Locale.Category.FORMAT), zone)
                .dateTime(account.get().fetchedAt())));
    }

    private void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(bundle.getString(key), value);
        }
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + " · " + b;
    }
}
