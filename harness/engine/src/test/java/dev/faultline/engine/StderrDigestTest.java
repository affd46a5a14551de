package dev.faultline.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StderrDigestTest {

    @Test
    void linesThatDifferOnlyInNamesAndNumbersAreCountedAsOneKind(@TempDir Path evidence) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add("ENOENT: no such file or directory, rename '/data/coll-" + i + ".json.tmp' -> '/data/coll-" + i + ".json'");
            lines.add("    at Object.renameSync (node:fs:" + (1000 + i) + ":3)");
        }
        lines.add("SyntaxError: Unexpected end of JSON input");
        lines.add("SyntaxError: Unexpected end of JSON input");
        Files.write(evidence.resolve("instance-0.stderr.log"), lines);
        Files.write(evidence.resolve("instance-1.stderr.log"), List.of("SyntaxError: Unexpected end of JSON input", ""));
        Files.writeString(evidence.resolve("other.log"), "not an instance's stderr\n");

        List<String> digest = StderrDigest.digest(StderrDigest.files(evidence));
        assertThat(digest).hasSize(3);
        assertThat(digest.get(0)).isEqualTo("303 line(s) on the adapter's stderr, 2 kind(s):");
        assertThat(digest.get(1)).matches(" +300× ENOENT: no such file or directory, rename '/data/coll-0.json.tmp'.*");
        assertThat(digest.get(2)).matches(" +3× SyntaxError: Unexpected end of JSON input");
    }

    @Test
    void nothingWrittenIsNoEvidence(@TempDir Path evidence) throws Exception {
        Files.writeString(evidence.resolve("instance-0.stderr.log"), "\n\n");
        assertThat(StderrDigest.digest(StderrDigest.files(evidence))).isEmpty();
        assertThat(StderrDigest.files(evidence.resolve("none"))).isEmpty();
    }
}
