package org.depconsole.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes realistic, seeded devices: models per product family with colours and capacities that
 * exist for that model, order descriptions in Apple's upper-case style, unique serials (10
 * random characters for current hardware, 12 characters for older Intel Macs), MAC addresses,
 * IMEIs with a valid Luhn digit and EIDs for cellular devices. Device {@code i} of a seed is
 * always the same (each index has its own random stream); serial collisions are re-drawn.
 * Not thread-safe: {@link SimulatorState} calls it under its lock.
 */
final class DeviceFactory {

    /** How a model connects: decides MAC/IMEI/EID fields. */
    private enum Kind { PHONE, TABLET, LAPTOP, DESKTOP, TV, VISION }

    private record Model(String family, String os, String model, String descPrefix, Kind kind, int weight, boolean legacySerial,
                         String legacyPrefix, String[] colors, String[] capacities) {
    }

    private static final String[] IPHONE_15 = {"BLACK", "BLUE", "GREEN", "YELLOW", "PINK"};
    private static final String[] IPHONE_PRO_15 = {"BLACK TITANIUM", "WHITE TITANIUM", "BLUE TITANIUM", "NATURAL TITANIUM"};
    private static final String[] IPHONE_16 = {"BLACK", "WHITE", "PINK", "TEAL", "ULTRAMARINE"};
    private static final String[] IPHONE_PRO_16 = {"BLACK TITANIUM", "WHITE TITANIUM", "NATURAL TITANIUM", "DESERT TITANIUM"};
    private static final String[] IPAD_AIR = {"SPACE GRAY", "STARLIGHT", "PURPLE", "BLUE"};
    private static final String[] IPAD_PRO = {"SPACE BLACK", "SILVER"};
    private static final String[] IPAD_10 = {"SILVER", "BLUE", "PINK", "YELLOW"};
    private static final String[] MBA_M3 = {"MIDNIGHT", "STARLIGHT", "SPACE GRAY", "SILVER"};
    private static final String[] MBA_M4 = {"SKY BLUE", "MIDNIGHT", "STARLIGHT", "SILVER"};
    private static final String[] MBP_M4 = {"SPACE BLACK", "SILVER"};
    private static final String[] IMAC = {"BLUE", "GREEN", "PINK", "SILVER", "YELLOW", "ORANGE", "PURPLE"};
    private static final String[] SILVER = {"SILVER"};
    private static final String[] SPACE_GRAY = {"SPACE GRAY"};
    private static final String[] NONE = {};

    private static final String[] PHONE_CAP = {"128GB", "256GB", "512GB"};
    private static final String[] PHONE_PRO_CAP = {"128GB", "256GB", "512GB", "1TB"};
    private static final String[] IPAD_CAP = {"128GB", "256GB", "512GB"};
    private static final String[] IPAD_10_CAP = {"64GB", "256GB"};
    private static final String[] MAC_CAP = {"8GB/256GB", "16GB/256GB", "16GB/512GB", "24GB/512GB"};
    private static final String[] MAC_M4_CAP = {"16GB/256GB", "16GB/512GB", "24GB/512GB", "32GB/1TB"};
    private static final String[] MAC_PRO_CAP = {"24GB/512GB", "24GB/1TB", "48GB/1TB", "48GB/2TB"};
    private static final String[] INTEL_CAP = {"16GB/512GB", "32GB/1TB"};
    private static final String[] TV_CAP = {"64GB", "128GB"};
    private static final String[] VISION_CAP = {"256GB", "512GB", "1TB"};

    private static final List<Model> MODELS = List.of(
            new Model("iPhone", "iOS", "iPhone 15", "IPHONE 15", Kind.PHONE, 8, false, null, IPHONE_15, PHONE_CAP),
            new Model("iPhone", "iOS", "iPhone 15 Pro", "IPHONE 15 PRO", Kind.PHONE, 6, false, null, IPHONE_PRO_15, PHONE_PRO_CAP),
            new Model("iPhone", "iOS", "iPhone 16", "IPHONE 16", Kind.PHONE, 9, false, null, IPHONE_16, PHONE_CAP),
            new Model("iPhone", "iOS", "iPhone 16 Plus", "IPHONE 16 PLUS", Kind.PHONE, 3, false, null, IPHONE_16, PHONE_CAP),
            new Model("iPhone", "iOS", "iPhone 16 Pro", "IPHONE 16 PRO", Kind.PHONE, 6, false, null, IPHONE_PRO_16, PHONE_PRO_CAP),
            new Model("iPhone", "iOS", "iPhone 16 Pro Max", "IPHONE 16 PRO MAX", Kind.PHONE, 3, false, null, IPHONE_PRO_16,
                    new String[] {"256GB", "512GB", "1TB"}),
            new Model("iPad", "iPadOS", "iPad (10th generation)", "IPAD 10.9", Kind.TABLET, 10, false, null, IPAD_10, IPAD_10_CAP),
            new Model("iPad", "iPadOS", "iPad Air 11-inch (M2)", "IPAD AIR 11", Kind.TABLET, 5, false, null, IPAD_AIR, IPAD_CAP),
            new Model("iPad", "iPadOS", "iPad Air 13-inch (M2)", "IPAD AIR 13", Kind.TABLET, 2, false, null, IPAD_AIR, IPAD_CAP),
            new Model("iPad", "iPadOS", "iPad Pro 11-inch (M4)", "IPAD PRO 11", Kind.TABLET, 3, false, null, IPAD_PRO,
                    new String[] {"256GB", "512GB", "1TB"}),
            new Model("iPad", "iPadOS", "iPad Pro 13-inch (M4)", "IPAD PRO 13", Kind.TABLET, 2, false, null, IPAD_PRO,
                    new String[] {"256GB", "512GB", "1TB", "2TB"}),
            new Model("iPad", "iPadOS", "iPad mini (A17 Pro)", "IPAD MINI", Kind.TABLET, 4, false, null, IPAD_AIR, IPAD_CAP),
            new Model("Mac", "OSX", "MacBook Air", "MBA 13 M3", Kind.LAPTOP, 9, false, null, MBA_M3, MAC_CAP),
            new Model("Mac", "OSX", "MacBook Air", "MBA 15 M3", Kind.LAPTOP, 3, false, null, MBA_M3, MAC_CAP),
            new Model("Mac", "OSX", "MacBook Air", "MBA 13 M4", Kind.LAPTOP, 5, false, null, MBA_M4, MAC_M4_CAP),
            new Model("Mac", "OSX", "MacBook Pro", "MBP 14 M4", Kind.LAPTOP, 5, false, null, MBP_M4, MAC_M4_CAP),
            new Model("Mac", "OSX", "MacBook Pro", "MBP 16 M4 PRO", Kind.LAPTOP, 2, false, null, MBP_M4, MAC_PRO_CAP),
            new Model("Mac", "OSX", "MacBook Pro", "MBP 13.3 SG/2.0GHZ QC", Kind.LAPTOP, 2, true, "C02", SPACE_GRAY, INTEL_CAP),
            new Model("Mac", "OSX", "iMac", "IMAC 24 M3 8C CPU/10C GPU", Kind.DESKTOP, 3, false, null, IMAC, MAC_CAP),
            new Model("Mac", "OSX", "iMac", "IMAC 24 M4 10C CPU/10C GPU", Kind.DESKTOP, 2, false, null, IMAC, MAC_M4_CAP),
            new Model("Mac", "OSX", "Mac mini", "MAC MINI M4", Kind.DESKTOP, 3, false, null, NONE, MAC_M4_CAP),
            new Model("Mac", "OSX", "Mac mini", "MAC MINI 3.0GHZ 6C I5", Kind.DESKTOP, 1, true, "C07", SPACE_GRAY, INTEL_CAP),
            new Model("AppleTV", "tvOS", "Apple TV 4K", "APPLE TV 4K", Kind.TV, 5, false, null, NONE, TV_CAP),
            new Model("Vision", "visionOS", "Apple Vision Pro", "APPLE VISION PRO", Kind.VISION, 2, false, null, NONE, VISION_CAP));

    private static final int TOTAL_WEIGHT = MODELS.stream().mapToInt(Model::weight).sum();
    /** Characters of Apple's randomized serials (no vowels, no easily confused letters). */
    private static final char[] SERIAL_CHARS = "0123456789CDFGHJKLMNPQRTVWXY".toCharArray();
    private static final char[] SERIAL_FIRST = "CDFGHJKLMNPQRTVWXY".toCharArray();
    private static final String[] APPLE_OUIS = {"a4:83:e7", "f0:18:98", "3c:22:fb", "bc:d0:74", "88:66:5a", "14:7d:da", "ac:de:48", "f4:d4:88"};
    private static final String[] TACS = {"35", "35", "35", "01"};
    private static final long TWO_YEARS_SECONDS = Duration.ofDays(730).toSeconds();

    private final long seed;
    private final Instant epoch;
    private final List<String> assigners;
    private final List<String> profileUuids;
    private final String assetPrefix;
    private final Set<String> serials = new HashSet<>();

    /**
     * @param epoch        "now" of the population: assignment dates fall in the two years before it
     * @param assigners    emails that appear in {@code device_assigned_by}
     * @param profileUuids profiles that pre-assigned devices refer to
     */
    DeviceFactory(long seed, Instant epoch, List<String> assigners, List<String> profileUuids, String assetPrefix) {
        this.seed = seed;
        this.epoch = epoch;
        this.assigners = List.copyOf(assigners);
        this.profileUuids = List.copyOf(profileUuids);
        this.assetPrefix = assetPrefix;
    }

    /** Device number {@code index} of the initial population: assigned some time in the past two years. */
    SimDevice initial(int index) {
        SplittableRandom r = random(index);
        Instant assigned = epoch.minusSeconds(1 + r.nextLong(TWO_YEARS_SECONDS));
        return build(r, assigned, true);
    }

    /**
     * A device that arrives later (added in the portal, or coming from another MDM server), with
     * stream number {@code index} taken from a range that never overlaps the initial population.
     */
    SimDevice arriving(long index, Instant assignedAt) {
        return build(random(Long.MAX_VALUE / 2 + index), assignedAt, false);
    }

    private SplittableRandom random(long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    }

    private SimDevice build(SplittableRandom r, Instant assigned, boolean withHistory) {
        Model m = pickModel(r);
        String serial = uniqueSerial(r, m);
        String color = m.colors().length == 0 ? null : m.colors()[r.nextInt(m.colors().length)];
        String capacity = m.capacities()[r.nextInt(m.capacities().length)];
        boolean cellular = m.kind() == Kind.PHONE || (m.kind() == Kind.TABLET && r.nextInt(100) < 30);
        String description = description(m, capacity, color, cellular, r);
        // Apple leaves the colour out for some products (dep-api.md §6.3 pitfall 20)
        if (m.kind() == Kind.TV && r.nextInt(100) < 60) {
            color = null;
        } else if (m.kind() == Kind.TV) {
            color = "BLACK";
        }
        String assetTag = r.nextInt(100) < 25 ? assetTag(r) : null;
        String assignedBy = r.nextInt(100) < 2 ? "-1" : assigners.get(r.nextInt(assigners.size()));

        String status = SimDevice.EMPTY;
        String profileUuid = null;
        Instant assignTime = null;
        Instant pushTime = null;
        if (withHistory && !profileUuids.isEmpty()) {
            int p = r.nextInt(100);
            if (p < 20) {
                profileUuid = profileUuids.get(r.nextInt(profileUuids.size()));
                long room = Math.max(1, Duration.between(assigned, epoch).toSeconds());
                assignTime = assigned.plusSeconds(r.nextLong(Math.min(room, Duration.ofDays(3).toSeconds()) + 1));
                if (p < 11) {
                    status = SimDevice.PUSHED;
                    long pushRoom = Math.max(1, Duration.between(assignTime, epoch).toSeconds());
                    pushTime = assignTime.plusSeconds(r.nextLong(Math.min(pushRoom, Duration.ofDays(14).toSeconds()) + 1));
                } else if (p < 18) {
                    status = SimDevice.ASSIGNED;
                } else {
                    status = SimDevice.REMOVED;
                }
            }
        }

        String wifi = mac(r);
        String bt = mac(r);
        String ethernet = m.kind() == Kind.DESKTOP || m.kind() == Kind.TV ? mac(r) : null;
        String eid = null;
        List<String> imei = null;
        if (cellular) {
            eid = digits(r, "89049032", 32);
            imei = m.kind() == Kind.PHONE ? List.of(imei(r), imei(r)) : List.of(imei(r));
        }
        boolean replacement = withHistory && r.nextInt(1000) < 3;
        String original = null;
        LocalDate replacementDate = null;
        if (replacement) {
            original = uniqueSerial(r, m);
            replacementDate = LocalDate.ofInstant(assigned, ZoneOffset.UTC);
        }
        return new SimDevice(serial, m.model(), description, color, assetTag, status, profileUuid, assignTime, pushTime,
                assigned, assignedBy, m.os(), m.family(), eid, imei, wifi, bt, ethernet, replacement, original, replacementDate);
    }

    private static Model pickModel(SplittableRandom r) {
        int w = r.nextInt(TOTAL_WEIGHT);
        for (Model m : MODELS) {
            w -= m.weight();
            if (w < 0) {
                return m;
            }
        }
        return MODELS.get(0);
    }

    private static String description(Model m, String capacity, String color, boolean cellular, SplittableRandom r) {
        StringBuilder d = new StringBuilder(48).append(m.descPrefix());
        switch (m.kind()) {
            case TABLET -> d.append(cellular ? " WI-FI + CELLULAR " : " WI-FI ").append(capacity);
            case TV -> d.append(capacity.equals("128GB") ? " WI-FI + ETHERNET " : " WI-FI ").append(capacity);
            case LAPTOP, DESKTOP -> d.append(m.legacySerial() ? "/" : " ").append(capacity);
            default -> d.append(' ').append(capacity);
        }
        if (color != null) {
            d.append(' ').append(color);
        }
        if (r.nextInt(100) < 15) {
            d.append("-USA");
        }
        return d.toString();
    }

    private String uniqueSerial(SplittableRandom r, Model m) {
        while (true) {
            String s = m.legacySerial() ? legacySerial(r, m.legacyPrefix()) : randomSerial(r);
            if (serials.add(s)) {
                return s;
            }
        }
    }

    private static String randomSerial(SplittableRandom r) {
        char[] c = new char[10];
        c[0] = SERIAL_FIRST[r.nextInt(SERIAL_FIRST.length)];
        for (int i = 1; i < c.length; i++) {
            c[i] = SERIAL_CHARS[r.nextInt(SERIAL_CHARS.length)];
        }
        return new String(c);
    }

    private static String legacySerial(SplittableRandom r, String prefix) {
        char[] c = new char[12];
        prefix.getChars(0, 3, c, 0);
        for (int i = 3; i < c.length; i++) {
            c[i] = SERIAL_CHARS[r.nextInt(SERIAL_CHARS.length)];
        }
        return new String(c);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String mac(SplittableRandom r) {
        StringBuilder b = new StringBuilder(17).append(APPLE_OUIS[r.nextInt(APPLE_OUIS.length)]);
        for (int i = 0; i < 3; i++) {
            int v = r.nextInt(256);
            b.append(':').append(HEX[v >> 4]).append(HEX[v & 0xf]);
        }
        return b.toString();
    }

    private static String digits(SplittableRandom r, String prefix, int length) {
        StringBuilder b = new StringBuilder(length).append(prefix);
        while (b.length() < length) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    /** 15 digits (TAC, serial, Luhn check digit) grouped like Apple shows them: {@code 35 123456 789012 3}. */
    static String imei(SplittableRandom r) {
        String body = digits(r, TACS[r.nextInt(TACS.length)], 14);
        int check = luhnCheckDigit(body);
        return body.substring(0, 2) + " " + body.substring(2, 8) + " " + body.substring(8, 14) + " " + check;
    }

    static int luhnCheckDigit(String digits) {
        int sum = 0;
        boolean dbl = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    /** An organization asset tag such as {@code EXO-004512}. */
    String assetTag(SplittableRandom r) {
        String n = Integer.toString(r.nextInt(1_000_000));
        return assetPrefix + "-" + "000000".substring(n.length()) + n;
    }

    /** Serials of the initial population in index order (generates them). */
    List<SimDevice> initialPopulation(int count) {
        List<SimDevice> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(initial(i));
        }
        return out;
    }
}
