package io.github.dingtalkauth.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from the operating system's packages that a test runs for real (a browser, a database, a proxy). Tests
 * never download one: {@code .ci/run} installs the Debian package when it is missing. On a developer's machine
 * without it the test is skipped with the package to install; in CI (environment variable {@code CI} set) a
 * missing program fails the test, so a broken install cannot pass as a skip.
 */
public final class LocalTool {
    private LocalTool() {
    }

    /** The first of {@code candidates} that is an executable file. */
    public static Path require(String debianPackage, String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        String message = "needs " + String.join(" or ", candidates) + ": apt-get install -y " + debianPackage;
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI is set, so a missing tool fails rather than skips)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
