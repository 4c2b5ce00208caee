package org.depconsole.ui.journal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.JournalQuery;
import org.depconsole.domain.Server;
import org.depconsole.service.JournalService;
import org.depconsole.service.ServerService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/** The journal of calls to Apple with its filters and exports. */
public final class JournalViewModel {

    public static final int LIMIT = 5000;

    private final JournalService journal;
    private final ServerService servers;
    private final Background background;
    private final ZoneId zone;
    private final ObservableList<JournalRow> rows = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty failuresOnly = new SimpleBooleanProperty(false);
    private final ObjectProperty<Long> serverId = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public JournalViewModel(JournalService journal, ServerService servers, Background background, ZoneId zone) {
        this.journal = journal;
        this.servers = servers;
        this.background = background;
        this.zone = zone;
    }

    public void refresh() {
        var query = new JournalQuery(serverId.get(), null, null, search.get(), failuresOnly.get() ? true : null, LIMIT);
        background.run(() -> {
            Map<Long, String> names = servers.list().stream().collect(Collectors.toMap(Server::id, Server::name));
            List<ApiCallRecord> calls = journal.find(query);
            return calls.stream().map(c -> JournalRow.of(c, names.getOrDefault(c.serverId(), c.serverId() == 0 ? "" : "#" + c.serverId()), zone)).toList();
        }, list -> {
            rows.setAll(list);
            message.set(list.size() + (list.size() == LIMIT ? "+" : "") + " calls");
        }, t -> message.set(UserMessages.of(t)));
    }

    public void exportCsv(Path file) {
        List<ApiCallRecord> calls = rows.stream().map(JournalRow::call).toList();
        background.run(() -> {
            journal.exportCsv(calls, file);
            return file;
        }, f -> message.set(org.depconsole.domain.Messages.format("journal.export.done", calls.size(), f.getFileName())), t -> message.set(UserMessages.of(t)));
    }

    public ObservableList<JournalRow> rows() {
        return rows;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty failuresOnlyProperty() {
        return failuresOnly;
    }

    public ObjectProperty<Long> serverIdProperty() {
        return serverId;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return background.busyProperty();
    }

}
