package io.jasyncio.http.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The http module's layering, as its package-info files state it: the shared types, the HTTP
 * codec and the WebSocket frame codec are sans-IO (the JDK only; no loop, no sockets); the server
 * and the client build on them and on core's exported API, WebSocket sits below both (each side
 * upgrades into it) and knows neither; nothing reaches into core's internals.
 */
class HttpLayeringTest {
    private static JavaClasses http;

    @BeforeAll
    static void importClasses() {
        http = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jasyncio.http");
        assertFalse(http.isEmpty(), "no classes of io.jasyncio.http were imported");
    }

    @Test
    void sharedTypesDependOnTheJdkAndOptionallyJacksonOnly() {
        ArchRule rule = classes().that().resideInAPackage("io.jasyncio.http")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.jasyncio.http", "com.fasterxml.jackson..");
        rule.check(http);
    }

    @Test
    void codecIsSansIo() {
        ArchRule rule = classes().that().resideInAPackage("io.jasyncio.http.codec")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java.lang..", "java.util..", "java.nio", "java.nio.charset..",
                        "java.math..", "io.jasyncio.http", "io.jasyncio.http.codec");
        rule.check(http);
    }

    @Test
    void webSocketFrameCodecIsSansIo() {
        ArchRule rule = classes().that().resideInAPackage("io.jasyncio.http.ws.frame")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java.lang..", "java.util..", "java.nio", "java.nio.charset..", "java.io",
                        "java.security..", "io.jasyncio.http", "io.jasyncio.http.ws.frame");
        rule.check(http);
    }

    @Test
    void webSocketKnowsNeitherTheServerNorTheClient() {
        noClasses().that().resideInAPackage("io.jasyncio.http.ws..")
                .should().dependOnClassesThat().resideInAnyPackage("io.jasyncio.http.server..", "io.jasyncio.http.client..")
                .check(http);
    }

    @Test
    void serverAndClientAreIndependent() {
        noClasses().that().resideInAPackage("io.jasyncio.http.client..")
                .should().dependOnClassesThat().resideInAPackage("io.jasyncio.http.server..")
                .check(http);
        noClasses().that().resideInAPackage("io.jasyncio.http.server..")
                .should().dependOnClassesThat().resideInAPackage("io.jasyncio.http.client..")
                .check(http);
    }

    @Test
    void nothingReachesIntoCoresInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.jasyncio.internal..").check(http);
    }

    @Test
    void httpPackagesFormNoCycle() {
        slices().matching("io.jasyncio.http.(*)..").should().beFreeOfCycles().check(http);
    }
}
