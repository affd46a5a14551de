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
}
