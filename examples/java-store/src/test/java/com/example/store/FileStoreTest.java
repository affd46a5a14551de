package com.example.store;

import dev.faultline.fault.Errno;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultRule;
import dev.faultline.fault.IoOp;
import dev.faultline.junit.FaultFileSystemExtension;
import dev.faultline.junit.FaultRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit tests on a fault-injecting file system (faultline-faultfs only: no database, no containers). */
@ExtendWith(FaultFileSystemExtension.class)
class FileStoreTest {
    @Test
    void aFullDiskFailsThePutLoudlyAndKeepsTheOldValue(@FaultRoot Path root, FaultController faults) throws Exception {
        FileStore store = new FileStore(root);
        store.put("notes", "a", "first");

        faults.quota(0);
        assertThatThrownBy(() -> store.put("notes", "a", "x".repeat(4096))).hasMessageContaining("No space left");
        faults.clearQuota();

        assertThat(store.get("notes", "a")).contains("first");
        assertThat(store.keys("notes")).containsExactly("a");
    }

    @Test
    void aScannerHoldingTheFileIsOutwaited(@FaultRoot Path root, FaultController faults) throws Exception {
        FileStore store = new FileStore(root);
        faults.add(FaultRule.on(IoOp.RENAME).times(3).fail(Errno.EPERM));

        store.put("notes", "a", "held, then stored");

        assertThat(store.get("notes", "a")).contains("held, then stored");
        assertThat(store.keys("notes")).containsExactly("a");
    }
}
