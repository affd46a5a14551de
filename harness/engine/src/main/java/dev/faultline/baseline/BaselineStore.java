package dev.faultline.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.engine.BadInputException;
import dev.faultline.result.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Baselines in the repository: {@code DIR/ADAPTER/SCENARIO.json} (default {@code reports/baselines}),
 * written atomically. A file of another format version, truncated or not JSON is bad input, named
 * with what is wrong, and never overwritten by a read.
 */
public final class BaselineStore {
    public static final Path DEFAULT_DIR = Path.of("reports", "baselines");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    public BaselineStore(Path dir) {
        this.dir = dir;
    }

    public Path file(String adapter, String scenario) {
        return dir.resolve(safe(adapter)).resolve(safe(scenario) + ".json");
    }

    /** A process adapter's name is its command: kept readable, but safe as a file name. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    public Optional<Baseline> read(String adapter, String scenario) {
        Path file = file(adapter, scenario);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": not a baseline (truncated or not JSON: " + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException(file + ": unreadable: " + e.getMessage());
        }
        JsonNode version = tree == null ? null : tree.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new BadInputException(file + ": not a Faultline baseline (no formatVersion)");
        }
        if (version.asInt() != Baseline.FORMAT_VERSION) {
            throw new BadInputException(file + ": baseline format version " + version.asInt() + ", this Faultline reads version "
                    + Baseline.FORMAT_VERSION + " (run faultline baseline update to record a new one)");
        }
        try {
            Baseline b = JSON.treeToValue(tree, Baseline.class);
            if (b.samples() == null || b.scenario() == null || b.adapter() == null) {
                throw new BadInputException(file + ": baseline without scenario, adapter or samples");
            }
            return Optional.of(b);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new BadInputException(file + ": malformed baseline: " + e.getMessage());
        }
    }

    public Path write(Baseline baseline) throws IOException {
        Path file = file(baseline.adapter(), baseline.scenario());
        AtomicFiles.write(file, JSON.writeValueAsBytes(baseline));
        return file;
    }
}
