package dev.keycard.user;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.QueryParameters;
import java.util.Locale;

/**
 * {@code ?q=&page=&size=}: users whose name contains {@code q}, one page at a time ({@code page}
 * from 0, {@code size} 1 to 200). Usernames are stored in lower case, so {@code q} is too.
 */
record UserSearch(String contains, int page, int size) {

    static final int MAX_SIZE = 200;

    static UserSearch of(String q, String page, String size) {
        int from = QueryParameters.wholeNumber(page, "page");
        int count = QueryParameters.wholeNumber(size, "size");
        if (from < 0 || count < 1 || count > MAX_SIZE || (long) from * count > Integer.MAX_VALUE) {
            throw ProblemException.badRequest(
                    "page must be 0 or more (and not absurdly far) and size 1 to " + MAX_SIZE + ".");
        }
        if (q.length() > Username.MAX_LENGTH) {
            throw ProblemException.badRequest("q must be at most " + Username.MAX_LENGTH + " characters.");
        }
        return new UserSearch(q.toLowerCase(Locale.ROOT), from, count);
    }
}
