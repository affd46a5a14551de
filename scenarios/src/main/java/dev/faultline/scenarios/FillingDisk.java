package dev.faultline.scenarios;

import dev.faultline.engine.RootListing;
import dev.faultline.engine.RunContext;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.os.Tmpfs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;

/**
 * The disk that fills (incidents 000 and 001): the fault file system's quota in the JVM, a real
 * size-limited tmpfs on the root for a process adapter (Linux, root; SKIPPED elsewhere). Made
 * before the first instance opens, so the store works on it from the start.
 */
interface FillingDisk {
    /** A tmpfs large enough for the default workloads many times over, before it is made full. */
    long TMPFS_BYTES = 256L * 1024 * 1024;

    static FillingDisk of(RunContext ctx) throws IOException {
        return ctx.inProcess() ? new JvmDisk(ctx.faults(), ctx) : new TmpfsDisk(ctx.os().tmpfs(TMPFS_BYTES));
    }

    /** Leaves {@code headroom} bytes free; returns the new limit. */
    long fill(long headroom) throws IOException;

    void free() throws IOException;

    record JvmDisk(FaultController faults, RunContext ctx) implements FillingDisk {
        @Override
        public long fill(long headroom) {
            long limit = RootListing.totalBytes(ctx.root()) + headroom;
            faults.quota(limit);
            return limit;
        }

        @Override
        public void free() {
            faults.clearQuota();
        }
    }

    record TmpfsDisk(Tmpfs tmpfs) implements FillingDisk {
        @Override
        public long fill(long headroom) throws IOException {
            FileStore store = Files.getFileStore(tmpfs.mountPoint());
            long limit = store.getTotalSpace() - store.getUnallocatedSpace() + headroom;
            tmpfs.resize(limit);
            return limit;
        }

        @Override
        public void free() throws IOException {
            tmpfs.resize(TMPFS_BYTES);
        }
    }
}
