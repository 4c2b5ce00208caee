package org.depconsole.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.depconsole.domain.Messages;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.profile.LintIssue;
import org.depconsole.domain.profile.Platform;
import org.depconsole.testsupport.SimulatedServer;
import org.depconsole.ui.Background;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Profiles tab without the toolkit: a real store and the simulator, same-thread executors. */
class ProfilesViewModelTest {

    @TempDir
    Path dir;

    final ResourceBundle bundle = Messages.bundle(Locale.ENGLISH);
    final Background sameThread = new Background(Runnable::run, Runnable::run);
    SimulatedServer server;
    ProfilesViewModel vm;

    @BeforeEach
    void open() {
        server = SimulatedServer.start(dir, 40);
        vm = new ProfilesViewModel(server.core().profiles(), server.core().defaultProfiles(), sameThread, bundle);
        vm.setServer(server.id());
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aNewFormShowsNothingUntilAFieldIsLeftThenOnlyThatFieldsFindings() {
        ProfileForm form = vm.form();
        vm.newProfile();
        assertThat(form.issues()).as("the empty form has errors (name, URL)").extracting(LintIssue::field).contains("profile_name", "url");
        assertThat(form.shownIssues()).as("but they are not shown before anything is typed").isEmpty();

        form.nameProperty().set("Lab");
        form.urlProperty().set("http://mdm.example.org");
        assertThat(form.shownIssues()).as("not while typing").isEmpty();
        form.leave("url");
        assertThat(form.shownIssues()).extracting(LintIssue::messageKey).containsExactly("profiles.lint.urlNotHttps");
        assertThat(form.shownSeverity()).containsEntry("url", LintIssue.Severity.ERROR).doesNotContainKey("profile_name");
        assertThat(form.shownErrorsProperty().get()).isEqualTo(1);

        // one click on an option shows what it causes at once
        form.multiUserProperty().set(true);
        assertThat(form.shownSeverity()).containsEntry("is_multi_user", LintIssue.Severity.WARNING);

        form.urlProperty().set("https://mdm.example.org");
        assertThat(form.shownSeverity()).doesNotContainKey("url");
    }

    @Test
    void defineWithAnErrorShowsEveryFindingAndSendsNothing() {
        vm.newProfile();
        vm.form().urlProperty().set("https://mdm.example.org/enroll");
        long before = server.sim().control().requestCount("/profile");
        vm.define();
        assertThat(vm.form().shownIssues()).extracting(LintIssue::field).containsExactly("profile_name");
        assertThat(vm.messageProperty().get()).startsWith("The profile has 1 error");
        assertThat(vm.messageErrorProperty().get()).isTrue();
        assertThat(server.sim().control().requestCount("/profile")).isEqualTo(before);
        assertThat(vm.presets()).isEmpty();
    }

    @Test
    void defineStoresAVersionRecordsApplesUuidAndListsThePreset() {
        vm.newProfile();
        vm.form().nameProperty().set("Lab Macs");
        vm.form().urlProperty().set("https://mdm.example.org/enroll");
        // free-text support fields are warnings: Apple accepts them
        vm.form().supportPhoneProperty().set("+1 800 MY APPLE");
        vm.form().supportEmailProperty().set("it@localhost");
        vm.define();
        assertThat(vm.messageProperty().get()).startsWith("Defined \"Lab Macs\" version 1 on Apple as ");
        assertThat(vm.presets()).singleElement().satisfies(row -> {
            assertThat(row.name()).isEqualTo("Lab Macs");
            assertThat(row.version()).isEqualTo(1);
            assertThat(row.uuid()).matches("[0-9A-F]{32}");
        });
        assertThat(vm.selectedProperty().get()).as("the defined preset is selected").isNotNull();
        assertThat(vm.versions()).singleElement().asString().startsWith("v1");
        assertThat(vm.defaultChoices()).containsExactly("Lab Macs");

        // a stored profile opened again shows its findings at once (nobody is typing)
        vm.setServer(server.id());
        vm.selectedProperty().set(vm.presets().get(0));
        assertThat(vm.form().nameProperty().get()).isEqualTo("Lab Macs");
        assertThat(vm.form().supportPhoneProperty().get()).isEqualTo("+1 800 MY APPLE");
    }

    @Test
    void savingANewVersionKeepsThePresetAndCountsUp() {
        vm.newProfile();
        vm.form().nameProperty().set("Carts");
        vm.form().urlProperty().set("https://mdm.example.org/enroll");
        vm.saveVersion();
        assertThat(vm.presets()).extracting(ProfilesViewModel.PresetRow::name).containsExactly("Carts");
        vm.form().departmentProperty().set("Science");
        vm.saveVersion();
        assertThat(vm.presets()).singleElement().extracting(ProfilesViewModel.PresetRow::version).isEqualTo(2);
        assertThat(vm.messageProperty().get()).contains("Carts", "2");
        assertThat(vm.presets().get(0).uuid()).as("saved, not defined").isEmpty();
    }

    @Test
    void importedJsonFillsTheFormAndShowsItsFindingsExportWritesItBack() throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"profile_name\":\"Imported\",\"url\":\"https://mdm.example.org/e\",\"region\":\"US\","
                + "\"skip_setup_items\":[\"Siri\",\"NoSuchPane\",\"NoSuchPane\"]}");
        vm.importJson(in);
        assertThat(vm.form().nameProperty().get()).isEqualTo("Imported");
        assertThat(vm.form().shownIssues()).extracting(LintIssue::messageKey)
                .contains("profiles.lint.regionWithoutLanguage", "profiles.lint.skipKeyUnknown");
        assertThat(vm.form().shownErrorsProperty().get()).isZero();
        Path out = dir.resolve("out.json");
        vm.exportJson(out);
        Profile back = org.depconsole.service.ProfileService.importJson(Files.readString(out));
        assertThat(back.profileName()).isEqualTo("Imported");
        assertThat(back.skipSetupItems()).containsExactly("NoSuchPane", "Siri");
    }

    @Test
    void selectAllOfAPlatformSkipsItsCurrentPanesOnly() {
        vm.newProfile();
        vm.selectAll(Platform.TVOS, true);
        List<String> tv = vm.skipKeys().stream().filter(k -> k.on(Platform.TVOS).isPresent() && !k.deprecated()).map(k -> k.key()).toList();
        assertThat(vm.form().skipped()).containsExactlyInAnyOrderElementsOf(tv);
        vm.selectAll(Platform.TVOS, false);
        assertThat(vm.form().skipped()).isEmpty();
    }
}
