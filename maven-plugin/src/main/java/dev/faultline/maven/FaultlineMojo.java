package dev.faultline.maven;

import dev.faultline.cli.Main;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every goal shares: it runs a {@code faultline} command in the build's JVM, its output in
 * the build log, and turns the command's exit status into the build's outcome (1: the build fails;
 * 2, bad input: a configuration error naming the element).
 */
abstract class FaultlineMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skips the goal ({@code -Dfaultline.skip}). */
    @Parameter(property = "faultline.skip", defaultValue = "false")
    boolean skip;

    /** The command's arguments, everything validated by the command itself. */
    abstract List<String> arguments() throws MojoExecutionException;

    /** What a verdict that is not acceptable (exit status 1) means for this goal. */
    abstract String failure();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("faultline: skipped");
            return;
        }
        List<String> args = arguments();
        getLog().debug("faultline " + String.join(" ", args));
        List<String> errors = new ArrayList<>();
        int status;
        try (PrintWriter out = new PrintWriter(new LogLines(line -> getLog().info(line)), true);
             PrintWriter err = new PrintWriter(new LogLines(line -> {
                 errors.add(line);
                 getLog().info(line);
             }), true)) {
            status = Main.execute(args.toArray(String[]::new), out, err);
        }
        if (status == Main.EXIT_BAD_INPUT) {
            String message = errors.isEmpty() ? "bad input" : errors.get(errors.size() - 1).replaceFirst("^faultline: ", "");
            throw new MojoExecutionException("faultline: " + inElements(message));
        }
        if (status != Main.EXIT_OK) {
            throw new MojoFailureException("faultline: " + failure());
        }
    }

    /** Options named in a command's message, as the elements of this goal's configuration that set them. */
    private String inElements(String message) {
        Matcher m = OPTION.matcher(message);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String element = elements().get(m.group());
            m.appendReplacement(text, Matcher.quoteReplacement(element != null ? "<" + element + ">" : m.group()));
        }
        return m.appendTail(text).toString();
    }

    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    /** The command's options by the configuration element that sets each. */
    abstract Map<String, String> elements();

    /** The project's own classes and dependencies (Faultline's modules left out: the plugin brings its own); empty for none. */
    final String projectClasspath() {
        List<String> path = new ArrayList<>();
        for (String classes : List.of(project.getBuild().getTestOutputDirectory(), project.getBuild().getOutputDirectory())) {
            if (new File(classes).isDirectory()) { // a project with no sources has none
                path.add(classes);
            }
        }
        for (Artifact a : project.getArtifacts()) {
            if (a.getFile() != null && !"dev.faultline".equals(a.getGroupId())) {
                path.add(a.getFile().getPath());
            }
        }
        return String.join(File.pathSeparator, path);
    }

    /** {@code --param KEY=VALUE} for each entry, after the adapter's settings as {@code adapter.KEY=VALUE}. */
    static void addParams(List<String> args, Map<String, String> params, Map<String, String> adapterSettings) {
        Map<String, String> all = new LinkedHashMap<>();
        adapterSettings.forEach((k, v) -> all.put("adapter." + k, v));
        all.putAll(params);
        all.forEach((k, v) -> {
            args.add("--param");
            args.add(k + "=" + (v == null ? "" : v.strip()));
        });
    }

    static void addIfSet(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    /** A writer that hands over whole lines. */
    private static final class LogLines extends Writer {
        private final java.util.function.Consumer<String> sink;
        private final StringBuilder line = new StringBuilder();

        LogLines(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    sink.accept(line.toString());
                    line.setLength(0);
                } else if (buf[i] != '\r') {
                    line.append(buf[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public synchronized void close() {
            if (!line.isEmpty()) {
                sink.accept(line.toString());
                line.setLength(0);
            }
        }
    }
}
