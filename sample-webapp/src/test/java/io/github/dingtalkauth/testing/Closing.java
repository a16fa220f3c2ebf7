package io.github.dingtalkauth.testing;

/** Stops what a test class started, in order, skipping what never started, and reports the first failure. */
public final class Closing {
    private Closing() {
    }

    public static void all(AutoCloseable... things) throws Exception {
        Exception first = null;
        for (AutoCloseable thing : things) {
            try {
                if (thing != null) {
                    thing.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
