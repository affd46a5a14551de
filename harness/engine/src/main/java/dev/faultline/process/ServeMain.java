package dev.faultline.process;

import dev.faultline.engine.Catalog;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -cp ... dev.faultline.process.ServeMain NAME}: serves the built-in adapter NAME over
 * the process protocol, on {@code FAULTLINE_ROOT} as instance {@code FAULTLINE_INSTANCE}.
 */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ServeMain ADAPTER");
            System.exit(2);
        }
        System.exit(serve(args[0]));
    }

    /** Serves until close; returns the exit status. */
    public static int serve(String adapterName) throws Exception {
        var provider = Catalog.adapter(adapterName);
        String root = System.getenv("FAULTLINE_ROOT");
        if (root == null || root.isBlank()) {
            System.err.println("FAULTLINE_ROOT is not set: this program is started by the Faultline harness");
            return 2;
        }
        int instance = Integer.parseInt(System.getenv().getOrDefault("FAULTLINE_INSTANCE", "0"));
        // Anything the adapter prints must not corrupt the protocol: stdout is the harness's alone.
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        new AdapterServer(provider.create(), Path.of(root), instance).serve(System.in, protocolOut);
        return 0;
    }
}
