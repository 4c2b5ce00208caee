package org.depconsole.ui.org;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.service.org.OrgAccountService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/**
 * "Add Apple Business API account…": name, client ID (its prefix decides host and scope, shown as it is typed), key ID,
 * the private key file (dropped or chosen) and an optional base URL. Nothing is stored until the service has signed in
 * with these credentials; each problem is one sentence under the form.
 */
public final class LinkAccountViewModel {

    private final OrgAccountService accounts;
    private final Background background;
    private final Formats f;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty clientId = new SimpleStringProperty("");
    private final StringProperty keyId = new SimpleStringProperty("");
    private final StringProperty endpoint = new SimpleStringProperty("");
    private final ObjectProperty<Path> keyFile = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper keyFileText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper familyText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private Consumer<OrgAccount> onLinked = a -> { };

    public LinkAccountViewModel(OrgAccountService accounts, Background background, Formats formats) {
        this.accounts = accounts;
        this.background = background;
        this.f = formats;
        clientId.addListener((o, was, now) -> familyText.set(family(now)));
        keyFile.addListener((o, was, now) -> keyFileText.set(now == null ? f.text("orgview.link.noKeyFile") : now.getFileName().toString()));
        familyText.set(family(""));
        keyFileText.set(f.text("orgview.link.noKeyFile"));
    }

    /** Which service the client ID names: the host and scope the console will use. */
    String family(String id) {
        String v = id == null ? "" : id.strip();
        return ApiFamily.ofClientId(v).map(fam -> f.text(fam == ApiFamily.BUSINESS ? "orgview.link.family.business" : "orgview.link.family.school",
                fam.apiHost(), fam.scope())).orElse(v.isEmpty() ? f.text("orgview.link.family.hint") : f.text("orgview.link.family.unknown"));
    }

    public void keyFileChosen(Path file) {
        keyFile.set(file);
        message.set("");
    }

    /** Signs in with the credentials on a background thread; stores the account only when Apple (or the endpoint) accepts them. */
    public void link() {
        if (working.get()) {
            return;
        }
        if (name.get() == null || name.get().isBlank()) {
            message.set(f.text("orgview.link.error.name"));
            return;
        }
        if (keyFile.get() == null) {
            message.set(f.text("orgview.link.error.noKey"));
            return;
        }
        Path file = keyFile.get();
        String n = name.get();
        String c = clientId.get();
        String k = keyId.get();
        String e = endpoint.get();
        working.set(true);
        message.set(f.text("orgview.link.checking"));
        background.run(() -> {
            URI uri = e == null || e.isBlank() ? null : OrgAccountService.parseEndpoint(e.strip());
            byte[] key = OrgAccountService.readKeyFile(file);
            try {
                return accounts.link(new OrgAccountService.LinkRequest(n, c, k, key, uri));
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }, account -> {
            working.set(false);
            message.set("");
            onLinked.accept(account);
        }, failure -> {
            working.set(false);
            message.set(UserMessages.of(failure));
        });
    }

    public void setOnLinked(Consumer<OrgAccount> then) {
        this.onLinked = then;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty clientIdProperty() {
        return clientId;
    }

    public StringProperty keyIdProperty() {
        return keyId;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public ReadOnlyStringProperty keyFileTextProperty() {
        return keyFileText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty familyTextProperty() {
        return familyText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }
}
