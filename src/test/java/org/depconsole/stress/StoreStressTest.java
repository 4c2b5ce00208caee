package org.depconsole.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.ChildJvm;
import org.depconsole.testsupport.Cli;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many real processes on one data folder, as an admin's workstation has them: a window-like owner syncing on its
 * schedule, command-line syncs of the same and of another server, readers, tag changes and profile assignments,
 * {@code kill -9} of any of them at random moments, and Apple's side (two simulators) adding, changing, deleting and
 * moving devices meanwhile. At the end one more sync per server runs, and the store must equal Apple exactly: no
 * device missing, none extra, no stale profile status, every sync that reported success still in the history, no run
 * left running, no internal error anywhere.
 *
 * <p>Runs {@code depconsole.stress.seconds} seconds (40 in the normal build; {@code mvn -Pstress verify} runs it for
 * 5 minutes). Figures go to the test's log and are recorded in docs/reliability.md.
 */
class StoreStressTest {

    private static final Logger LOG = LoggerFactory.getLogger(StoreStressTest.class);
    private static final Pattern RUN_JSON = Pattern.compile("\"id\"\\s*:\\s*(\\d+).*?\"result\"\\s*:\\s*\"([A-Z]+)\"", Pattern.DOTALL);
    private static final Pattern RUN_LINE = Pattern.compile("^RUN (\\d+) ([A-Z]+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private final Random random = new Random(Long.getLong("depconsole.stress.seed", System.nanoTime()));
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Long, String> reportedSuccess = new ConcurrentHashMap<>();

    /** One child process and what it is. */
    private static final class Child {
        final String what;
        final Process process;
        final Path out;
        final Path err;
        boolean killed;

        Child(String what, Process process, Path out, Path err) {
            this.what = what;
            this.process = process;
            this.out = out;
            this.err = err;
        }
    }

    @Test
    void processesSyncingReadingWritingAndDyingLeaveTheStoreExactlyLikeApple() throws Exception {
        long seconds = Long.getLong("depconsole.stress.seconds", 40);
        Path data = dir.resolve("data");
        try (DepSimulator lab = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(3000));
             DepSimulator office = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(1500))) {
            SimulatedServer.linkInFolder(data, lab, "lab");
            SimulatedServer.linkInFolder(data, office, "office");
            Cli cli = new Cli(data);
            assertThat(cli.run("sync", "lab").exit()).isZero();
            Path profile = dir.resolve("lab.json");
            Files.writeString(profile, "{\"profile_name\": \"Lab\", \"url\": \"https://mdm.example.org/enroll\", \"is_supervised\": true}");
            assertThat(cli.run("profiles", "define", "lab", "--file", profile.toString()).exit()).isZero();

            Map<String, DepSimulator> sims = Map.of("lab", lab, "office", office);
            List<Child> live = new ArrayList<>();
            List<Child> ended = new ArrayList<>();
            Child owner = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int n = 0;
            while (System.nanoTime() < deadline) {
                reap(live, ended);
                if (owner == null || !owner.process.isAlive()) {
                    owner = start("owner", "org.depconsole.testsupport.WindowLikeOwner", List.of(data.toString(), "1500"));
                    live.add(owner);
                    count("owner starts");
                }
                int dice = random.nextInt(100);
                String server = random.nextBoolean() ? "lab" : "office";
                if (dice < 30 && live.size() < 5) {
                    List<String> args = new ArrayList<>(List.of("sync", server, "--json"));
                    if (random.nextInt(4) == 0) {
                        args.add("--full");
                    }
                    if (random.nextBoolean()) {
                        args.add("--wait");
                    }
                    live.add(command(data, args));
                } else if (dice < 55 && live.size() < 5) {
                    List<List<String>> readers = List.of(List.of("devices", server, "--format", "csv"), List.of("history", server),
                            List.of("journal"), List.of("servers", "list"));
                    live.add(command(data, readers.get(random.nextInt(readers.size()))));
                } else if (dice < 63 && live.size() < 5) {
                    List<String> serials = sims.get(server).control().serials();
                    live.add(command(data, List.of("tags", server, random.nextBoolean() ? "add" : "remove", "t" + random.nextInt(3),
                            "--serial", serials.get(random.nextInt(serials.size())))));
                } else if (dice < 70 && live.size() < 5) {
                    List<String> serials = lab.control().serials();
                    List<String> args = new ArrayList<>(List.of("profiles", "assign", "lab", "--profile", "Lab"));
                    for (int i = 0; i < 5; i++) {
                        args.addAll(List.of("--serial", serials.get(random.nextInt(serials.size()))));
                    }
                    live.add(command(data, args));
                } else if (dice < 85) {
                    mutate(sims.get(server));
                } else if (!live.isEmpty()) {
                    Child victim = live.get(random.nextInt(live.size()));
                    // give it a moment of work first: a kill right at start-up tests little
                    Thread.sleep(random.nextInt(400));
                    victim.killed = true;
                    victim.process.destroyForcibly();
                    count("kills");
                    count("kills of " + victim.what.split(" ")[0]);
                }
                n++;
                Thread.sleep(100 + random.nextInt(500));
            }
            for (Child c : live) {
                if (c != owner) {
                    c.process.waitFor(120, TimeUnit.SECONDS);
                }
            }
            owner.killed = true;
            owner.process.destroyForcibly();
            owner.process.waitFor(30, TimeUnit.SECONDS);
            reap(live, ended);
            for (Child c : live) {
                c.process.destroyForcibly();
                c.process.waitFor(30, TimeUnit.SECONDS);
            }
            reap(live, ended);

            // the final word: one full sync per server, as an admin would run after all this
            for (String name : List.of("lab", "office")) {
                ChildJvm.Result last = ChildJvm.run(180, "--data-dir", data.toString(), "sync", name, "--full", "--wait", "--json");
                assertThat(last.exit()).as("final sync of %s: %s", name, last.err()).isZero();
            }
            try (CoreServices core = CoreServices.open(AppDirs.at(data))) {
                for (String name : List.of("lab", "office")) {
                    DepSimulator sim = sims.get(name);
                    long id = core.servers().get(name).id();
                    List<InventoryDevice> devices = core.devices().list(id);
                    List<String> listed = devices.stream().filter(d -> !d.gone()).map(InventoryDevice::serial).sorted().toList();
                    assertThat(listed).as("%s: devices Apple lists", name).isEqualTo(sim.control().serials().stream().sorted().toList());
                    Map<String, String> stale = new HashMap<>();
                    for (InventoryDevice d : devices) {
                        if (!d.gone() && !String.valueOf(sim.control().profileStatus(d.serial())).equals(d.device().profileStatusRaw())) {
                            stale.put(d.serial(), d.device().profileStatusRaw() + " != " + sim.control().profileStatus(d.serial()));
                        }
                    }
                    assertThat(stale).as("%s: stale profile statuses", name).isEmpty();
                    assertThat(core.sync().history(id, 100_000)).as("%s: runs left running", name)
                            .noneMatch(r -> r.result() == SyncResult.RUNNING);
                }
                for (var e : reportedSuccess.entrySet()) {
                    SyncRun run = core.sync().run(e.getKey()).orElse(null);
                    assertThat(run).as("run %d reported as a success by %s is still in the history", e.getKey(), e.getValue()).isNotNull();
                    assertThat(run.result()).isEqualTo(SyncResult.SUCCESS);
                }
            }
            LOG.info("stress: {} s, {} steps, {} processes, figures {}, successful syncs checked {}", seconds, n, ended.size(), counts,
                    reportedSuccess.size());
            writeFigures(seconds, n, ended.size());
            assertThat(problems).as("processes that failed in a way they must not").isEmpty();
            assertThat(counts.getOrDefault("kills", 0)).as("the run killed processes").isPositive();
        }
    }

    private Child command(Path data, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(args);
        count("commands");
        return start(String.join(" ", args), "org.depconsole.app.Main", all);
    }

    private Child start(String what, String main, List<String> args) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(ChildJvm.command(main, args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Child(what, p, out, err);
    }

    private void reap(List<Child> live, List<Child> ended) throws IOException {
        for (var it = live.iterator(); it.hasNext(); ) {
            Child c = it.next();
            if (c.process.isAlive()) {
                continue;
            }
            it.remove();
            ended.add(c);
            String out = Files.readString(c.out, StandardCharsets.UTF_8);
            String err = Files.readString(c.err, StandardCharsets.UTF_8);
            Matcher lines = RUN_LINE.matcher(out);
            while (lines.find()) {
                if (lines.group(2).equals("SUCCESS")) {
                    reportedSuccess.put(Long.parseLong(lines.group(1)), c.what);
                }
            }
            if (c.killed) {
                continue;
            }
            int exit = c.process.exitValue();
            count("exit " + exit);
            if (c.what.startsWith("sync") && exit == 0) {
                Matcher m = RUN_JSON.matcher(out);
                if (m.find() && m.group(2).equals("SUCCESS")) {
                    reportedSuccess.put(Long.parseLong(m.group(1)), c.what);
                }
            }
            if (exit == 70 || exit > 3 || err.contains("error id") || err.contains("Exception")) {
                problems.add(c.what + " → exit " + exit + ": " + err.strip());
            } else if (exit == 1) {
                count("declined or lost: " + lastLine(err));
            }
        }
    }

    private static String lastLine(String err) {
        String[] lines = err.strip().split("\\R");
        String s = lines[lines.length - 1];
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private void mutate(DepSimulator sim) {
        switch (random.nextInt(4)) {
            case 0 -> sim.control().addDevices(1 + random.nextInt(20));
            case 1 -> sim.control().modifyDevices(1 + random.nextInt(20));
            case 2 -> sim.control().deleteDevices(1 + random.nextInt(10));
            default -> sim.control().moveInDevices(1 + random.nextInt(10));
        }
        count("Apple-side changes");
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private void writeFigures(long seconds, int steps, int processes) throws IOException {
        Path target = Path.of(System.getProperty("depconsole.screenshots", "target/screenshots")).resolveSibling("stress-figures.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "seconds=" + seconds + " steps=" + steps + " processes=" + processes + " successfulSyncsChecked="
                + reportedSuccess.size() + " " + counts + System.lineSeparator(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

}
