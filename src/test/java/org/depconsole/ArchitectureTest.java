package org.depconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of the house style (javafx-style.md §2, §5, §8). */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.depconsole");
    }

    @Test
    void domainDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("org.depconsole.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.depconsole.domain..", "java..", "javax.crypto..")
                .check(classes);
    }

    @Test
    void adaptersDependOnlyOnTheDomain() {
        for (String adapter : new String[] {"persistence", "appleapi", "crypto"}) {
            noClasses().that().resideInAPackage("org.depconsole." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherPackagesThan(adapter, "domain"))
                    .check(classes);
        }
    }

    @Test
    void coreNeverDependsOnTheUi() {
        noClasses().that().resideInAnyPackage("org.depconsole.service..", "org.depconsole.sync..", "org.depconsole.cli..",
                        "org.depconsole.simulator..", "org.depconsole.domain..", "org.depconsole.persistence..",
                        "org.depconsole.appleapi..", "org.depconsole.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("org.depconsole.ui..", "org.depconsole.app..")
                .check(classes);
    }

    @Test
    void simulatorUsesOnlyDomainCryptoAndTheJdk() {
        noClasses().that().resideInAPackage("org.depconsole.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("org.depconsole.persistence..", "org.depconsole.appleapi..",
                        "org.depconsole.service..", "org.depconsole.sync..", "okhttp3..")
                .check(classes);
    }

    @Test
    void uiNeverTouchesAdaptersDirectly() {
        noClasses().that().resideInAPackage("org.depconsole.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.depconsole.persistence..", "org.depconsole.appleapi..",
                        "org.depconsole.crypto..", "java.sql..", "okhttp3..", "org.bouncycastle..")
                .check(classes);
    }

    @Test
    void onlyUiAndAppUseJavaFx() {
        noClasses().that().resideOutsideOfPackages("org.depconsole.ui..", "org.depconsole.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
                .check(classes);
    }

    @Test
    void viewModelsUseOnlyJavaFxBase() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(classes);
    }

    @Test
    void onlyCryptoImportsBouncyCastle() {
        noClasses().that().resideOutsideOfPackage("org.depconsole.crypto..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .check(classes);
    }

    @Test
    void coreNeverCallsThePlatformThread() {
        noClasses().that().resideOutsideOfPackages("org.depconsole.ui..", "org.depconsole.app..")
                .should().dependOnClassesThat().haveFullyQualifiedName("javafx.application.Platform")
                .check(classes);
    }

    /** The one Logback extension: logback.xml names it so that log files are owner-only (javafx-style.md §6, §8). */
    private static final String LOG_APPENDER = "org.depconsole.app.OwnerOnlyRollingFileAppender";

    @Test
    void loggingGoesThroughSlf4jOnly() {
        noClasses().that().doNotHaveFullyQualifiedName("org.depconsole.app.Main").should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("output goes through SLF4J; the command line prints through picocli's writers")
                .check(classes);
        noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .because("output goes through SLF4J")
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName(LOG_APPENDER).should().dependOnClassesThat().resideInAPackage("ch.qos.logback..")
                .because("code logs through SLF4J; the one Logback class is the appender logback.xml names to keep log files owner-only")
                .check(classes);
        noClasses().that().doNotHaveFullyQualifiedName(LOG_APPENDER).should().dependOnClassesThat().haveFullyQualifiedName(LOG_APPENDER)
                .because("only logback.xml names the appender")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.depconsole.(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String[] otherPackagesThan(String... allowed) {
        var all = new java.util.ArrayList<>(java.util.List.of("persistence", "appleapi", "crypto", "service", "sync", "cli",
                "simulator", "ui", "app"));
        all.removeAll(java.util.List.of(allowed));
        return all.stream().map(p -> "org.depconsole." + p + "..").toArray(String[]::new);
    }
}
