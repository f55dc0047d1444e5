package dev.azalia.testbed.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rows of a {@link TestbedMatrix}. Created by JUnit for each annotated method; not shared between threads.
 */
public final class TestbedMatrixProvider implements ArgumentsProvider, AnnotationConsumer<TestbedMatrix>
{
    private final List<TestbedCase> rows = new ArrayList<>();

    /** A provider without rows until JUnit hands it the annotation. */
    public TestbedMatrixProvider()
    {
        // rows come from accept
    }

    /**
     * Takes the matrix.
     *
     * @param matrix the annotation.
     */
    @Override
    public void accept(final TestbedMatrix matrix)
    {
        rows.clear();
        for (final String policy : matrix.policies())
        {
            for (final String buffer : matrix.buffers())
            {
                for (final String codec : matrix.codecs())
                {
                    rows.add(TestbedCase.of(policy, buffer, codec));
                }
            }
        }
    }

    /**
     * One argument per row.
     *
     * @param context the test's context.
     * @return the rows.
     */
    @Override
    public Stream<? extends Arguments> provideArguments(final ExtensionContext context)
    {
        return rows.stream().map(Arguments::of);
    }
}
