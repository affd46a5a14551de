package dev.faultline.cli;

import dev.faultline.engine.BadInputException;
import dev.faultline.report.Leg;
import dev.faultline.report.Reports;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code faultline report RESULT...}: renders one or more {@code result.json} files (the legs of
 * a nightly matrix, one per OS) into one report: HTML, JUnit XML and a Markdown summary; with
 * {@code --history DIR}, a trend page over every result stored there.
 */
@Command(name = "report", description = "Render result.json files (one per leg) into one HTML report, JUnit XML and a Markdown summary.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "result.json files, or directories holding one")
    List<Path> results;

    @Option(names = "--out", defaultValue = "reports/merged", description = "where the reports go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--history", paramLabel = "DIR", description = "stored result files (searched recursively) for trend.html")
    Path history;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Leg> legs = new ArrayList<>();
        for (Path p : results) {
            legs.add(Leg.of(ResultJson.read(Files.isDirectory(p) ? p.resolve(ResultJson.FILE_NAME) : p)));
        }
        List<Path> written = new ArrayList<>(Reports.write(out, legs));
        if (history != null) {
            written.add(Reports.writeTrend(out, storedRuns(history)));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        written.forEach(p -> stdout.println("wrote " + p));
        stdout.flush();
        return Main.EXIT_OK;
    }

    /** Every result file under {@code dir}; a file that is not a result is bad input, named. */
    private static List<RunResult> storedRuns(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--history " + dir + ": not a directory");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted()
                    .map(ResultJson::read).toList();
        }
    }
}
