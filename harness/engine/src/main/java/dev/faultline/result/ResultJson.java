package dev.faultline.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.faultline.engine.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code result.json}. */
public final class ResultJson {
    public static final String FILE_NAME = "result.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer writers may add fields
            .build();

    private ResultJson() {
    }

    public static String toJson(RunResult result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result not serialisable", e);
        }
    }

    /** Writes {@code dir/result.json} atomically and returns its path. */
    public static Path write(RunResult result, Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        AtomicFiles.write(file, toJson(result).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }

    /**
     * @throws BadInputException naming the file and what is wrong, when it is missing, does not
     *                           parse, or has another format version
     */
    public static RunResult read(Path file) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(file + (loc != null ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "")
                    + ": not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        // The version first: a result from another format version is named as such, whatever else it holds.
        var version = tree == null ? null : tree.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new BadInputException(file + ": not a Faultline result (no formatVersion)");
        }
        if (version.intValue() != RunResult.FORMAT_VERSION) {
            throw new BadInputException(file + ": result format version " + version.intValue() + ", this Faultline reads "
                    + RunResult.FORMAT_VERSION);
        }
        try {
            return MAPPER.treeToValue(tree, RunResult.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException(file + ": not a Faultline result: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
