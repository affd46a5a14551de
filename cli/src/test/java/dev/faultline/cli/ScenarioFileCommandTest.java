package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --scenario-file}: the README's composition runs beside a catalogue scenario, and a mistake is one line with exit 2. */
class ScenarioFileCommandTest {
    static final Path EXAMPLE = Path.of("..", "scenarios", "compositions", "multi-writer-disk-full.yaml");

    @TempDir
    Path dir;

    @Test
    void theReadmesCompositionRunsWithACatalogueScenarioAndItsParameters() throws Exception {
        Path reports = dir.resolve("reports");
        Cli r = Cli.faultline("run", "--scenario-file", EXAMPLE.toString(), "--scenario", "multi-writer",
                "--param", "multi-writer-disk-full.writers=4", "--param", "keysPerWriter=40", "--adapter", "reference", "--seed", "1",
                "--report-dir", reports.toString(), "--work-dir", dir.resolve("work").toString(), "--quiet");
        assertThat(r.status()).as(r.err() + r.out()).isZero();
        JsonNode results = new ObjectMapper().readTree(reports.resolve("result.json").toFile()).get("results");
        assertThat(results).hasSize(2);
        JsonNode composed = results.get(1);
        assertThat(composed.get("scenario").asText()).isEqualTo("multi-writer-disk-full");
        assertThat(composed.get("verdict").asText()).isEqualTo("PASS");
        assertThat(composed.get("parameters").get("writers").asText()).isEqualTo("4");
        assertThat(composed.get("parameters").get("keysPerWriter").asText()).isEqualTo("40");
    }

    @Test
    void aMistakeInTheFileIsOneLineNamingFileAndLineAndNothingRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "name: mine\nsummary: s\nworkload: multi-writer\nfaults:\n  - fault: full-disk\n");
        Cli r = Cli.faultline("run", "--scenario-file", file.toString(), "--adapter", "reference", "--report-dir", dir.resolve("r").toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("faultline: " + file + ":5: unknown fault 'full-disk'").doesNotContain("\n");
        assertThat(dir.resolve("r").resolve("result.json")).doesNotExist();
    }

    @Test
    void listShowsPresetsAndBuildingBlocks() {
        Cli r = Cli.faultline("list");
        assertThat(r.out()).contains("preset: workload multi-writer, no fault", "preset: workload generated-history, no fault",
                "Building blocks of scenario files", "disk-full", "eperm-rename", "io-error", "slow-disk", "link-down");
    }
}
