package dev.faultline.cli;

import dev.faultline.engine.BadInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Any text as a params file: read, or one line naming the file; never another exception. */
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
        Path file = Files.createTempFile("params", ".yaml");
        try {
            Files.writeString(file, text);
            try {
                ParamsFile.read(file);
            } catch (BadInputException e) {
                assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            }
        } finally {
            Files.delete(file);
        }
    }
}
