package dev.faultline.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.InMemoryAdapter;
import dev.faultline.result.ResultJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Property-based fuzzing (jqwik, run by every {@code ./mvnw verify}) of the readers that take
 * input from outside: the protocol's line reader, the serving side of the protocol, and the
 * result reader. The {@code @Example}s are the kept corpus of inputs that once mattered.
 */
class ProtocolFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void theLineReaderReturnsBoundedLinesOrSaysTheLineIsTooLong(@ForAll @Size(max = 300) byte[] input,
                                                                  @ForAll @IntRange(min = 1, max = 64) int max) {
        LineChannel channel = new LineChannel(new ByteArrayInputStream(input), new ByteArrayOutputStream(), max);
        try {
            String line;
            while ((line = channel.readLine()) != null) {
                assertThat(line.length()).isLessThanOrEqualTo(max);
            }
        } catch (LineChannel.LineTooLong expected) {
            // the only failure a line may cause
        } catch (IOException e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    @Example
    void aLineOfMegabytesWithoutANewlineIsRefusedWithoutReadingItAll() {
        byte[] huge = new byte[8 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        LineChannel channel = new LineChannel(new ByteArrayInputStream(huge), new ByteArrayOutputStream(), 1024 * 1024);
        assertThatCode(channel::readLine).isInstanceOf(LineChannel.LineTooLong.class);
    }

    @Provide
    Arbitrary<List<String>> requestLines() {
        Arbitrary<String> ops = Arbitraries.of("open", "put", "get", "delete", "list", "flush", "health", "nope", "");
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("", "..", "a/b", "x".repeat(201), "\u0000", "ünï"));
        Arbitrary<String> valid = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(-5, 1000), ops, names, names,
                Arbitraries.strings().ofMaxLength(50)).as((id, op, c, k, v) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("id", id);
                    m.put("op", op);
                    m.put("collection", c);
                    m.put("key", k);
                    m.put("value", v);
                    try {
                        return JSON.writeValueAsString(m);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Arbitrary<String> garbage = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(s -> s.replace('\n', ' ')),
                Arbitraries.of("{", "[]", "null", "{\"id\":\"x\",\"op\":7}", "{\"id\":1,\"op\":\"put\",\"value\":{}}", "42"));
        return Arbitraries.oneOf(valid, garbage).filter(s -> !s.isBlank()).list().ofMaxSize(20);
    }

    @Property(tries = 500)
    void theServingSideAnswersEveryLineWithOneJsonObject(@ForAll("requestLines") List<String> lines) throws Exception {
        String input = String.join("\n", lines) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AdapterServer(new InMemoryAdapter(InMemoryAdapter.newData()), Path.of("unused"), 0).serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        List<String> answers = out.toString(StandardCharsets.UTF_8).lines().toList();
        int expected = 0;
        for (String line : lines) {
            expected++;
            if (line.contains("\"op\":\"close\"")) {
                break;
            }
        }
        assertThat(answers).hasSize(expected);
        for (String answer : answers) {
            JsonNode node = JSON.readTree(answer);
            assertThat(node.isObject()).as(answer).isTrue();
            assertThat(node.get("ok").isBoolean()).as(answer).isTrue();
        }
    }

    @Property(tries = 500)
    void theResultReaderEitherReadsOrSaysWhatIsWrong(@ForAll @Size(max = 200) String text) throws IOException {
        Path file = Files.createTempFile("result", ".json");
        try {
            Files.writeString(file, text);
            assertThatCode(() -> {
                try {
                    ResultJson.read(file);
                } catch (BadInputException expected) {
                    assertThat(expected.getMessage()).startsWith(file.toString()).doesNotContain("\n");
                }
            }).doesNotThrowAnyException();
        } finally {
            Files.delete(file);
        }
    }

    @Example
    void aTruncatedResultOrOneFromAnotherVersionIsBadInput() throws IOException {
        Path file = Files.createTempFile("result", ".json");
        try {
            Files.writeString(file, "{\"formatVersion\" : 1, \"results\" : [ {\"scenario\" : \"multi-wr");
            assertThatCode(() -> ResultJson.read(file)).isInstanceOf(BadInputException.class).hasMessageContaining(file + ":1:");
            Files.writeString(file, "{\"formatVersion\" : 2, \"results\" : []}");
            assertThatCode(() -> ResultJson.read(file)).isInstanceOf(BadInputException.class).hasMessageContaining("format version 2");
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 500)
    void badInputIsAlwaysOneLine(@ForAll String text) {
        assertThat(new BadInputException("bad: " + text).getMessage()).doesNotContain("\n", "\r");
    }
}
