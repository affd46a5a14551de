package dev.faultline.fault;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import dev.faultline.fault.crash.Trace;

/**
 * The provider of one {@link FaultFileSystem}: checks each operation against the faults, keeps
 * the disk model (quota, forced content) up to date, then delegates. Not installed system-wide:
 * it is reached only through paths of its file system.
 */
final class FaultFileSystemProvider extends FileSystemProvider {
    private final FaultFileSystem fs;

    FaultFileSystemProvider(FaultFileSystem fs) {
        this.fs = fs;
    }

    private Path unwrap(Path p) {
        if (p instanceof FaultPath fp && fp.getFileSystem() == fs) {
            return fp.delegate();
        }
        throw new ProviderMismatchException("not a path of this fault file system: " + p);
    }

    private FileSystemProvider delegateProvider(Path delegatePath) {
        return delegatePath.getFileSystem().provider();
    }

    @Override
    public String getScheme() {
        return "faultline";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("made through FaultFileSystems, not by URI");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("reached through its paths, not by URI");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("reached through its paths, not by URI");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        Path d = unwrap(path);
        Path abs = d.toAbsolutePath().normalize();
        boolean creates = (options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW))
                && fs.underRoot(abs) && fs.disk().createsEntry(abs);
        FileChannel channel = fs.apply(IoOp.OPEN, d, null, () -> openChannel(d, options, attrs));
        if (!fs.underRoot(d)) {
            return channel;
        }
        if (creates) {
            fs.disk().entryCreated(abs);
        }
        boolean writes = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        if (writes && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            // Truncation on open is a write the crash model must be able to undo.
            fs.disk().beforeWrite(abs);
        }
        Trace trace = fs.disk().trace();
        int node = trace == null ? -1 : trace.opened(fs.relative(abs),
                options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW),
                writes && options.contains(StandardOpenOption.TRUNCATE_EXISTING));
        fs.opened(channel);
        return new FaultFileChannel(fs, abs, channel, options.contains(StandardOpenOption.APPEND), node);
    }

    /**
     * A directory opened to be forced (how a store makes a rename durable) is opened by the file
     * system under it where it can (the real disk), and otherwise (Jimfs cannot open a directory
     * as a file at all) gets a channel that only forces: on every flavour a store can make its
     * directory entries durable, and the crash model counts it.
     */
    private FileChannel openChannel(Path d, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        try {
            return delegateProvider(d).newFileChannel(d, options, attrs);
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.isDirectory(d) && !options.contains(StandardOpenOption.WRITE) && !options.contains(StandardOpenOption.APPEND)) {
                return new DirectoryChannel();
            }
            throw e;
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        Path d = unwrap(dir);
        DirectoryStream.Filter<Path> delegateFilter = p -> filter.accept(new FaultPath(fs, p));
        DirectoryStream<Path> stream = fs.apply(IoOp.LIST, d, null, () -> delegateProvider(d).newDirectoryStream(d, delegateFilter));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> it = stream.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return new FaultPath(fs, it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        Path d = unwrap(dir);
        fs.apply(IoOp.CREATE_DIRECTORY, d, null, () -> {
            delegateProvider(d).createDirectory(d, attrs);
            Path abs = d.toAbsolutePath().normalize();
            if (fs.underRoot(abs)) {
                fs.disk().entryCreated(abs);
                Trace trace = fs.disk().trace();
                if (trace != null) {
                    trace.createdDirectory(fs.relative(abs));
                }
            }
            return null;
        });
    }

    @Override
    public void delete(Path path) throws IOException {
        deleting(path, d -> {
            delegateProvider(d).delete(d);
            return true;
        });
    }

    /** Delegated rather than inherited: the inherited one throws and catches an exception for every absent file. */
    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return deleting(path, d -> delegateProvider(d).deleteIfExists(d));
    }

    private interface Deletion {
        boolean delete(Path delegatePath) throws IOException;
    }

    private boolean deleting(Path path, Deletion deletion) throws IOException {
        Path d = unwrap(path);
        Path abs = d.toAbsolutePath().normalize();
        if (fs.underRoot(abs)) {
            fs.controller().beforeReplace(IoOp.DELETE, abs.toString(), () -> fs.relative(abs), () -> null);
        }
        return fs.apply(IoOp.DELETE, d, null, () -> {
            long size = fs.disk().hasQuota() && Files.isRegularFile(d) ? Files.size(d) : 0;
            byte[] content = fs.underRoot(abs) ? fs.disk().beforeRemove(d) : null;
            boolean deleted = deletion.delete(d);
            if (deleted) {
                fs.disk().deleted(abs, size, content);
                Trace trace = fs.underRoot(abs) ? fs.disk().trace() : null;
                if (trace != null) {
                    trace.removed(fs.relative(abs));
                }
            }
            return deleted;
        });
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Path s = unwrap(source);
        Path t = unwrap(target);
        fs.apply(IoOp.WRITE, t, s, () -> {
            fs.disk().beforeWrite(t.toAbsolutePath().normalize());
            long size = Files.isRegularFile(s) ? Files.size(s) : 0;
            long existing = Files.isRegularFile(t) ? Files.size(t) : 0;
            fs.disk().reserve(() -> fs.relative(t), 0, size, existing);
            delegateProvider(s).copy(s, t, options);
            Trace trace = fs.underRoot(t) ? fs.disk().trace() : null;
            if (trace != null) {
                String rel = fs.relative(t);
                trace.wrote(trace.opened(rel, true, true), rel, 0, Files.readAllBytes(t));
            }
            return null;
        });
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        Path s = unwrap(source);
        Path t = unwrap(target);
        Path sAbs = s.toAbsolutePath().normalize();
        Path tAbs = t.toAbsolutePath().normalize();
        if (fs.underRoot(sAbs)) {
            fs.controller().beforeReplace(IoOp.RENAME, sAbs.toString(), () -> fs.relative(sAbs), () -> fs.relative(tAbs));
            fs.controller().beforeReplace(IoOp.RENAME, tAbs.toString(), () -> fs.relative(tAbs), () -> fs.relative(sAbs));
        }
        fs.apply(IoOp.RENAME, s, t, () -> {
            long replaced = fs.disk().hasQuota() && Files.isRegularFile(t) ? Files.size(t) : 0;
            byte[] replacedContent = fs.underRoot(tAbs) ? fs.disk().beforeRename(t) : null;
            delegateProvider(s).move(s, t, options);
            fs.disk().moved(sAbs, tAbs, replaced, replacedContent);
            Trace trace = fs.underRoot(tAbs) ? fs.disk().trace() : null;
            if (trace != null) {
                trace.renamed(fs.relative(sAbs), fs.relative(tAbs));
            }
            fs.controller().moved(sAbs.toString(), tAbs.toString());
            return null;
        });
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        Path a = unwrap(path);
        return fs.apply(IoOp.STAT, a, null, () -> delegateProvider(a).isSameFile(a, unwrap(path2)));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        Path d = unwrap(path);
        return fs.apply(IoOp.STAT, d, null, () -> delegateProvider(d).isHidden(d));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        Path d = unwrap(path);
        return delegateProvider(d).getFileStore(d);
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        Path d = unwrap(path);
        fs.apply(IoOp.STAT, d, null, () -> {
            delegateProvider(d).checkAccess(d, modes);
            return null;
        });
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        Path d = unwrap(path);
        return delegateProvider(d).getFileAttributeView(d, type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        Path d = unwrap(path);
        return fs.apply(IoOp.STAT, d, null, () -> delegateProvider(d).readAttributes(d, type, options));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Path d = unwrap(path);
        return fs.apply(IoOp.STAT, d, null, () -> delegateProvider(d).readAttributes(d, attributes, options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        Path d = unwrap(path);
        fs.apply(IoOp.STAT, d, null, () -> {
            delegateProvider(d).setAttribute(d, attribute, value, options);
            return null;
        });
    }
}
