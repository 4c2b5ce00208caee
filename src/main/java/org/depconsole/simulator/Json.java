package org.depconsole.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** JSON in and out. Device pages are written with the streaming generator: no tree, no reflection, so paging stays cheap. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    /** Functional body of a streamed document. */
    interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] stream(int sizeHint, Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A request body that must be a JSON object; anything else is {@code 400 MALFORMED_REQUEST_BODY}. */
    static ObjectNode requestObject(byte[] body) {
        if (body.length == 0) {
            throw new ApiError(400, "MALFORMED_REQUEST_BODY");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // falls through to the error below
        }
        throw new ApiError(400, "MALFORMED_REQUEST_BODY");
    }

    /** A field that must be absent or an array of strings; null when absent. */
    static List<String> stringArray(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw new ApiError(400, "MALFORMED_REQUEST_BODY");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new ApiError(400, "MALFORMED_REQUEST_BODY");
            }
            out.add(e.asText());
        }
        return out;
    }

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /**
     * One device as Apple lists it (dep-api.md §4), v10 fields included whatever protocol version the
     * client asked for. Fields without a value are left out, as Apple does.
     */
    static void device(JsonGenerator g, SimDevice d, String opType, Instant opDate, String responseStatus) throws IOException {
        g.writeStartObject();
        g.writeStringField("serial_number", d.serial());
        g.writeStringField("model", d.model());
        g.writeStringField("description", d.description());
        if (d.color() != null) {
            g.writeStringField("color", d.color());
        }
        if (d.assetTag() != null) {
            g.writeStringField("asset_tag", d.assetTag());
        }
        g.writeStringField("profile_status", d.profileStatus());
        if (d.profileUuid() != null) {
            g.writeStringField("profile_uuid", d.profileUuid());
        }
        if (d.profileAssignTime() != null) {
            g.writeStringField("profile_assign_time", time(d.profileAssignTime()));
        }
        if (d.profilePushTime() != null) {
            g.writeStringField("profile_push_time", time(d.profilePushTime()));
        }
        g.writeStringField("device_assigned_date", time(d.assignedDate()));
        g.writeStringField("device_assigned_by", d.assignedBy());
        g.writeStringField("os", d.os());
        g.writeStringField("device_family", d.family());
        if (d.eid() != null) {
            g.writeStringField("eid", d.eid());
        }
        if (d.imei() != null) {
            g.writeArrayFieldStart("imei");
            for (String i : d.imei()) {
                g.writeString(i);
            }
            g.writeEndArray();
        }
        if (d.wifiMac() != null) {
            g.writeStringField("wifi_mac_address", d.wifiMac());
        }
        if (d.bluetoothMac() != null) {
            g.writeStringField("bluetooth_mac_address", d.bluetoothMac());
        }
        if (d.ethernetMac() != null) {
            g.writeStringField("ethernet_mac_address", d.ethernetMac());
        }
        g.writeBooleanField("is_replacement_device", d.replacement());
        if (opType != null) {
            g.writeStringField("op_type", opType);
            g.writeStringField("op_date", time(opDate));
        }
        if (responseStatus != null) {
            g.writeStringField("response_status", responseStatus);
        }
        g.writeEndObject();
    }

    /** A {@code deleted} sync record: Apple sends little more than the serial (dep-api.md §3.3). */
    static void deleted(JsonGenerator g, String serial, Instant opDate, boolean releasedByReplacement) throws IOException {
        g.writeStartObject();
        g.writeStringField("serial_number", serial);
        g.writeStringField("op_type", "deleted");
        g.writeStringField("op_date", time(opDate));
        g.writeBooleanField("released_by_replacement", releasedByReplacement);
        g.writeEndObject();
    }
}
