package org.depconsole.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.JournalQuery;
import org.depconsole.persistence.JournalRepository;
import org.depconsole.persistence.SettingsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records every call to Apple, keeps the journal bounded, and exports it. */
public final class JournalService {

    private static final Logger LOG = LoggerFactory.getLogger(JournalService.class);
    public static final String RETENTION_DAYS = "setting.journal.retentionDays";
    public static final int DEFAULT_RETENTION_DAYS = 90;
    /** Hard bound whatever the retention: the journal can never grow without limit. */
    public static final int MAX_ROWS = 200_000;
    static final String[] CSV_HEADER = {"time", "server_id", "method", "path", "status", "duration_ms", "bytes", "devices", "error", "cause"};

    private final JournalRepository journal;
    private final SettingsRepository settings;
    private final Clock clock;

    public JournalService(JournalRepository journal, SettingsRepository settings, Clock clock) {
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
    }

    /** Stores one call; failures to journal are logged, never allowed to break the call itself. */
    public void record(ApiCallRecord call) {
        try {
            journal.insert(call);
        } catch (RuntimeException e) {
            LOG.warn("could not journal a call to {} {}", call.method(), call.path(), e);
        }
    }

    public List<ApiCallRecord> find(JournalQuery query) {
        return journal.find(query);
    }

    public int retentionDays() {
        return settings.get(RETENTION_DAYS).map(Integer::parseInt).orElse(DEFAULT_RETENTION_DAYS);
    }

    /** 1 to 3650 days. */
    public void setRetentionDays(int days) {
        if (days < 1 || days > 3650) {
            throw new org.depconsole.domain.ConsoleException("journal.error.retention");
        }
        settings.put(RETENTION_DAYS, Integer.toString(days));
        prune();
    }

    /** Applies the retention; runs at start-up and after syncs. Returns the rows deleted. */
    public int prune() {
        int deleted = journal.prune(clock.instant().minus(Duration.ofDays(retentionDays())), MAX_ROWS);
        if (deleted > 0) {
            LOG.info("journal: pruned {} entries", deleted);
        }
        return deleted;
    }

    public void exportCsv(List<ApiCallRecord> calls, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
            for (ApiCallRecord c : calls) {
                csv.printRecord(DateTimeFormatter.ISO_INSTANT.format(c.at()), c.serverId(), c.method(), c.path(), c.status(),
                        c.durationMillis(), c.bytes(), c.deviceCount(), c.errorCode(), c.cause());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
