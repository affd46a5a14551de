package dev.faultline.cli;

import dev.faultline.engine.BadInputException;
import dev.faultline.result.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code faultline}: exit status 0 when every verdict is PASS or SKIPPED, 1 when any is not
 * (FAIL, UNKNOWN), 2 on bad input with a one-line message naming what is wrong.
 */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Chaos and load-testing harness for storage backends.",
        subcommands = {ListCommand.class, RunCommand.class, SoakCommand.class, ServeCommand.class, ToxiproxyServerCommand.class, ReportCommand.class, BaselineCommand.class, CompareCommand.class, CompareResultsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status, writing to the given streams. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        addHelpOptions(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("faultline: " + ex.getMessage().lines().findFirst().orElse("bad arguments").replaceFirst("^Error: ", "")
                    + " (see: faultline " + ex.getCommandLine().getCommandName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof BadInputException) {
                err.println("faultline: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try {
            return cli.execute(args);
        } finally {
            UserClasspath.uninstall(before); // --classpath lasts one command
        }
    }

    /** {@code --help} and {@code --version} on every command, as every error message points to {@code --help}. */
    private static void addHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && sub.getCommandSpec().optionsMap().get("--help") == null) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            addHelpOptions(sub);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest; "development" when run from classes. */
    static String version() {
        return RunResult.versionOf(Main.class);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"faultline " + version()};
        }
    }
}
