package org.depconsole.domain.business;

import java.util.Map;

/**
 * One line of an activity's result CSV (§6.12). Apple does not document the columns (unverified): the client finds
 * the serial, result and message columns by header name and keeps every column in {@code columns}.
 *
 * @param succeeded true when the result column reads like success ({@code SUCCESS}, {@code COMPLETED}, {@code OK})
 */
public record ActivityResultRow(String serialNumber, boolean succeeded, String result, String message, Map<String, String> columns) {

    public ActivityResultRow {
        columns = Map.copyOf(columns);
    }
}
