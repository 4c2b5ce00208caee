package org.depconsole.domain.apple;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DEP profile (dep-api.md §5.1). Flags are nullable: null means "not sent, Apple's default applies",
 * while an explicit {@code false} is sent as {@code false}. Blank optional strings are not sent.
 * Fields this version does not know are kept in {@code extra} and sent back as they came.
 *
 * @param devices     serials to assign in the same define call (not returned by Apple)
 * @param profileUuid returned by {@code GET /profile}; ignored when defining
 */
public record Profile(String profileName, String url, String configurationWebUrl,
                      Boolean allowPairing, Boolean isSupervised, Boolean isMandatory, Boolean isMdmRemovable,
                      Boolean isMultiUser, Boolean awaitDeviceConfigured, Boolean autoAdvanceSetup,
                      Boolean isReturnToService, Boolean doNotUseProfileFromBackup,
                      String supportPhoneNumber, String supportEmailAddress, String department, String orgMagic,
                      String language, String region, List<String> anchorCerts, List<String> supervisingHostCerts,
                      List<String> skipSetupItems, List<String> devices, String profileUuid, Map<String, Object> extra) {

    public Profile {
        anchorCerts = anchorCerts == null ? null : WireValues.list(anchorCerts);
        supervisingHostCerts = supervisingHostCerts == null ? null : WireValues.list(supervisingHostCerts);
        skipSetupItems = skipSetupItems == null ? null : WireValues.list(skipSetupItems);
        devices = devices == null ? null : WireValues.list(devices);
        extra = WireValues.map(extra);
    }

    public static Builder builder(String profileName, String url) {
        return new Builder().profileName(profileName).url(url);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.profileName = profileName;
        b.url = url;
        b.configurationWebUrl = configurationWebUrl;
        b.allowPairing = allowPairing;
        b.isSupervised = isSupervised;
        b.isMandatory = isMandatory;
        b.isMdmRemovable = isMdmRemovable;
        b.isMultiUser = isMultiUser;
        b.awaitDeviceConfigured = awaitDeviceConfigured;
        b.autoAdvanceSetup = autoAdvanceSetup;
        b.isReturnToService = isReturnToService;
        b.doNotUseProfileFromBackup = doNotUseProfileFromBackup;
        b.supportPhoneNumber = supportPhoneNumber;
        b.supportEmailAddress = supportEmailAddress;
        b.department = department;
        b.orgMagic = orgMagic;
        b.language = language;
        b.region = region;
        b.anchorCerts = anchorCerts;
        b.supervisingHostCerts = supervisingHostCerts;
        b.skipSetupItems = skipSetupItems;
        b.devices = devices;
        b.profileUuid = profileUuid;
        b.extra = extra;
        return b;
    }

    /** Builds a {@link Profile} field by field; everything not set stays null (not sent). */
    public static final class Builder {
        private String profileName;
        private String url;
        private String configurationWebUrl;
        private Boolean allowPairing;
        private Boolean isSupervised;
        private Boolean isMandatory;
        private Boolean isMdmRemovable;
        private Boolean isMultiUser;
        private Boolean awaitDeviceConfigured;
        private Boolean autoAdvanceSetup;
        private Boolean isReturnToService;
        private Boolean doNotUseProfileFromBackup;
        private String supportPhoneNumber;
        private String supportEmailAddress;
        private String department;
        private String orgMagic;
        private String language;
        private String region;
        private List<String> anchorCerts;
        private List<String> supervisingHostCerts;
        private List<String> skipSetupItems;
        private List<String> devices;
        private String profileUuid;
        private Map<String, Object> extra;

        private Builder() {
        }

        public Builder profileName(String v) { profileName = v; return this; }
        public Builder url(String v) { url = v; return this; }
        public Builder configurationWebUrl(String v) { configurationWebUrl = v; return this; }
        public Builder allowPairing(Boolean v) { allowPairing = v; return this; }
        public Builder isSupervised(Boolean v) { isSupervised = v; return this; }
        public Builder isMandatory(Boolean v) { isMandatory = v; return this; }
        public Builder isMdmRemovable(Boolean v) { isMdmRemovable = v; return this; }
        public Builder isMultiUser(Boolean v) { isMultiUser = v; return this; }
        public Builder awaitDeviceConfigured(Boolean v) { awaitDeviceConfigured = v; return this; }
        public Builder autoAdvanceSetup(Boolean v) { autoAdvanceSetup = v; return this; }
        public Builder isReturnToService(Boolean v) { isReturnToService = v; return this; }
        public Builder doNotUseProfileFromBackup(Boolean v) { doNotUseProfileFromBackup = v; return this; }
        public Builder supportPhoneNumber(String v) { supportPhoneNumber = v; return this; }
        public Builder supportEmailAddress(String v) { supportEmailAddress = v; return this; }
        public Builder department(String v) { department = v; return this; }
        public Builder orgMagic(String v) { orgMagic = v; return this; }
        public Builder language(String v) { language = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder anchorCerts(List<String> v) { anchorCerts = v; return this; }
        public Builder supervisingHostCerts(List<String> v) { supervisingHostCerts = v; return this; }
        public Builder skipSetupItems(List<String> v) { skipSetupItems = v; return this; }
        public Builder devices(List<String> v) { devices = v; return this; }
        public Builder profileUuid(String v) { profileUuid = v; return this; }
        public Builder extra(Map<String, Object> v) { extra = v; return this; }

        public Profile build() {
            Objects.requireNonNull(profileName, "profileName");
            Objects.requireNonNull(url, "url");
            return new Profile(profileName, url, configurationWebUrl, allowPairing, isSupervised, isMandatory, isMdmRemovable,
                    isMultiUser, awaitDeviceConfigured, autoAdvanceSetup, isReturnToService, doNotUseProfileFromBackup,
                    supportPhoneNumber, supportEmailAddress, department, orgMagic, language, region, anchorCerts,
                    supervisingHostCerts, skipSetupItems, devices, profileUuid, extra);
        }
    }
}
