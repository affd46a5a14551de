package dev.faultline.scenarios;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultline.engine.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML file read into values that know their line, for input files whose every mistake is
 * reported as {@code FILE:LINE: what is wrong} (scenario files, params files). Two equal keys in
 * one mapping are an error (YAML parsers keep the last; one of the two values is a mistake).
 */
public final class LocatedYaml {
    private LocatedYaml() {
    }

    /**
     * A value and the line that names it (its key's line in a mapping): text, a list of nodes, or
     * a mapping of keys to nodes.
     */
    public record Node(Object value, int line) {
        public BadInputException error(Path file, String what) {
            return new BadInputException(file + ":" + line + ": " + what);
        }

        public String scalar(Path file, String what) {
            if (value instanceof String s) {
                return s;
            }
            throw error(file, what + " must be a single value");
        }

        @SuppressWarnings("unchecked")
        public List<Node> sequence(Path file, String what) {
            if (value instanceof List<?> l) {
                return (List<Node>) l;
            }
            throw error(file, what);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Node> mapping(Path file, String what) {
            if (value instanceof Map<?, ?> m) {
                return (Map<String, Node>) m;
            }
            throw error(file, what);
        }
    }

    /** The file's document, or null when it is empty. */
    public static Node read(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a YAML file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            return t == null ? null : node(file, p, t, "", line(p));
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + yamlProblem(e));
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    /** @param path the keys leading here, dotted, for a duplicate's message */
    private static Node node(Path file, JsonParser p, JsonToken t, String path, int line) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> m = new LinkedHashMap<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                String keyPath = path.isEmpty() ? key : path + "." + key;
                Node first = m.putIfAbsent(key, node(file, p, p.nextToken(), keyPath, keyLine));
                if (first != null) {
                    throw new BadInputException(file + ":" + keyLine + ": duplicate key '" + keyPath + "' (first on line " + first.line() + ")");
                }
            }
            return new Node(m, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> l = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                l.add(node(file, p, t, path, line(p)));
            }
            return new Node(l, line);
        }
        return new Node(t == JsonToken.VALUE_NULL ? "" : p.getValueAsString(), line);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    /**
     * ":LINE: not valid YAML: what": SnakeYAML's message names the context's mark, then the
     * problem and its mark; the problem's line is the one to name (a tab on line 2 found while
     * scanning on from line 1 is on line 2).
     */
    private static String yamlProblem(JsonProcessingException e) {
        String text = e.getOriginalMessage();
        Matcher mark = Pattern.compile("line (\\d+), column").matcher(text);
        String line = null;
        while (mark.find()) {
            line = mark.group(1);
        }
        if (line == null && e.getLocation() != null) {
            line = Integer.toString(e.getLocation().getLineNr());
        }
        List<String> sentences = text.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList();
        String problem = sentences.isEmpty() ? "" : sentences.get(sentences.size() - 1);
        return (line != null ? ":" + line : "") + ": not valid YAML: " + problem;
    }
}
