package dev.faultline.cli;

import dev.faultline.engine.BadInputException;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --classpath PATH}: the user's own jars and class directories, searched by
 * {@link java.util.ServiceLoader} for adapters ({@code META-INF/services/dev.faultline.spi.AdapterProvider})
 * and scenarios, without rebuilding Faultline. Entries are separated as on Java's class path
 * ({@code :}, or {@code ;} on Windows); {@code DIR/*} stands for every jar in DIR, as for
 * {@code java -cp}.
 */
final class UserClasspath {
    private UserClasspath() {
    }

    /** Makes the entries the context class loader's first place to look; null or empty: nothing changes. */
    static void install(String classpath) {
        if (classpath == null || classpath.isBlank()) {
            return;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                requireExists(dir, entry);
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
                    jars.forEach(j -> urls.add(url(j, entry)));
                } catch (IOException e) {
                    throw new BadInputException("--classpath " + entry + ": " + e.getMessage());
                }
            } else {
                Path p = Path.of(entry);
                requireExists(p, entry);
                urls.add(url(p, entry));
            }
        }
        Thread.currentThread().setContextClassLoader(new URLClassLoader(urls.toArray(URL[]::new), UserClasspath.class.getClassLoader()));
    }

    /** Puts {@code before} back as the context class loader, closing the user's class loader if one was installed. */
    static void uninstall(ClassLoader before) {
        ClassLoader now = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(before);
        if (now != before && now instanceof URLClassLoader user) {
            try {
                user.close();
            } catch (IOException e) {
                // its jars stay open until the JVM ends; nothing else depends on it
            }
        }
    }

    private static void requireExists(Path p, String entry) {
        if (!Files.exists(p)) {
            throw new BadInputException("--classpath " + BadInputException.echo(entry) + ": no such file or directory");
        }
    }

    private static URL url(Path p, String entry) {
        try {
            return p.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new BadInputException("--classpath " + BadInputException.echo(entry) + ": " + e.getMessage());
        }
    }
}
