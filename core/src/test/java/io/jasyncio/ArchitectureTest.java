package io.jasyncio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jasyncio.internal.Kernel;
import io.jasyncio.loop.BaseEventLoop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering that each {@code package-info.java} states, checked on core's compiled
 * classes (issue 8), as trio checks its own with a test:
 * <pre>
 *   sync  queue  process
 *     \     |   /   |
 *      \    |  /  stream  ---&gt;  stream.tls
 *       \   | /     |
 *        io.jasyncio (tasks, futures, EventLoop, facade)
 *             |
 *        io.jasyncio.loop (scheduler, handles, timers, I/O backends: the loop SPI)
 *             |
 *        io.jasyncio.internal (continuation engine, kernel bridge; not exported)
 * </pre>
 * An arrow points at what a package may use; nothing points up.
 */
class ArchitectureTest {
    private static final String ROOT = "io.jasyncio";
    private static final String LOOP = "io.jasyncio.loop..";
    private static final String INTERNAL = "io.jasyncio.internal..";
    private static final String SYNC = "io.jasyncio.sync..";
    private static final String QUEUE = "io.jasyncio.queue..";
    private static final String STREAM = "io.jasyncio.stream..";
    private static final String PROCESS = "io.jasyncio.process..";
    private static final String FILE = "io.jasyncio.file..";

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void theImportSeesCoreClasses() {
        // Guards every rule below: a class file version the importer cannot read would leave
        // nothing imported, and every rule would pass on an empty set.
        assertTrue(core.contain(Task.class) && core.contain(BaseEventLoop.class) && core.contain(Kernel.class),
                "core's classes were not imported");
    }

    @Test
    void loopIsBelowTheTaskLayer() {
        noClasses().that().resideInAPackage(LOOP)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT, SYNC, QUEUE, STREAM, PROCESS)
                .because("the scheduler knows handles and callbacks, never Task, Future or Context (DESIGN.md §2)")
                .check(core);
    }

    @Test
    void internalDependsOnNothingInJasyncio() {
        noClasses().that().resideInAPackage(INTERNAL)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT, LOOP, SYNC, QUEUE, STREAM, PROCESS)
                .check(core);
    }

    @Test
    void internalIsUsedOnlyByTheTaskLayerAndTheLoop() {
        classes().that().resideInAPackage(INTERNAL)
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(ROOT, LOOP, INTERNAL)
                .because("sync, queue, stream and process use only the public API, as any user could")
                .check(core);
    }

    @Test
    void theTaskLayerDoesNotKnowThePackagesBuiltOnIt() {
        noClasses().that().resideInAPackage(ROOT)
                .should().dependOnClassesThat().resideInAnyPackage(SYNC, QUEUE, STREAM, PROCESS)
                .check(core);
    }

    @Test
    void syncAndQueueUseOnlyTheTaskAndLoopApi() {
        noClasses().that().resideInAnyPackage(SYNC, QUEUE)
                .should().dependOnClassesThat().resideInAnyPackage(STREAM, PROCESS)
                .check(core);
    }

    @Test
    void streamsDoNotKnowProcesses() {
        noClasses().that().resideInAPackage(STREAM)
                .should().dependOnClassesThat().resideInAnyPackage(PROCESS, SYNC, QUEUE)
                .check(core);
    }

    @Test
    void processesDoNotKnowSyncOrQueues() {
        noClasses().that().resideInAPackage(PROCESS)
                .should().dependOnClassesThat().resideInAnyPackage(SYNC, QUEUE)
                .check(core);
    }

    @Test
    void filesUseOnlyTheTaskLayerAndStreamsAndNothingInCoreUsesThem() {
        noClasses().that().resideInAPackage(FILE)
                .should().dependOnClassesThat().resideInAnyPackage(LOOP, SYNC, QUEUE, PROCESS)
                .check(core);
        noClasses().that().resideInAnyPackage(ROOT, LOOP, SYNC, QUEUE, STREAM, PROCESS)
                .should().dependOnClassesThat().resideInAPackage(FILE)
                .check(core);
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        // stream and stream.tls count as one slice here; the next rule splits them.
        slices().matching("io.jasyncio.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void streamAndTlsFormNoCycle() {
        slices().matching("io.jasyncio.(**)").should().beFreeOfCycles().check(core);
    }
}
