package dev.faultline.baseline;

import dev.faultline.engine.BadInputException;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The baseline reader on what a repository can hold: any text, and a real baseline cut short at
 * any byte. It reads it or says in one line what is wrong with which file; it never throws
 * anything else and never changes the file.
 */
class BaselineStoreFuzzTest {

    private static final String VALID;
    /** One directory for every try (jqwik has no @TempDir per try), deleted after the class. */
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("baselines");
            Path dir = DIR.resolve("valid");
            Baseline b = new Baseline(Baseline.FORMAT_VERSION, "sustained-load", "reference", Map.of("os", "Linux"), "2026-11-22T00:00:00Z", 1,
                    Map.of("seconds", "1"), Map.of("operationsPerSecond", List.of(1000.0, 1010.5, 990.25)));
            VALID = Files.readString(new BaselineStore(dir).write(b));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterContainer
    static void deleteTheDirectory() throws IOException {
        try (var all = Files.walk(DIR)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void readsOrSaysWhatIsWrong(String text) throws IOException {
        BaselineStore store = new BaselineStore(DIR.resolve("tries"));
        Path file = store.file("reference", "sustained-load");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        assertThatCode(() -> {
            try {
                store.read("reference", "sustained-load");
            } catch (BadInputException expected) {
                assertThat(expected.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            }
        }).doesNotThrowAnyException();
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Property(tries = 500)
    void anyText(@ForAll @Size(max = 300) String text) throws IOException {
        readsOrSaysWhatIsWrong(text);
    }

    @Property(tries = 300)
    void aBaselineCutShort(@ForAll @IntRange(min = 0, max = 10_000) int cut) throws IOException {
        readsOrSaysWhatIsWrong(VALID.substring(0, Math.min(cut, VALID.length())));
    }

    @Example
    void aWholeBaselineReads() throws IOException {
        BaselineStore store = new BaselineStore(DIR.resolve("whole"));
        Files.createDirectories(store.file("reference", "sustained-load").getParent());
        Files.writeString(store.file("reference", "sustained-load"), VALID);
        assertThat(store.read("reference", "sustained-load")).hasValueSatisfying(b ->
                assertThat(b.samples().get("operationsPerSecond")).containsExactly(1000.0, 1010.5, 990.25));
    }
}
