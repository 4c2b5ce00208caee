package org.depconsole.ui;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.depconsole.domain.ConsoleException;
import org.depconsole.service.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the window's {@link UiSettings} and saves them. The settings are an immutable snapshot swapped atomically by
 * {@link #update}, so any thread may change them without a lock. Saves are debounced (many changes, one write) and
 * atomic ({@link AtomicFiles}: a partial file, then a move), so a crash never leaves a half-written file. A damaged
 * file is set aside, not fatal.
 */
public final class UiSettingsStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UiSettingsStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final AtomicReference<UiSettings> settings;
    private final ScheduledExecutorService writer;
    private ScheduledFuture<?> pending;
    private boolean closed;

    /** @param writer where the debounced saves run (one thread; its owner shuts it down) */
    public UiSettingsStore(Path file, ScheduledExecutorService writer) {
        this.file = file;
        this.writer = writer;
        this.settings = new AtomicReference<>(load(file));
    }

    /** The current snapshot. */
    public UiSettings settings() {
        return settings.get();
    }

    /** Replaces the snapshot with {@code change} applied to the current one (atomically), and saves soon. */
    public UiSettings update(UnaryOperator<UiSettings> change) {
        UiSettings next = settings.updateAndGet(change);
        saveSoon();
        return next;
    }

    /** Schedules a save half a second from now; later calls in that time fold into one write. */
    public synchronized void saveSoon() {
        if (closed || writer.isShutdown()) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = writer.schedule(this::saveNow, 500, TimeUnit.MILLISECONDS);
    }

    /** Writes the current snapshot now (a file write: not on the FX thread). */
    public synchronized void saveNow() {
        try {
            String text = JSON.writeValueAsString(settings.get());
            AtomicFiles.writeUtf8(file, out -> out.write(text), "settings.error.save");
        } catch (IOException | ConsoleException e) {
            LOG.warn("could not save the window settings to {}", file, e);
        }
    }

    private static UiSettings load(Path file) {
        if (!Files.exists(file)) {
            return UiSettings.defaults();
        }
        try {
            UiSettings read = JSON.readValue(file.toFile(), UiSettings.class);
            return read == null ? UiSettings.defaults() : read;
        } catch (IOException e) {
            LOG.warn("window settings in {} are damaged; starting with defaults and keeping the old file aside", file, e);
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // nothing more to do: defaults are used either way
            }
            return UiSettings.defaults();
        }
    }

    /** Writes a pending save at once; later changes are kept in memory only. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null && !pending.isDone()) {
            pending.cancel(false);
            saveNow();
        }
    }
}
