package org.depconsole.service.org;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.depconsole.appleapi.AppleApiException;
import org.depconsole.appleapi.business.BusinessApiException;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenState;
import org.depconsole.domain.business.AppleCareCoverage;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.org.CoverageLookup;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgCoverage;
import org.depconsole.domain.org.OrgCrossCheck;
import org.depconsole.domain.org.OrgDeviceFilter;
import org.depconsole.domain.org.OrgDeviceRow;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgMdmServer;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.OrgRepository;
import org.depconsole.service.AtomicFiles;
import org.depconsole.service.ServerService;

/**
 * Reading the stored organization (works offline, no passphrase): devices joined with their MDM server, the mapped
 * console server and its DEP record; servers with counts; the cross-checks; CSV export. AppleCare coverage is the one
 * on-demand call to Apple here, cached with its date.
 */
public final class OrgInventoryService {

    /** A cached coverage younger than this is shown without asking Apple again. */
    public static final Duration COVERAGE_MAX_AGE = Duration.ofDays(7);

    static final String[] CSV_HEADER = {"serial_number", "server", "server_id", "status", "device_model", "product_family", "product_type",
        "device_capacity", "color", "part_number", "order_number", "order_date", "purchase_source_type", "purchase_source_id", "added_to_org",
        "updated", "imei", "meid", "eid", "wifi_mac_address", "bluetooth_mac_address", "ethernet_mac_address", "console_server",
        "dep_profile_status", "dep_profile_uuid", "dep_description", "dep_asset_tag"};

    private final OrgRepository store;
    private final OrgAccountService accounts;
    private final ServerService servers;
    private final InventoryRepository inventory;
    private final Clock clock;

    public OrgInventoryService(OrgRepository store, OrgAccountService accounts, ServerService servers, InventoryRepository inventory, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.servers = servers;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** Every stored device of the account (released ones too) with its server and, where there is one, its DEP record. */
    public List<OrgDeviceRow> devices(long accountId) {
        Map<String, OrgMdmServer> byId = new HashMap<>();
        store.servers(accountId).forEach(s -> byId.put(s.id(), s));
        Map<Long, String> consoleNames = new HashMap<>();
        servers.list().forEach(s -> consoleNames.put(s.id(), s.name()));
        Map<Long, Map<String, InventoryDevice>> dep = new HashMap<>();
        List<OrgDeviceRow> out = new ArrayList<>();
        for (OrgInventoryDevice d : store.devices(accountId)) {
            OrgMdmServer s = d.assignedServerId() == null ? null : byId.get(d.assignedServerId());
            Long console = s == null ? null : s.consoleServerId();
            InventoryDevice depRecord = null;
            if (console != null && consoleNames.containsKey(console)) {
                depRecord = dep.computeIfAbsent(console, this::depInventory).get(d.serial());
            }
            out.add(new OrgDeviceRow(d, s == null ? null : s.name(), console, console == null ? null : consoleNames.get(console), depRecord));
        }
        return out;
    }

    private Map<String, InventoryDevice> depInventory(long serverId) {
        Map<String, InventoryDevice> m = new HashMap<>();
        for (InventoryDevice d : inventory.list(serverId)) {
            if (!d.gone()) {
                m.put(d.serial(), d);
            }
        }
        return m;
    }

    public static List<OrgDeviceRow> select(List<OrgDeviceRow> rows, OrgDeviceFilter filter) {
        return rows.stream().filter(filter::matches).toList();
    }

    /** The account's MDM servers (gone ones left out) with stored counts, mapping and token state, by name. */
    public List<OrgServerRow> servers(long accountId) {
        Map<String, Integer> counts = store.countsByServer(accountId);
        Map<Long, Server> console = new HashMap<>();
        servers.list().forEach(s -> console.put(s.id(), s));
        List<OrgServerRow> out = new ArrayList<>();
        for (OrgMdmServer s : store.servers(accountId)) {
            if (s.gone()) {
                continue;
            }
            Server c = s.consoleServerId() == null ? null : console.get(s.consoleServerId());
            out.add(new OrgServerRow(s, counts.getOrDefault(s.id(), 0), c == null ? null : c.name(), c == null ? null : c.tokenState(clock),
                    c == null ? 0 : inventory.count(c.id(), false)));
        }
        return out;
    }

    /** Devices per MDM server id; the key {@code null} counts unassigned devices. */
    public Map<String, Integer> countsByServer(long accountId) {
        return store.countsByServer(accountId);
    }

    /**
     * Finds an MDM server of the account by id or by name (case-insensitive).
     *
     * @throws org.depconsole.domain.ConsoleException naming {@code org servers} when none matches
     */
    public OrgMdmServer server(long accountId, String idOrName) {
        String want = idOrName == null ? "" : idOrName.strip();
        List<OrgMdmServer> all = store.servers(accountId).stream().filter(s -> !s.gone()).toList();
        return all.stream().filter(s -> s.id().equalsIgnoreCase(want)).findFirst()
                .or(() -> all.stream().filter(s -> s.name().equalsIgnoreCase(want)).findFirst())
                .orElseThrow(() -> new org.depconsole.domain.ConsoleException("org.error.serverNotFound", want, accounts.get(accountId).name()));
    }

    /** The cross-checks of the last org sync against the console's DEP servers and inventories. */
    public OrgCrossCheck crossCheck(long accountId) {
        Map<String, OrgMdmServer> byId = new HashMap<>();
        store.servers(accountId).forEach(s -> byId.put(s.id(), s));
        Map<Long, Server> console = new HashMap<>();
        servers.list().forEach(s -> console.put(s.id(), s));
        Map<Long, Map<String, InventoryDevice>> dep = new HashMap<>();
        List<OrgCrossCheck.Finding> out = new ArrayList<>();
        for (OrgInventoryDevice d : store.devices(accountId)) {
            if (d.released()) {
                continue;
            }
            if (d.assignedServerId() == null) {
                out.add(new OrgCrossCheck.Finding(OrgCrossCheck.Kind.ON_NO_SERVER, d.serial(), null, null));
                continue;
            }
            OrgMdmServer s = byId.get(d.assignedServerId());
            if (s == null || !s.canHaveToken()) {
                continue; // Apple Configurator / built-in management: no DEP token can exist
            }
            Server c = s.consoleServerId() == null ? null : console.get(s.consoleServerId());
            if (c == null) {
                out.add(new OrgCrossCheck.Finding(OrgCrossCheck.Kind.SERVER_NOT_IN_CONSOLE, d.serial(), s.id(), s.name()));
            } else if (c.tokenState(clock) == TokenState.EXPIRED || !c.linked()) {
                out.add(new OrgCrossCheck.Finding(OrgCrossCheck.Kind.SERVER_TOKEN_EXPIRED, d.serial(), s.id(), s.name()));
            } else if (!dep.computeIfAbsent(c.id(), this::depInventory).containsKey(d.serial())) {
                out.add(new OrgCrossCheck.Finding(OrgCrossCheck.Kind.NOT_IN_DEP_INVENTORY, d.serial(), s.id(), s.name()));
            }
        }
        return new OrgCrossCheck(out);
    }

    // --- AppleCare coverage ---

    /** The cached coverage of a device, if it was ever looked up. */
    public Optional<CoverageLookup> cachedCoverage(long accountId, String serial) {
        String s = normal(serial);
        return store.coverage(accountId, s).map(e -> new CoverageLookup(s, e.getKey(), true, e.getValue(), null));
    }

    /**
     * The coverage of each device: from the cache when younger than {@code maxAge}, else from Apple (one paced GET per
     * device), stored with its date. A device Apple does not know, or a failure, gives a lookup with its sentence; a
     * failure ends the remaining look-ups with the same sentence (the rate limit or network would fail them too).
     */
    public List<CoverageLookup> coverage(long accountId, Collection<String> serials, Duration maxAge) {
        OrgAccount account = accounts.get(accountId);
        Set<String> wanted = new LinkedHashSet<>();
        serials.forEach(s -> {
            String n = normal(s);
            if (!n.isEmpty()) {
                wanted.add(n);
            }
        });
        List<CoverageLookup> out = new ArrayList<>();
        String stop = null;
        Instant now = clock.instant();
        for (String serial : wanted) {
            Optional<CoverageLookup> cached = cachedCoverage(accountId, serial);
            if (cached.isPresent() && cached.get().fetchedAt().plus(maxAge).isAfter(now)) {
                out.add(cached.get());
                continue;
            }
            if (stop != null) {
                out.add(new CoverageLookup(serial, cached.map(CoverageLookup::fetchedAt).orElse(null), false,
                        cached.map(CoverageLookup::coverage).orElse(List.of()), stop));
                continue;
            }
            try {
                List<AppleCareCoverage> answer = accounts.client(account).appleCareCoverage(serial);
                List<OrgCoverage> cov = answer.stream().map(c -> new OrgCoverage(serial, c.id(), c.status(), c.paymentType(), c.description(),
                        c.startDateTime(), c.endDateTime(), c.renewable(), c.canceled(), c.contractCancelDateTime(), c.agreementNumber())).toList();
                Instant at = clock.instant();
                store.saveCoverage(accountId, serial, cov, at);
                out.add(new CoverageLookup(serial, at, false, cov, null));
            } catch (BusinessApiException e) {
                if (e.kind() == BusinessApiException.Kind.NOT_FOUND) {
                    out.add(new CoverageLookup(serial, null, false, List.of(), org.depconsole.domain.Messages.format("org.coverage.unknownSerial", serial)));
                } else {
                    stop = e.getMessage();
                    out.add(new CoverageLookup(serial, null, false, List.of(), stop));
                }
            } catch (AppleApiException e) {
                stop = e.getMessage();
                out.add(new CoverageLookup(serial, cached.map(CoverageLookup::fetchedAt).orElse(null), false,
                        cached.map(CoverageLookup::coverage).orElse(List.of()), stop));
            }
        }
        return out;
    }

    // --- CSV ---

    /** Writes the rows as CSV (RFC 4180, UTF-8); the file appears whole or not at all. */
    public static void exportCsv(List<OrgDeviceRow> rows, Path file) {
        AtomicFiles.writeUtf8(file, w -> writeCsv(rows, w), "org.error.export");
    }

    public static void writeCsv(List<OrgDeviceRow> rows, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get());
        for (OrgDeviceRow r : rows) {
            csv.printRecord((Object[]) csvValues(r));
        }
        csv.flush();
    }

    /** The CSV cells of a row, in {@link #CSV_HEADER} order (the JSON output uses the same names). */
    public static String[] csvValues(OrgDeviceRow r) {
        OrgInventoryDevice d = r.device();
        InventoryDevice dep = r.dep();
        return new String[] {d.serial(), r.placementLabel(), nz(d.assignedServerId()), nz(d.status()), nz(d.deviceModel()), nz(d.productFamily()),
            nz(d.productType()), nz(d.deviceCapacity()), nz(d.color()), nz(d.partNumber()), nz(d.orderNumber()), date(d.orderDateTime()),
            nz(d.purchaseSourceType()), nz(d.purchaseSourceId()), date(d.addedToOrgDateTime()), date(d.updatedDateTime()), String.join(" ", d.imei()),
            String.join(" ", d.meid()), nz(d.eid()), String.join(" ", d.wifiMacAddress()), String.join(" ", d.bluetoothMacAddress()),
            String.join(" ", d.ethernetMacAddress()), nz(r.consoleServerName()),
            dep == null ? "" : nz(dep.device().profileStatusRaw()), dep == null ? "" : nz(dep.device().profileUuid()),
            dep == null ? "" : nz(dep.device().description()), dep == null ? "" : nz(dep.device().assetTag())};
    }

    /** The CSV header names, in column order. */
    public static List<String> csvHeader() {
        return List.of(CSV_HEADER);
    }

    /** A row as name → value, in CSV column order. */
    public static Map<String, String> asMap(OrgDeviceRow r) {
        Map<String, String> m = new LinkedHashMap<>();
        String[] v = csvValues(r);
        for (int i = 0; i < CSV_HEADER.length; i++) {
            m.put(CSV_HEADER[i], v[i]);
        }
        return m;
    }

    static String normal(String serial) {
        return serial == null ? "" : serial.strip().toUpperCase(Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String date(Instant i) {
        return i == null ? "" : DateTimeFormatter.ISO_INSTANT.format(i);
    }
}
