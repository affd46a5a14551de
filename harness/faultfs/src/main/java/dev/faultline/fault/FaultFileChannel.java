package dev.faultline.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

import dev.faultline.fault.crash.Trace;

/**
 * A file channel whose reads, writes, truncations and forces go through the faults. A write may
 * be cut short by the quota, as on a full disk; a force makes what was written survive a crash.
 */
final class FaultFileChannel extends FileChannel {
    private final FaultFileSystem fs;
    private final Path file;
    private final FileChannel delegate;
    private final boolean append;
    /** The file's node in the trace being recorded (see {@link Trace}), or -1. */
    private final int node;
    private boolean wrote;

    /** @param file the delegate file: absolute, normalised, under the root */
    FaultFileChannel(FaultFileSystem fs, Path file, FileChannel delegate, boolean append, int node) {
        this.fs = fs;
        this.file = file;
        this.delegate = delegate;
        this.append = append;
        this.node = node;
    }

    /** The trace to record into, when one is recording and knows this file. */
    private Trace trace() {
        Trace t = fs.disk().trace();
        return node >= 0 ? t : null;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return fs.applyUnderRoot(IoOp.READ, file, null, () -> delegate.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return fs.applyUnderRoot(IoOp.READ, file, null, () -> delegate.read(dsts, offset, length));
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return fs.applyUnderRoot(IoOp.READ, file, null, () -> delegate.read(dst, position));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return fs.applyUnderRoot(IoOp.WRITE, file, null, () -> {
            boolean positionNeeded = fs.disk().hasQuota() || fs.disk().forceFailedOn(file) || trace() != null;
            long position = !positionNeeded ? 0 : append ? delegate.size() : delegate.position();
            return writeFitting(src, position, () -> delegate.write(src));
        });
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return fs.applyUnderRoot(IoOp.WRITE, file, null, () -> writeFitting(src, position, () -> delegate.write(src, position)));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int want = srcs[i].remaining();
            int n = write(srcs[i]);
            total += n;
            if (n < want) {
                break;
            }
        }
        return total;
    }

    /** Writes as much of {@code src} as the quota lets fit, remembering the file's forced content first. */
    private int writeFitting(ByteBuffer src, long position, DiskModel.IoCall<Integer> write) throws IOException {
        fs.disk().beforeWrite(file);
        wrote = true;
        int wanted = src.remaining();
        long fits = fs.disk().hasQuota() ? fs.disk().reserve(() -> fs.relative(file), position, wanted, delegate.size()) : wanted;
        int limit = src.limit();
        int start = src.position();
        if (fits < wanted) {
            src.limit(start + (int) fits);
        }
        try {
            int written = write.call();
            fs.disk().wrote(file, position, written);
            Trace trace = trace();
            if (trace != null) {
                byte[] bytes = new byte[written];
                src.duplicate().position(start).get(bytes);
                trace.wrote(node, fs.relative(file), position, bytes);
            }
            return written;
        } finally {
            src.limit(limit);
        }
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        fs.applyUnderRoot(IoOp.TRUNCATE, file, null, () -> {
            long before = delegate.size();
            if (size < before) {
                fs.disk().beforeWrite(file);
                wrote = true;
                delegate.truncate(size);
                fs.disk().shrunk(before - size);
                Trace trace = trace();
                if (trace != null) {
                    trace.truncated(node, fs.relative(file), size);
                }
            }
            return null;
        });
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        try {
            fs.applyUnderRoot(IoOp.FORCE, file, null, () -> {
                delegate.force(metaData);
                fs.disk().forced(file);
                Trace trace = trace();
                if (trace != null) {
                    trace.forced(node, fs.relative(file));
                }
                return null;
            });
        } catch (IOException e) {
            fs.disk().forceFailed(file); // fsyncgate: what it was to make durable is gone for good
            Trace trace = trace();
            if (trace != null) {
                trace.forceFailed(node, fs.relative(file));
            }
            throw e;
        }
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = read(buffer, position + done);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = src.read(buffer);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += write(buffer, position + done);
            }
        }
        return done;
    }

    /** Memory-mapped writes would bypass every fault, so they are refused. */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("memory mapping bypasses fault injection");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
        fs.closed(delegate);
        if (wrote) {
            fs.controller().closedAfterWrite(file, file.toString());
        }
    }
}
