package dev.faultline.scenarios;

import java.util.List;

/**
 * Incident 000: several editor windows, each with its own store instance on one directory, saving
 * at once. The legacy store's shared {@code .tmp} name made renames fail with ENOENT and tore the
 * JSON; its per-window state made windows overwrite each other's saves.
 *
 * <p>A preset: the {@link MultiWriterWorkload} with no fault. Then every writer flushes and
 * closes, and a fresh instance must read everything acknowledged; without a fault no operation
 * may fail.
 */
public final class MultiWriterScenario extends ComposedScenario {
    public MultiWriterScenario() {
        super("multi-writer", "10 instances write one directory at once (own and shared keys, with reads); nothing acknowledged may be lost or torn",
                List.of("000_dd760f200c178de2"), new MultiWriterWorkload());
    }
}
