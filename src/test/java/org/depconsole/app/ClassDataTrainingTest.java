package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataTrainingTest {

    private static final Path WINDOW_CLASSES = Path.of("src/main/cds/window-classes.txt");

    @Test
    void loadsTheListedClassesAndSkipsCommentsAndNamesTheClassPathNoLongerHas(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("classes.txt");
        Files.write(list, List.of("# a comment", "", "org.depconsole.ui.devices.DevicesController", "org.depconsole.NoSuchClass",
                "javafx.scene.control.TableView"));

        assertThat(ClassDataTraining.loadListed(list)).isEqualTo(2);
    }

    @Test
    void theWindowsClassListStillNamesTheClassesOfThisCode() throws IOException {
        // the list is written from class-load logs of real window runs (src/main/cds/window-classes.sh); after a
        // large change it goes stale without failing anything but the window's start-up time, which this catches
        List<String> names = Files.readAllLines(WINDOW_CLASSES).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        long ours = names.stream().filter(n -> n.startsWith("org.depconsole.")).count();

        int loaded = ClassDataTraining.loadListed(WINDOW_CLASSES);

        assertThat(names).hasSizeGreaterThan(5000).contains("org.depconsole.app.Main", "org.depconsole.ui.devices.DevicesController");
        assertThat(ours).isGreaterThan(200);
        assertThat(loaded).as("listed classes this class path has (GTK's may be missing)").isGreaterThan(names.size() * 95 / 100);
    }
}
