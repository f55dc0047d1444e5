package dev.azalia.testbed.junit;

import dev.azalia.testbed.Testbed;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method (or a constructor or lifecycle method) a {@link Testbed.Builder} parameter with the defaults
 * that play, or a {@link Testbed} built from them; a {@link Testbed} parameter is closed when the test ends.
 * Register it with {@code @ExtendWith(TestbedExtension.class)}. Stateless; JUnit may share it between threads.
 */
public final class TestbedExtension implements ParameterResolver
{
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(TestbedExtension.class);

    /** The extension (JUnit creates it). */
    public TestbedExtension()
    {
        // stateless
    }

    /**
     * Whether the parameter is a testbed or its builder.
     *
     * @param parameter the parameter.
     * @param context   the test's context.
     * @return true for {@link Testbed.Builder} and {@link Testbed}.
     */
    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        final Class<?> type = parameter.getParameter().getType();
        return Testbed.Builder.class == type || Testbed.class == type;
    }

    /**
     * A fresh builder, or a testbed with the defaults that the test's store closes at its end.
     *
     * @param parameter the parameter.
     * @param context   the test's context.
     * @return the value.
     */
    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        if (Testbed.Builder.class == parameter.getParameter().getType())
        {
            return Testbed.builder();
        }
        final Testbed bed = Testbed.builder().build();
        context.getStore(NAMESPACE).put(new Object(), (ExtensionContext.Store.CloseableResource)bed::close);
        return bed;
    }
}
