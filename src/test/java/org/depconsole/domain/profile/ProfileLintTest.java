package org.depconsole.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.profile.LintIssue.Severity;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link ProfileLint}. */
class ProfileLintTest {

    private final ProfileLint lint = new ProfileLint(SkipKeyCatalog.load());

    private static Profile valid() {
        return Profile.builder("Lab Macs", "https://mdm.example.org/enroll").isSupervised(true).isMdmRemovable(false)
                .supportEmailAddress("it@example.org").supportPhoneNumber("+1 555 0100").department("IT")
                .language("en").region("US").skipSetupItems(List.of("AppleID", "Siri")).build();
    }

    private List<LintIssue> check(UnaryOperator<Profile.Builder> change) {
        return lint.check(change.apply(valid().toBuilder()).build());
    }

    private List<LintIssue> check(Set<Platform> platforms, UnaryOperator<Profile.Builder> change) {
        return lint.check(change.apply(valid().toBuilder()).build(), platforms);
    }

    private static void assertOnly(List<LintIssue> issues, Severity severity, String field, String key) {
        assertThat(issues).as(issues.toString()).extracting(LintIssue::field, LintIssue::severity, LintIssue::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, severity, key));
        assertThat(issues.get(0).message()).doesNotContain("profiles.lint").contains(":");
    }

    @Test
    void aValidProfileHasNoFindings() {
        assertThat(lint.check(valid())).isEmpty();
        assertThat(ProfileLint.hasErrors(lint.check(valid()))).isFalse();
    }

    @Test
    void nameIsRequiredAndLimited() {
        assertOnly(check(b -> b.profileName("  ")), Severity.ERROR, "profile_name", "profiles.lint.nameRequired");
        assertOnly(check(b -> b.profileName("x".repeat(126))), Severity.ERROR, "profile_name", "profiles.lint.nameTooLong");
        assertThat(check(b -> b.profileName("é".repeat(125)))).isEmpty();
    }

    @Test
    void urlIsRequiredValidAndHttps() {
        assertOnly(check(b -> b.url("")), Severity.ERROR, "url", "profiles.lint.urlRequired");
        assertOnly(check(b -> b.url("mdm.example.org/enroll")), Severity.ERROR, "url", "profiles.lint.urlInvalid");
        assertOnly(check(b -> b.url("https://bad host/")), Severity.ERROR, "url", "profiles.lint.urlInvalid");
        assertOnly(check(b -> b.url("https://mdm.example.org/" + "a".repeat(2000))), Severity.ERROR, "url", "profiles.lint.urlInvalid");
        assertOnly(check(b -> b.url("http://mdm.example.org/enroll")), Severity.ERROR, "url", "profiles.lint.urlNotHttps");
        assertOnly(check(b -> b.configurationWebUrl("http://auth.example.org")), Severity.ERROR, "configuration_web_url",
                "profiles.lint.urlNotHttps");
    }

    @Test
    void lengthLimitsOfOptionalTexts() {
        assertOnly(check(b -> b.department("d".repeat(126))), Severity.ERROR, "department", "profiles.lint.departmentTooLong");
        assertOnly(check(b -> b.orgMagic("m".repeat(257))), Severity.ERROR, "org_magic", "profiles.lint.magicTooLong");
        assertThat(check(b -> b.department(" ").orgMagic(""))).as("blank optional strings are not sent").isEmpty();
    }

    @Test
    void emailIsRefusedOnlyWhenTooLongAndAnOddShapeIsAWarning() {
        // Apple refuses only an empty or over-long address (dep-api.md §5.2)
        assertOnly(check(b -> b.supportEmailAddress("a@" + "b".repeat(250) + ".org")), Severity.ERROR, "support_email_address",
                "profiles.lint.emailTooLong");
        assertOnly(check(b -> b.supportEmailAddress("Ask the IT desk")), Severity.WARNING, "support_email_address",
                "profiles.lint.emailUnusual");
        assertThat(check(b -> b.supportEmailAddress("it@localhost"))).isEmpty();
        assertThat(check(b -> b.supportEmailAddress("e".repeat(240) + "@x.org"))).isEmpty();
    }

    @Test
    void phoneIsRefusedOnlyWhenTooLongAndAnOddShapeIsAWarning() {
        assertOnly(check(b -> b.supportPhoneNumber("1".repeat(51))), Severity.ERROR, "support_phone_number", "profiles.lint.phoneTooLong");
        assertOnly(check(b -> b.supportPhoneNumber("call the help desk")), Severity.WARNING, "support_phone_number",
                "profiles.lint.phoneUnusual");
        assertOnly(check(b -> b.supportPhoneNumber("ext. 12 #4")), Severity.WARNING, "support_phone_number", "profiles.lint.phoneUnusual");
        assertThat(check(b -> b.supportPhoneNumber("(030) 123-456 ext. 12"))).isEmpty();
        assertThat(check(b -> b.supportPhoneNumber("+1 877 527 7454"))).isEmpty();
        assertThat(check(b -> b.supportPhoneNumber("+1 800 MY APPLE"))).isEmpty();
    }

    @Test
    void aProfileAppleStoredWithFreeTextSupportFieldsCanBeDefined() {
        var issues = check(b -> b.supportPhoneNumber("Call +1 877 527 7454 (24/7)!").supportEmailAddress("IT desk, room 4"));
        assertThat(issues).extracting(LintIssue::severity).containsOnly(Severity.WARNING).hasSize(2);
        assertThat(ProfileLint.hasErrors(issues)).isFalse();
    }

    @Test
    void notRemovableRequiresSupervised() {
        assertOnly(check(b -> b.isSupervised(null)), Severity.ERROR, "is_mdm_removable", "profiles.lint.notRemovableNeedsSupervised");
        assertThat(check(b -> b.isSupervised(false))).extracting(LintIssue::messageKey)
                .contains("profiles.lint.notRemovableNeedsSupervised", "profiles.lint.supervisedIgnored");
        assertThat(check(b -> b.isSupervised(null).isMdmRemovable(true))).isEmpty();
    }

    @Test
    void languageAndRegionPair() {
        assertOnly(check(b -> b.language("english")), Severity.ERROR, "language", "profiles.lint.languageInvalid");
        assertOnly(check(b -> b.language("EN")), Severity.ERROR, "language", "profiles.lint.languageInvalid");
        assertOnly(check(b -> b.region("us")), Severity.ERROR, "region", "profiles.lint.regionInvalid");
        assertOnly(check(b -> b.language(null)), Severity.WARNING, "region", "profiles.lint.regionWithoutLanguage");
        assertThat(check(b -> b.language("deu").region(null))).isEmpty();
    }

    @Test
    void certificatesAreBase64Der() {
        assertOnly(check(b -> b.anchorCerts(List.of("-----BEGIN CERTIFICATE-----MIIB-----END CERTIFICATE-----"))), Severity.ERROR,
                "anchor_certs", "profiles.lint.certificateInvalid");
        assertOnly(check(b -> b.supervisingHostCerts(List.of("not base64!"))), Severity.ERROR, "supervising_host_certs",
                "profiles.lint.certificateInvalid");
        assertThat(check(b -> b.anchorCerts(List.of("MIIBCgKCAQEA")))).isEmpty();
    }

    @Test
    void atMostAThousandDevicesInTheDefineCall() {
        assertOnly(check(b -> b.devices(Collections.nCopies(1001, "C02X"))), Severity.ERROR, "devices", "profiles.lint.tooManyDevices");
    }

    @Test
    void deprecatedFlagsWarn() {
        assertOnly(check(b -> b.allowPairing(true)), Severity.WARNING, "allow_pairing", "profiles.lint.allowPairingDeprecated");
        assertOnly(check(b -> b.isMandatory(false)), Severity.WARNING, "is_mandatory", "profiles.lint.mandatoryIgnored");
    }

    @Test
    void multiUserNeedsItsNoteAndIOS() {
        assertOnly(check(b -> b.isMultiUser(true)), Severity.WARNING, "is_multi_user", "profiles.lint.multiUserNote");
        assertThat(check(EnumSet.of(Platform.MACOS), b -> b.isMultiUser(true).skipSetupItems(null))).extracting(LintIssue::messageKey)
                .containsExactly("profiles.lint.ignoredByPlatforms");
    }

    @Test
    void optionsThePlatformsIgnoreWarn() {
        assertThat(check(EnumSet.of(Platform.IOS), b -> b.autoAdvanceSetup(true))).extracting(LintIssue::field)
                .containsExactly("auto_advance_setup", "language");
        assertThat(check(EnumSet.of(Platform.MACOS), b -> b.isReturnToService(true).doNotUseProfileFromBackup(true)))
                .extracting(LintIssue::field).containsExactly("is_return_to_service", "do_not_use_profile_from_backup");
    }

    @Test
    void skipKeysUnknownMiscasedDeprecatedOrForOtherPlatforms() {
        assertOnly(check(b -> b.skipSetupItems(List.of("Sirri"))), Severity.WARNING, "skip_setup_items", "profiles.lint.skipKeyUnknown");
        assertOnly(check(b -> b.skipSetupItems(List.of("siri"))), Severity.WARNING, "skip_setup_items", "profiles.lint.skipKeyCase");
        assertOnly(check(b -> b.skipSetupItems(List.of("Zoom"))), Severity.WARNING, "skip_setup_items", "profiles.lint.skipKeyDeprecated");
        assertThat(check(EnumSet.of(Platform.IOS), b -> b.skipSetupItems(List.of("FileVault")).language(null).region(null)))
                .extracting(LintIssue::messageKey).containsExactly("profiles.lint.skipKeyPlatform");
    }

    @Test
    void unknownSkipKeysAreOneWarningWithoutDuplicatesAndAnErrorAboveTheCap() {
        List<String> some = new java.util.ArrayList<>(List.of("Sirri", "NewPane", "Sirri", "AppleID"));
        List<LintIssue> issues = check(b -> b.skipSetupItems(some));
        assertOnly(issues, Severity.WARNING, "skip_setup_items", "profiles.lint.skipKeyUnknown");
        assertThat(issues.get(0).message()).contains("2 Setup Assistant keys are unknown", "\"Sirri\", \"NewPane\"")
                .doesNotContain("Sirri\", \"Sirri");

        // the issue's case: 10,000 unknown keys were 10,001 warnings and went to Apple
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add("Pane" + (i % 5_000));
        }
        issues = check(b -> b.skipSetupItems(many));
        assertOnly(issues, Severity.ERROR, "skip_setup_items", "profiles.lint.skipKeysTooManyUnknown");
        assertThat(issues.get(0).message()).startsWith("5,000 Setup Assistant keys are unknown (\"Pane0\", ").contains("…")
                .hasSizeLessThan(400);

        List<String> atCap = java.util.stream.IntStream.range(0, ProfileLint.UNKNOWN_SKIP_KEYS_MAX).mapToObj(i -> "Pane" + i).toList();
        assertOnly(check(b -> b.skipSetupItems(atCap)), Severity.WARNING, "skip_setup_items", "profiles.lint.skipKeyUnknown");
        List<String> overCap = java.util.stream.IntStream.range(0, ProfileLint.UNKNOWN_SKIP_KEYS_MAX + 1).mapToObj(i -> "Pane" + i).toList();
        assertOnly(check(b -> b.skipSetupItems(overCap)), Severity.ERROR, "skip_setup_items", "profiles.lint.skipKeysTooManyUnknown");
    }
}
