package dev.faultline.cli;

import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Catalog;
import dev.faultline.scenarios.ScenarioFile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Any text as a params file or a scenario file: read, or one line naming the file; never another exception. */
class ParamsFileFuzzTest {

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> pieces = Arbitraries.of("multi-writer:", "  writers: 4", "  writers: [", "adapter:", "  durability: put",
                "write-storm:\n  bursts: \"50;20x3\"", "- a", "{", "}", "  bad: {x: 1}", "\t", ": :", "&a *a", "'", "\"", "---", "#c",
                "cold-start:\n  records: -1", "nope:", "  keysPerWriter: 1e9", "\"multi-\\nwriter\": {}", "? |\n  a\n  b\n: 1");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(8).map(l -> String.join("\n", l)), Arbitraries.strings().ofMaxLength(80));
    }

    @Property(tries = 1000)
    void anyTextIsReadOrReportedOnOneLine(@ForAll("yamlish") String text) throws IOException {
        readOrReport(text, file -> ParamsFile.read(file, Catalog.scenarios()));
    }

    @Property(tries = 1000)
    void anyTextAsAScenarioFileIsReadOrReportedOnOneLine(@ForAll("scenarioish") String text) throws IOException {
        readOrReport(text, file -> ScenarioFile.read(file, Set.of("multi-writer")));
    }

    private static void readOrReport(String text, Consumer<Path> reader) throws IOException {
        Path file = Files.createTempFile("faultline-fuzz", ".yaml");
        try {
            Files.writeString(file, text);
            try {
                reader.accept(file);
            } catch (BadInputException e) {
                assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            }
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> scenarioish() {
        Arbitrary<String> pieces = Arbitraries.of("name: mw-df", "name: multi-writer", "name: Bad Name", "summary: s", "workload: multi-writer",
                "workload: nope", "parameters:", "  writers: 4", "  writers: 1", "  nope: 2", "faults:", "  - fault: disk-full",
                "    from: 0.3", "    until: 0.2", "    until: 2", "    headroomBytes: x", "  - fault: nope", "  - {}", "control: maybe",
                "control: false", "incidents: [a, b]", "incidents: x", "- a", "{", "\t", "&a *a", "'", "---", "extra: 1", "name: [a]");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(10).map(l -> String.join("\n", l)), Arbitraries.strings().ofMaxLength(80));
    }
}
