package org.depconsole.ui.devices;

import java.text.CollationKey;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryColumns;

/**
 * The order of a column's cell texts as one number per row, so that sorting compares two ints. The order is the one the
 * table's default comparator gave (the default locale's {@link Collator}); that comparator fetched both cells and took a
 * fresh collator for every comparison, which froze the window for seconds at 100,000 rows. Rows whose texts collate
 * equal get the same rank. Runs off the FX thread.
 */
final class SortRanks {

    private SortRanks() {
    }

    static Map<DeviceColumn, int[]> of(InventoryColumns inventory, Collection<DeviceColumn> columns, Map<String, String> profileNames) {
        Map<DeviceColumn, int[]> out = new EnumMap<>(DeviceColumn.class);
        Collator collator = Collator.getInstance();
        for (DeviceColumn c : columns) {
            out.put(c, ranks(inventory, c, profileNames, collator));
        }
        return out;
    }

    private static int[] ranks(InventoryColumns inventory, DeviceColumn column, Map<String, String> names, Collator collator) {
        int n = inventory.size();
        Map<String, Integer> ids = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] valueId = new int[n];
        for (int r = 0; r < n; r++) {
            String v = inventory.value(r, column, names);
            Integer id = ids.get(v);
            if (id == null) {
                id = distinct.size();
                ids.put(v, id);
                distinct.add(v);
            }
            valueId[r] = id;
        }
        int d = distinct.size();
        CollationKey[] keys = new CollationKey[d];
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            keys[i] = collator.getCollationKey(distinct.get(i));
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
        int[] rankOf = new int[d];
        for (int k = 0; k < d; k++) {
            rankOf[order[k]] = k > 0 && keys[order[k]].compareTo(keys[order[k - 1]]) == 0 ? rankOf[order[k - 1]] : k;
        }
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            out[r] = rankOf[valueId[r]];
        }
        return out;
    }
}
