package org.depconsole.domain.inventory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The texts of one column, one per row, packed into a single UTF-8 byte array with an offset per row: a MAC address
 * takes its 17 bytes and 4 for the offset instead of a string object of about 56 bytes. The rows are filled in order
 * (a row left out is empty). Values are made into strings only when asked for (a visible cell, a sort, an export).
 */
final class PackedText {

    private byte[] data;
    /** Row r's bytes are {@code data[start[r] .. start[r + 1])}. */
    private int[] start;
    private int rows;
    private int used;

    PackedText(int capacity) {
        this.data = new byte[Math.max(64, capacity * 8)];
        this.start = new int[capacity + 1];
    }

    void set(int row, String value) {
        while (rows < row) {
            start[++rows] = used; // rows without a value are empty
        }
        if (row != rows) {
            throw new IllegalStateException("packed rows are filled in order: row " + row + " after " + rows);
        }
        byte[] bytes = ascii(value) ? null : value.getBytes(StandardCharsets.UTF_8);
        int length = bytes == null ? value.length() : bytes.length;
        if (used + length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, used + length));
        }
        if (bytes == null) {
            for (int i = 0; i < length; i++) {
                data[used + i] = (byte) value.charAt(i);
            }
        } else {
            System.arraycopy(bytes, 0, data, used, length);
        }
        used += length;
        start[++rows] = used;
    }

    void grow(int capacity) {
        start = Arrays.copyOf(start, capacity + 1);
    }

    /** Trims to {@code size} rows (unfilled ones empty); the builder is done with it. */
    PackedText finish(int size) {
        while (rows < size) {
            start[++rows] = used;
        }
        if (data.length != used) {
            data = Arrays.copyOf(data, used);
        }
        if (start.length != size + 1) {
            start = Arrays.copyOf(start, size + 1);
        }
        return this;
    }

    String get(int row) {
        int from = start[row];
        return new String(data, from, start[row + 1] - from, StandardCharsets.UTF_8);
    }

    static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
