package io.github.dingtalkauth.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The known key a mistyped one was most likely meant to be, for "did you mean 'appSecret'?": a key that differs only
 * in case, or by at most two edits (an inserted, deleted or changed letter, or two neighbours swapped).
 */
final class ClosestKey {
    private static final int MAX_EDITS = 2;

    private ClosestKey() {
    }

    /** The nearest of {@code known}, the earlier one on a tie; empty when none is within reach. */
    static Optional<String> to(String typed, List<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String key : known) {
            int d = distance(t, key.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = key;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Damerau-Levenshtein distance in its "optimal string alignment" form. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
