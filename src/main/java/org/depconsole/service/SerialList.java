package org.depconsole.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Serial numbers pasted or uploaded by an admin: one per line, or a CSV (the column headed serial_number,
 * serial or "Serial Number" if there is one, else the first). Blank lines and repeats are dropped; serials are
 * upper-cased as Apple writes them.
 */
public final class SerialList {

    private static final Set<String> HEADERS = Set.of("serial_number", "serial", "serial number", "serialnumber");

    private SerialList() {
    }

    public static List<String> parse(String text) {
        Set<String> out = new LinkedHashSet<>();
        try {
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                    .parse(new StringReader(text.replace("\uFEFF", ""))).getRecords();
            int column = 0;
            int start = 0;
            if (!records.isEmpty()) {
                CSVRecord first = records.get(0);
                for (int i = 0; i < first.size(); i++) {
                    if (HEADERS.contains(first.get(i).strip().toLowerCase(Locale.ROOT))) {
                        column = i;
                        start = 1;
                        break;
                    }
                }
            }
            for (CSVRecord r : records.subList(start, records.size())) {
                if (r.size() > column) {
                    String s = r.get(column).strip().toUpperCase(Locale.ROOT);
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
