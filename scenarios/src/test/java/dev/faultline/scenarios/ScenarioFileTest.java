package dev.faultline.scenarios;

import dev.faultline.engine.BadInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scenario file's mistakes are reported as FILE:LINE: what is wrong, before anything runs. */
class ScenarioFileTest {
    private static final String GOOD = """
            name: mine
            summary: a composition
            workload: multi-writer
            parameters:
              writers: 4
            faults:
              - fault: disk-full
                from: 0.3
                until: 0.7
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "workload: multi-writer|workload: nope|3|unknown workload 'nope' (known: multi-writer, generated-history)",
            "  writers: 4|  writers: 1|5|writers of parameters of workload multi-writer: 1 is outside 2..256",
            "  writers: 4|  writerz: 4|5|unknown setting 'writerz' for parameters of workload multi-writer (it takes: writers,",
            "    until: 0.7|    until: 0.2|9|until (0.2) must come after from (0.3)",
            "    until: 0.7|    until: 1.5|9|'1.5' is not a share of the workload between 0 and 1",
            "  - fault: disk-full|  - fault: full-disk|7|unknown fault 'full-disk' (known: disk-full, eperm-rename, io-error, slow-disk, link-down)",
            "    from: 0.3|    headroomBytes: lots|8|headroomBytes of fault disk-full: 'lots' is not a whole number",
            "name: mine|name: multi-writer|1|name 'multi-writer' is already a scenario; choose another",
            "name: mine|name: Mine Too|1|name 'Mine Too' must be lower-case letters, digits and '-'",
            "summary: a composition|summary: a composition\\nsummary: again|3|duplicate key 'summary' (first on line 2)",
            "workload: multi-writer|workloads: multi-writer|3|unknown field 'workloads'",
            "name: mine|name: mine\\n\\tbad: tab|2|not valid YAML",
    })
    void aMistakeIsNamedWithItsLine(String replace, String with, int line, String message, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("composed.yaml");
        Files.writeString(file, GOOD.replace(replace, with.replace("\\n", "\n").replace("\\t", "\t")));
        assertThatThrownBy(() -> ScenarioFile.read(file, Set.of("multi-writer")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(message);
    }
}
