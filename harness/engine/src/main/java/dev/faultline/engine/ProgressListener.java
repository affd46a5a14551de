package dev.faultline.engine;

/** Hears what a long run is doing, so the CLI can show it. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener SILENT = message -> { };

    void progress(String message);
}
