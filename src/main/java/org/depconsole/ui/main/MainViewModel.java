package org.depconsole.ui.main;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenState;
import org.depconsole.service.PassphraseService;
import org.depconsole.service.ServerService;
import org.depconsole.ui.Background;

/** Window-wide state: the token-expiry banner and the status line. */
public final class MainViewModel {

    private final ServerService servers;
    private final Background background;
    private final ResourceBundle bundle;
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TokenState> bannerLevel = new ReadOnlyObjectWrapper<>(TokenState.OK);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final String dataDir;

    private final PassphraseService passphrase;

    public MainViewModel(ServerService servers, PassphraseService passphrase, Background background, ResourceBundle bundle, String dataDir) {
        this.servers = servers;
        this.passphrase = passphrase;
        this.background = background;
        this.bundle = bundle;
        this.dataDir = dataDir;
    }

    /** Recomputes the banner from the stored tokens (at start-up and whenever servers change). */
    public void refresh() {
        background.run(() -> new Snapshot(servers.list(), servers.needingAttention()), this::apply, t -> { });
    }

    private record Snapshot(List<Server> all, List<Server> attention) {
    }

    private void apply(Snapshot s) {
        List<Server> attention = s.attention();
        if (attention.isEmpty()) {
            banner.set("");
            bannerLevel.set(TokenState.OK);
        } else {
            Server first = attention.get(0);
            TokenState state = first.tokenState(servers.clock());
            long days = first.token().orElseThrow().daysLeft(servers.clock());
            String text = state == TokenState.EXPIRED
                    ? MessageFormat.format(bundle.getString("banner.expired"), first.name())
                    : MessageFormat.format(bundle.getString("banner.expiring"), first.name(), days);
            if (attention.size() > 1) {
                text += " " + MessageFormat.format(bundle.getString("banner.more"), attention.size() - 1);
            }
            banner.set(text);
            bannerLevel.set(state);
        }
        long linked = s.all().stream().filter(Server::linked).count();
        status.set(MessageFormat.format(bundle.getString("status.servers"), s.all().size(), linked));
    }

    /** True when a passphrase protects the secrets and was not given yet in this run. */
    public boolean needsPassphrase() {
        return passphrase.isLocked();
    }

    /**
     * Unlocks for this run off the FX thread (the key derivation takes a noticeable moment); the status line says so
     * meanwhile. {@code done} gets the problem sentence, or null when unlocked. The passphrase is wiped afterwards.
     */
    public void unlock(char[] value, Consumer<String> done) {
        String before = status.get();
        status.set(bundle.getString("passphrase.unlocking"));
        background.run(() -> {
            try {
                passphrase.unlock(value);
                return "";
            } catch (RuntimeException e) {
                return org.depconsole.ui.UserMessages.of(e);
            } finally {
                java.util.Arrays.fill(value, '\0');
            }
        }, problem -> {
            status.set(before);
            refresh();
            done.accept(problem.isEmpty() ? null : problem);
        }, t -> {
            status.set(before);
            refresh();
            done.accept(org.depconsole.ui.UserMessages.of(t));
        });
    }

    /** True while window-wide work (the banner, an unlock) runs in the background. */
    public ReadOnlyBooleanProperty busyProperty() {
        return background.busyProperty();
    }

    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TokenState> bannerLevelProperty() {
        return bannerLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String dataDir() {
        return dataDir;
    }
}
