package dev.faultline.cli;

import dev.faultline.process.ServeMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code faultline serve --adapter NAME}: serves a built-in adapter over the process protocol, so
 * it can be run as {@code --adapter-command "faultline serve --adapter NAME"}.
 */
@Command(name = "serve", description = "Serve a built-in adapter over adapter protocol v1 on stdin/stdout (started by the harness).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--adapter", required = true, description = "built-in adapter name")
    String adapter;

    @Override
    public Integer call() throws Exception {
        return ServeMain.serve(adapter);
    }
}
