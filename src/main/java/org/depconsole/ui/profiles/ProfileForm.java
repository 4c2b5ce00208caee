package org.depconsole.ui.profiles;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.profile.LintIssue;
import org.depconsole.domain.profile.Platform;
import org.depconsole.service.CertificateFiles;

/**
 * The profile editor's form: every field of dep-api.md §5.1 as a property, checked against Apple's rules on every
 * change. A field's findings are <em>shown</em> only once the admin has left that field, changed an option, or pressed
 * Define ({@link #revealAll()}); a stored or imported profile shows all of them at once. Nothing is shown for a new,
 * untouched form, so nobody is told off before typing.
 */
public final class ProfileForm {

    /** The Apple field names the form checks, in the order of the editor (the order findings are listed in). */
    public static final List<String> FIELDS = List.of("profile_name", "url", "configuration_web_url", "support_phone_number",
            "support_email_address", "department", "org_magic", "language", "region", "is_supervised", "allow_pairing", "is_mandatory",
            "is_mdm_removable", "await_device_configured", "auto_advance_setup", "is_multi_user", "is_return_to_service",
            "do_not_use_profile_from_backup", "anchor_certs", "supervising_host_certs", "skip_setup_items", "devices");

    private final BiFunction<Profile, Set<Platform>, List<LintIssue>> linter;
    private final Function<String, CertificateFiles.Certificate> unreadable;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty configurationWebUrl = new SimpleStringProperty("");
    private final StringProperty supportPhone = new SimpleStringProperty("");
    private final StringProperty supportEmail = new SimpleStringProperty("");
    private final StringProperty department = new SimpleStringProperty("");
    private final StringProperty orgMagic = new SimpleStringProperty("");
    private final StringProperty language = new SimpleStringProperty("");
    private final StringProperty region = new SimpleStringProperty("");
    private final BooleanProperty supervised = new SimpleBooleanProperty(true);
    private final BooleanProperty allowPairing = new SimpleBooleanProperty(true);
    private final BooleanProperty mandatory = new SimpleBooleanProperty(false);
    private final BooleanProperty removable = new SimpleBooleanProperty(true);
    private final BooleanProperty awaitConfigured = new SimpleBooleanProperty(false);
    private final BooleanProperty autoAdvance = new SimpleBooleanProperty(false);
    private final BooleanProperty multiUser = new SimpleBooleanProperty(false);
    private final BooleanProperty returnToService = new SimpleBooleanProperty(false);
    private final BooleanProperty noBackupProfile = new SimpleBooleanProperty(false);
    private final ObservableSet<Platform> platforms = FXCollections.observableSet(EnumSet.allOf(Platform.class));
    private final ObservableSet<String> skipped = FXCollections.observableSet(new TreeSet<>());
    private final ObservableList<CertificateFiles.Certificate> anchorCerts = FXCollections.observableArrayList();
    private final ObservableList<CertificateFiles.Certificate> hostCerts = FXCollections.observableArrayList();
    private Map<String, Object> extra = Map.of();

    private final ObservableList<LintIssue> issues = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper errorCount = new ReadOnlyIntegerWrapper(0);
    private final Set<String> revealed = new java.util.HashSet<>();
    private boolean revealAll;
    private final ObservableList<LintIssue> shownIssues = FXCollections.observableArrayList();
    private final ObservableMap<String, LintIssue.Severity> shownSeverity = FXCollections.observableHashMap();
    private final ReadOnlyIntegerWrapper shownErrors = new ReadOnlyIntegerWrapper(0);
    private boolean loading;

    /**
     * @param linter     Apple's rules (the service's profile check)
     * @param unreadable what a stored certificate that cannot be read is shown as
     */
    public ProfileForm(BiFunction<Profile, Set<Platform>, List<LintIssue>> linter, Function<String, CertificateFiles.Certificate> unreadable) {
        this.linter = linter;
        this.unreadable = unreadable;
        Observable[] texts = {name, url, configurationWebUrl, supportPhone, supportEmail, department, orgMagic, language, region};
        for (Observable o : texts) {
            o.addListener(x -> changed(null));
        }
        // an option, a platform, a pane or a certificate is decided by one click: its findings show at once
        watch(supervised, "is_supervised");
        watch(allowPairing, "allow_pairing");
        watch(mandatory, "is_mandatory");
        watch(removable, "is_mdm_removable");
        watch(awaitConfigured, "await_device_configured");
        watch(autoAdvance, "auto_advance_setup");
        watch(multiUser, "is_multi_user");
        watch(returnToService, "is_return_to_service");
        watch(noBackupProfile, "do_not_use_profile_from_backup");
        watch(skipped, "skip_setup_items");
        watch(anchorCerts, "anchor_certs");
        watch(hostCerts, "supervising_host_certs");
        platforms.addListener((javafx.collections.SetChangeListener<Platform>) c -> {
            if (!loading) {
                // what the platforms ignore is said on the options, the locale and the panes
                revealed.addAll(List.of("is_multi_user", "auto_advance_setup", "is_return_to_service", "do_not_use_profile_from_backup",
                        "language", "region", "skip_setup_items"));
                lint();
            }
        });
        lint();
    }

    private void watch(Observable o, String field) {
        o.addListener(x -> changed(field));
    }

    private void changed(String revealField) {
        if (loading) {
            return;
        }
        if (revealField != null) {
            revealed.add(revealField);
        }
        lint();
    }

    /** The admin left {@code field} (an Apple field name): its findings show from now on. */
    public void leave(String field) {
        if (revealed.add(field)) {
            show();
        }
    }

    /** Define was pressed (or a stored profile was opened): every finding shows. */
    public void revealAll() {
        revealAll = true;
        show();
    }

    /** Puts a profile into the form; nothing is shown until {@link #revealAll()} or the fields are visited. */
    public void load(Profile p) {
        loading = true;
        try {
            name.set(nz(p.profileName()));
            url.set(nz(p.url()));
            configurationWebUrl.set(nz(p.configurationWebUrl()));
            supportPhone.set(nz(p.supportPhoneNumber()));
            supportEmail.set(nz(p.supportEmailAddress()));
            department.set(nz(p.department()));
            orgMagic.set(nz(p.orgMagic()));
            language.set(nz(p.language()));
            region.set(nz(p.region()));
            supervised.set(!Boolean.FALSE.equals(p.isSupervised()));
            allowPairing.set(!Boolean.FALSE.equals(p.allowPairing()));
            mandatory.set(Boolean.TRUE.equals(p.isMandatory()));
            removable.set(!Boolean.FALSE.equals(p.isMdmRemovable()));
            awaitConfigured.set(Boolean.TRUE.equals(p.awaitDeviceConfigured()));
            autoAdvance.set(Boolean.TRUE.equals(p.autoAdvanceSetup()));
            multiUser.set(Boolean.TRUE.equals(p.isMultiUser()));
            returnToService.set(Boolean.TRUE.equals(p.isReturnToService()));
            noBackupProfile.set(Boolean.TRUE.equals(p.doNotUseProfileFromBackup()));
            skipped.clear();
            if (p.skipSetupItems() != null) {
                skipped.addAll(p.skipSetupItems());
            }
            anchorCerts.setAll(certs(p.anchorCerts()));
            hostCerts.setAll(certs(p.supervisingHostCerts()));
            extra = p.extra();
            revealed.clear();
            revealAll = false;
        } finally {
            loading = false;
        }
        lint();
    }

    /** An empty form for a new profile (supervised, removable: Apple's usual choice). */
    public void clear() {
        load(Profile.builder("", "").isSupervised(true).allowPairing(true).isMdmRemovable(true).build());
    }

    private List<CertificateFiles.Certificate> certs(List<String> base64) {
        List<CertificateFiles.Certificate> out = new ArrayList<>();
        if (base64 != null) {
            for (String b : base64) {
                try {
                    out.add(CertificateFiles.fromBase64(b));
                } catch (RuntimeException e) {
                    out.add(unreadable.apply(b));
                }
            }
        }
        return out;
    }

    /** The form as Apple's profile. */
    public Profile toProfile() {
        return Profile.builder(name.get().strip(), url.get().strip())
                .configurationWebUrl(blank(configurationWebUrl.get()))
                .supportPhoneNumber(blank(supportPhone.get()))
                .supportEmailAddress(blank(supportEmail.get()))
                .department(blank(department.get()))
                .orgMagic(blank(orgMagic.get()))
                .language(blank(language.get()))
                .region(blank(region.get()))
                .isSupervised(supervised.get())
                .allowPairing(allowPairing.get() ? null : Boolean.FALSE) // Apple's defaults are not sent: both are ignored since iOS 13
                .isMandatory(mandatory.get() ? Boolean.TRUE : null)
                .isMdmRemovable(removable.get())
                .awaitDeviceConfigured(awaitConfigured.get())
                .autoAdvanceSetup(autoAdvance.get())
                .isMultiUser(multiUser.get())
                .isReturnToService(returnToService.get())
                .doNotUseProfileFromBackup(noBackupProfile.get())
                .skipSetupItems(skipped.isEmpty() ? null : List.copyOf(skipped))
                .anchorCerts(anchorCerts.isEmpty() ? null : anchorCerts.stream().map(CertificateFiles.Certificate::base64Der).toList())
                .supervisingHostCerts(hostCerts.isEmpty() ? null : hostCerts.stream().map(CertificateFiles.Certificate::base64Der).toList())
                .extra(extra)
                .build();
    }

    /** Checks the form as it is; errors block defining, warnings do not. */
    public void lint() {
        List<LintIssue> found = linter.apply(toProfile(), Set.copyOf(platforms));
        errorCount.set((int) found.stream().filter(LintIssue::isError).count());
        issues.setAll(found);
        show();
    }

    private void show() {
        List<LintIssue> shown = new ArrayList<>();
        for (LintIssue i : issues) {
            if (revealAll || revealed.contains(i.field())) {
                shown.add(i);
            }
        }
        shown.sort(java.util.Comparator.comparingInt(i -> {
            int at = FIELDS.indexOf(i.field());
            return at < 0 ? FIELDS.size() : at;
        }));
        Map<String, LintIssue.Severity> worst = new LinkedHashMap<>();
        for (LintIssue i : shown) {
            worst.merge(i.field(), i.severity(), (a, b) -> a == LintIssue.Severity.ERROR || b == LintIssue.Severity.ERROR
                    ? LintIssue.Severity.ERROR : LintIssue.Severity.WARNING);
        }
        // the decorations and counts first: listeners of the shown list read them
        shownSeverity.keySet().retainAll(worst.keySet());
        shownSeverity.putAll(worst);
        shownErrors.set((int) shown.stream().filter(LintIssue::isError).count());
        if (!shown.equals(shownIssues)) {
            shownIssues.setAll(shown);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // --- what the view binds ---

    /** Every finding, shown or not (Define refuses while one is an error). */
    public ObservableList<LintIssue> issues() {
        return issues;
    }

    public ReadOnlyIntegerProperty errorCountProperty() {
        return errorCount.getReadOnlyProperty();
    }

    /** The findings the admin should see now, in the editor's order. */
    public ObservableList<LintIssue> shownIssues() {
        return shownIssues;
    }

    /** Field → the worst shown finding on it, for the field's error or warning decoration. */
    public ObservableMap<String, LintIssue.Severity> shownSeverity() {
        return shownSeverity;
    }

    public ReadOnlyIntegerProperty shownErrorsProperty() {
        return shownErrors.getReadOnlyProperty();
    }

    public ObservableSet<Platform> platforms() {
        return platforms;
    }

    public ObservableSet<String> skipped() {
        return skipped;
    }

    public ObservableList<CertificateFiles.Certificate> anchorCerts() {
        return anchorCerts;
    }

    public ObservableList<CertificateFiles.Certificate> hostCerts() {
        return hostCerts;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty configurationWebUrlProperty() {
        return configurationWebUrl;
    }

    public StringProperty supportPhoneProperty() {
        return supportPhone;
    }

    public StringProperty supportEmailProperty() {
        return supportEmail;
    }

    public StringProperty departmentProperty() {
        return department;
    }

    public StringProperty orgMagicProperty() {
        return orgMagic;
    }

    public StringProperty languageProperty() {
        return language;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public BooleanProperty supervisedProperty() {
        return supervised;
    }

    public BooleanProperty allowPairingProperty() {
        return allowPairing;
    }

    public BooleanProperty mandatoryProperty() {
        return mandatory;
    }

    public BooleanProperty removableProperty() {
        return removable;
    }

    public BooleanProperty awaitConfiguredProperty() {
        return awaitConfigured;
    }

    public BooleanProperty autoAdvanceProperty() {
        return autoAdvance;
    }

    public BooleanProperty multiUserProperty() {
        return multiUser;
    }

    public BooleanProperty returnToServiceProperty() {
        return returnToService;
    }

    public BooleanProperty noBackupProfileProperty() {
        return noBackupProfile;
    }
}
