package dev.azalia.testbed.junit;

import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The arguments of a {@code @ParameterizedTest}: one {@link TestbedCase} for every policy x buffer x codec, in that
 * order (policies outermost). The defaults are every quiesce policy, the buffers 2x64, 4x256 and 4x1024 frames,
 * and the QEMU codec.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @TestbedMatrix(policies = {"live", "fixed"}, buffers = "2x64", codecs = {"qemu", "laptop"})
 * void staysGapless(TestbedCase row) throws Exception { ... row.builder() ... }
 * }</pre>
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(TestbedMatrixProvider.class)
public @interface TestbedMatrix
{
    /**
     * The quiesce policies.
     *
     * @return policy names.
     */
    String[] policies() default {"naive", "rwsem", "suspend", "suspend-linux", "fixed", "live"};

    /**
     * The buffers, each {@code PERIODSxFRAMES}.
     *
     * @return buffers.
     */
    String[] buffers() default {"2x64", "4x256", "4x1024"};

    /**
     * The codecs: built-in names or dump files' paths.
     *
     * @return codecs.
     */
    String[] codecs() default {"qemu"};
}
