package dev.faultline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI run in this JVM, its exit status and what it printed. */
record Cli(int status, String out, String err) {
    static Cli faultline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(status, out.toString(), err.toString());
    }

    /** This JVM's java, as a program. */
    static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * An adapter command serving a built-in adapter over the protocol from this build, quoted as
     * a user would (the class path holds no spaces or quotes here; quoting exercises the splitting).
     */
    static String serveCommand(String adapter) {
        return "'" + java() + "' -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName()
                + " serve --adapter " + adapter;
    }
}
