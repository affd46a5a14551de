package dev.faultline.junit;

import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultFileSystem;
import dev.faultline.fault.FaultFileSystems;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * JUnit 5 extension for testing a storage implementation against file-system faults in your own
 * build, in the manner of Testcontainers' extension: what it makes is handed to JUnit's store and
 * closed after the test.
 * <pre>{@code
 * @ExtendWith(FaultFileSystemExtension.class)
 * class MyStoreTest {
 *     @Test
 *     void failsLoudlyWhenTheDiskIsFull(@FaultRoot Path root, FaultController faults) {
 *         MyStore store = new MyStore(root);
 *         faults.quota(64 * 1024);
 *         ...
 *         assertThat(faults.events()).isNotEmpty();
 *     }
 * }
 * }</pre>
 * A test gets one fault file system; the {@link FaultController} parameter controls it. On the
 * real disk it lives in a temporary directory that is deleted afterwards.
 */
public final class FaultFileSystemExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaultFileSystemExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return (type == Path.class && parameter.isAnnotated(FaultRoot.class)) || type == FaultController.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        // The @FaultRoot parameter, wherever it stands, says how the test's one file system is made.
        FaultRoot chosen = java.util.Arrays.stream(extension.getRequiredTestMethod().getParameters())
                .map(p -> p.getAnnotation(FaultRoot.class)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        Resource resource = extension.getStore(NAMESPACE).getOrComputeIfAbsent(Resource.class, k -> Resource.make(chosen, extension), Resource.class);
        return parameter.getParameter().getType() == Path.class ? resource.fs.root() : resource.fs.controller();
    }

    /** The test's fault file system, closed (and its temporary directory deleted) by JUnit. */
    static final class Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final FaultFileSystem fs;
        final Path tempDir;

        private Resource(FaultFileSystem fs, Path tempDir) {
            this.fs = fs;
            this.tempDir = tempDir;
        }

        static Resource make(FaultRoot settings, ExtensionContext extension) {
            FaultFileSystems.Flavor flavor = settings == null ? FaultFileSystems.Flavor.DISK : settings.value();
            long seed = settings == null ? 1 : settings.seed();
            try {
                Path dir = flavor == FaultFileSystems.Flavor.DISK ? Files.createTempDirectory("faultline-junit-") : null;
                FaultFileSystem fs = FaultFileSystems.create(flavor, dir, new FaultController(seed));
                extension.publishReportEntry("faultline.seed", Long.toString(seed));
                return new Resource(fs, dir);
            } catch (IOException e) {
                throw new ParameterResolutionException("could not make a fault file system: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            fs.close();
            if (tempDir != null) {
                try (Stream<Path> paths = Files.walk(tempDir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
