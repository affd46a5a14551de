package dev.faultline.junit;

import dev.faultline.fault.FaultFileSystems.Flavor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link java.nio.file.Path} test parameter to receive the root of a fresh fault file
 * system (see {@link FaultFileSystemExtension}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface FaultRoot {
    /** The file system under the faults: the real disk (a temporary directory) or a Jimfs flavour. */
    Flavor value() default Flavor.DISK;

    /** The seed for every random choice the faults make (probabilities, torn writes). */
    long seed() default 1;
}
