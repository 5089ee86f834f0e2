package dev.keycard.problem;

/** Query parameters that must be numbers, parsed here: JAX-RS would answer a non-number with 404. */
public final class QueryParameters {

    private QueryParameters() {}

    /** The whole number in {@code text}, or a 400 naming the parameter. */
    public static int wholeNumber(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number.");
        }
    }
}
