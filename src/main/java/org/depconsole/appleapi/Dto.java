package org.depconsole.appleapi;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson shapes of Apple's responses. Field names map to snake_case ({@link Json}); dates stay strings
 * so that empty or odd values never fail a whole page; unknown fields land in {@code extra}.
 */
final class Dto {

    private Dto() {
    }

    /** Collects fields this version does not know. */
    abstract static class Open {
        final Map<String, Object> extra = new LinkedHashMap<>();

        @JsonAnySetter
        void unknown(String name, Object value) {
            extra.put(name, value);
        }
    }

    static final class Session extends Open {
        public String authSessionToken;

        /** Never shows the session. */
        @Override
        public String toString() {
            return "Session[redacted]";
        }
    }

    static final class Limit extends Open {
        @JsonProperty("default")
        public Integer defaultLimit;
        public Integer maximum;
    }

    static final class Url extends Open {
        public String uri;
        public List<String> httpMethod;
        public Limit limit;
    }

    static final class Account extends Open {
        public String serverName;
        public String serverUuid;
        public String adminId;
        public String facilitatorId;
        public String orgName;
        public String orgEmail;
        public String orgPhone;
        public String orgAddress;
        public String orgId;
        public String orgIdHash;
        public String orgType;
        public String orgVersion;
        public List<Url> urls;
    }

    static final class Device extends Open {
        public String serialNumber;
        public String model;
        public String description;
        public String color;
        public String assetTag;
        public String profileStatus;
        public String profileUuid;
        public String profileAssignTime;
        public String profilePushTime;
        public String deviceAssignedDate;
        public String deviceAssignedBy;
        public String os;
        public String deviceFamily;
        public String opType;
        public String opDate;
        public String responseStatus;
        public String mdmMigrationDeadline;
        public String eid;
        public String ethernetMacAddress;
        public String wifiMacAddress;
        public String bluetoothMacAddress;
        public List<String> imei;
        public List<String> meid;
        public Boolean isReplacementDevice;
        public Boolean releasedByReplacement;
    }

    static final class Page extends Open {
        public List<Device> devices;
        public String cursor;
        public String fetchedUntil;
        public Boolean moreToFollow;
    }

    static final class Details extends Open {
        public Map<String, Device> devices;
    }

    static final class Statuses extends Open {
        public String profileUuid;
        public Map<String, String> devices;
        public Integer retryAfterSeconds;
    }

    static final class Profile extends Open {
        public String profileName;
        public String url;
        public String configurationWebUrl;
        public Boolean allowPairing;
        public Boolean isSupervised;
        public Boolean isMandatory;
        public Boolean isMdmRemovable;
        public Boolean isMultiUser;
        public Boolean awaitDeviceConfigured;
        public Boolean autoAdvanceSetup;
        public Boolean isReturnToService;
        public Boolean doNotUseProfileFromBackup;
        public String supportPhoneNumber;
        public String supportEmailAddress;
        public String department;
        public String orgMagic;
        public String language;
        public String region;
        public List<String> anchorCerts;
        public List<String> supervisingHostCerts;
        public List<String> skipSetupItems;
        public List<String> devices;
        public String profileUuid;
    }

    static final class ActivationLock extends Open {
        public String serialNumber;
        public String responseStatus;
    }

    static final class Replacement extends Open {
        public String serialNumber;
        public String originalDeviceSerialNumber;
        public String replacementDate;
    }
}
