package io.github.dingtalkauth.proxy;

import io.github.dingtalkauth.testing.OsTool;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips the class, with the reason, where Debian's nginx is not installed (under CI it runs, and fails). */
final class NeedsNginx implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return OsTool.condition(Nginx.PACKAGE, Nginx.BINARY);
    }
}
