package com.example.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A small durable key-value store, one file per key: the store under test in this example.
 * A put writes a temporary file of its own, forces it, renames it over the key's file (retrying
 * while a virus scanner holds it) and forces the directory; when it returns, the value survives a
 * crash. Any failure is thrown: nothing is acknowledged that is not stored.
 */
public final class FileStore {
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int RENAME_ATTEMPTS = 20;

    private final Path root;

    public FileStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    public void put(String collection, String key, String value) throws IOException {
        if (!storable(key)) {
            throw new IllegalArgumentException("key '" + key + "' cannot be stored: it is not a plain file name");
        }
        Path dir = collection(collection);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            force(root); // the new directory's entry, or a crash may lose the whole collection
        }
        Path temp = dir.resolve(key + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(StandardCharsets.UTF_8.encode(value));
                ch.force(true);
            }
            renameOver(temp, dir.resolve(key));
            force(dir);
        } finally {
            Files.deleteIfExists(temp); // after a failure; gone already after a rename
        }
    }

    public Optional<String> get(String collection, String key) throws IOException {
        if (!storable(key)) {
            return Optional.empty(); // never stored; and "." would read the directory
        }
        try {
            return Optional.of(Files.readString(collection(collection).resolve(key), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void delete(String collection, String key) throws IOException {
        if (!storable(key)) {
            return; // never stored; and ".." would delete the root
        }
        Path dir = collection(collection);
        if (Files.deleteIfExists(dir.resolve(key))) {
            force(dir);
        }
    }

    public List<String> keys(String collection) throws IOException {
        Path dir = collection(collection);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(TEMP_SUFFIX)).sorted().forEach(keys::add);
        }
        return keys;
    }

    /**
     * Keys that cannot be file names of their own: "." and ".." name directories, and a key ending
     * like a temporary file would vanish from {@link #keys}. Puts refuse them, loudly.
     * (Faultline's generated-history found the first: such keys were acknowledged, then unreadable.)
     */
    private static boolean storable(String key) {
        return !key.equals(".") && !key.equals("..") && !key.endsWith(TEMP_SUFFIX);
    }

    private Path collection(String name) {
        return root.resolve(name);
    }

    /** Windows scanners (and Faultline's simulated one) hold a fresh file for a moment: retry, then give up loudly. */
    private static void renameOver(Path from, Path to) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (FileSystemException e) {
                boolean held = e instanceof AccessDeniedException || String.valueOf(e.getReason()).contains("not permitted");
                if (!held || attempt == RENAME_ATTEMPTS) {
                    throw e;
                }
                sleep(attempt * 5L);
            }
        }
    }

    private static void force(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name").startsWith("Windows")) { // Windows cannot open a directory; NTFS journals renames
                throw e;
            }
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying a rename", e);
        }
    }
}
