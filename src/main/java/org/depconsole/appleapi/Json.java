package org.depconsole.appleapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.domain.apple.ActivationLockResult;
import org.depconsole.domain.apple.AssignResult;
import org.depconsole.domain.apple.DefineProfileResult;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.apple.DeviceStatusResult;
import org.depconsole.domain.apple.DeviceUrlLimit;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.apple.ReplacementDetails;

/** JSON in and out: one tolerant mapper, request bodies built as ordered maps, DTO → domain mapping. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
            .disable(MapperFeature.AUTO_DETECT_GETTERS)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .build();

    private Json() {
    }

    /** Parses a response body; any failure becomes {@link MalformedResponseException} without the body or parser detail. */
    static <T> T read(byte[] body, Class<T> type, int status) {
        if (body == null || body.length == 0) {
            throw new MalformedResponseException(status);
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new MalformedResponseException(status);
            }
            return value;
        } catch (IOException e) {
            // the parser's message may quote the body (e.g. a session token): never pass it on
            throw new MalformedResponseException(status);
        }
    }

    static byte[] write(Map<String, Object> body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request body could not be written as JSON", e);
        }
    }

    // ---- requests -------------------------------------------------------------------------------------------

    static Map<String, Object> cursorRequest(String cursor, Integer limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        putText(body, "cursor", cursor);
        if (limit != null) {
            body.put("limit", limit);
        }
        return body;
    }

    static Map<String, Object> profileRequest(Profile p) {
        Map<String, Object> body = new LinkedHashMap<>();
        putText(body, "profile_name", p.profileName());
        putText(body, "url", p.url());
        putText(body, "configuration_web_url", p.configurationWebUrl());
        putFlag(body, "allow_pairing", p.allowPairing());
        putFlag(body, "is_supervised", p.isSupervised());
        putFlag(body, "is_mandatory", p.isMandatory());
        putFlag(body, "is_mdm_removable", p.isMdmRemovable());
        putFlag(body, "is_multi_user", p.isMultiUser());
        putFlag(body, "await_device_configured", p.awaitDeviceConfigured());
        putFlag(body, "auto_advance_setup", p.autoAdvanceSetup());
        putFlag(body, "is_return_to_service", p.isReturnToService());
        putFlag(body, "do_not_use_profile_from_backup", p.doNotUseProfileFromBackup());
        putText(body, "support_phone_number", p.supportPhoneNumber());
        putText(body, "support_email_address", p.supportEmailAddress());
        putText(body, "department", p.department());
        putText(body, "org_magic", p.orgMagic());
        putText(body, "language", p.language());
        putText(body, "region", p.region());
        putList(body, "anchor_certs", p.anchorCerts());
        putList(body, "supervising_host_certs", p.supervisingHostCerts());
        putList(body, "skip_setup_items", p.skipSetupItems());
        putList(body, "devices", p.devices());
        // fields of a newer protocol that came with a profile read from Apple go back unchanged
        p.extra().forEach(body::putIfAbsent);
        return body;
    }

    private static void putText(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value.strip());
        }
    }

    private static void putFlag(Map<String, Object> body, String name, Boolean value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static void putList(Map<String, Object> body, String name, List<String> values) {
        if (values != null) {
            body.put(name, values);
        }
    }

    // ---- responses ------------------------------------------------------------------------------------------

    static AccountDetail account(Dto.Account a) {
        List<DeviceUrlLimit> urls = new ArrayList<>();
        if (a.urls != null) {
            for (Dto.Url u : a.urls) {
                if (u != null) {
                    urls.add(new DeviceUrlLimit(u.uri, u.httpMethod, u.limit == null ? null : u.limit.defaultLimit,
                            u.limit == null ? null : u.limit.maximum));
                }
            }
        }
        return new AccountDetail(a.serverName, a.serverUuid, a.adminId, a.facilitatorId, a.orgName, a.orgEmail, a.orgPhone,
                a.orgAddress, a.orgId, a.orgIdHash, a.orgType, a.orgVersion, urls, a.extra);
    }

    static DevicePage page(Dto.Page p) {
        List<Device> devices = new ArrayList<>();
        if (p.devices != null) {
            for (Dto.Device d : p.devices) {
                if (d != null) {
                    devices.add(device(d, null));
                }
            }
        }
        Map<String, Object> ignored = new LinkedHashMap<>();
        return new DevicePage(devices, p.cursor, instant(p.fetchedUntil, "fetched_until", ignored),
                Boolean.TRUE.equals(p.moreToFollow));
    }

    static Map<String, Device> details(Dto.Details d) {
        Map<String, Device> out = new LinkedHashMap<>();
        if (d.devices != null) {
            d.devices.forEach((serial, dev) -> out.put(serial, device(dev == null ? new Dto.Device() : dev, serial)));
        }
        return out;
    }

    static Device device(Dto.Device d, String keySerial) {
        Map<String, Object> extra = new LinkedHashMap<>(d.extra);
        String serial = d.serialNumber == null || d.serialNumber.isBlank() ? keySerial : d.serialNumber;
        return new Device(serial, d.model, d.description, d.color, d.assetTag, null, d.profileStatus, d.profileUuid,
                instant(d.profileAssignTime, "profile_assign_time", extra),
                instant(d.profilePushTime, "profile_push_time", extra),
                instant(d.deviceAssignedDate, "device_assigned_date", extra),
                d.deviceAssignedBy, d.os, d.deviceFamily, null, d.opType,
                instant(d.opDate, "op_date", extra), d.responseStatus,
                instant(d.mdmMigrationDeadline, "mdm_migration_deadline", extra),
                d.eid, d.ethernetMacAddress, d.wifiMacAddress, d.bluetoothMacAddress, d.imei, d.meid,
                d.isReplacementDevice, d.releasedByReplacement, extra);
    }

    static DefineProfileResult defineResult(Dto.Statuses s) {
        return new DefineProfileResult(s.profileUuid, s.devices);
    }

    static AssignResult assignResult(Dto.Statuses s) {
        return new AssignResult(s.profileUuid, s.devices, s.retryAfterSeconds);
    }

    static DeviceStatusResult statusResult(Dto.Statuses s) {
        return new DeviceStatusResult(s.devices);
    }

    static Profile profile(Dto.Profile p) {
        return new Profile(p.profileName, p.url, p.configurationWebUrl, p.allowPairing, p.isSupervised, p.isMandatory,
                p.isMdmRemovable, p.isMultiUser, p.awaitDeviceConfigured, p.autoAdvanceSetup, p.isReturnToService,
                p.doNotUseProfileFromBackup, p.supportPhoneNumber, p.supportEmailAddress, p.department, p.orgMagic,
                p.language, p.region, p.anchorCerts, p.supervisingHostCerts, p.skipSetupItems, p.devices, p.profileUuid,
                p.extra);
    }

    static ActivationLockResult activationLock(Dto.ActivationLock a) {
        return new ActivationLockResult(a.serialNumber, a.responseStatus);
    }

    static ReplacementDetails replacement(Dto.Replacement r) {
        Map<String, Object> extra = new LinkedHashMap<>(r.extra);
        LocalDate date = null;
        if (r.replacementDate != null && !r.replacementDate.isBlank()) {
            String raw = r.replacementDate.strip();
            try {
                date = LocalDate.parse(raw.length() > 10 && raw.charAt(10) == 'T' ? raw.substring(0, 10) : raw);
            } catch (DateTimeParseException e) {
                extra.put("replacement_date", r.replacementDate);
            }
        }
        return new ReplacementDetails(r.serialNumber, r.originalDeviceSerialNumber, date, extra);
    }

    /** ISO 8601 with offset or zone, or without (taken as UTC); empty → null; unreadable → null and kept in {@code extra}. */
    static Instant instant(String raw, String field, Map<String, Object> extra) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                extra.put(field, raw);
                return null;
            }
        }
    }
}
