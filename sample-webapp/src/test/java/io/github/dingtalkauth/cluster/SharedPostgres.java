package io.github.dingtalkauth.cluster;

import io.github.dingtalkauth.testing.OsTool;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link Postgres} for every test class that asks for it (a {@code Postgres} parameter of a {@code @BeforeAll}
 * method), started before the first and stopped after the last. Started in a callback rather than while resolving
 * the parameter; without Debian's postgresql the class is skipped (failed under CI).
 */
final class SharedPostgres implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPostgres.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return OsTool.condition(Postgres.PACKAGE, Postgres.BINARY);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Postgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static Postgres server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Postgres.class, type -> {
            try {
                return Postgres.start();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not start PostgreSQL", e);
            }
        }, Postgres.class);
    }
}
