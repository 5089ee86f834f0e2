package dev.keycard.problem;

/** The request body passed {@link RequestBodyLimit}'s cap; a 413 problem. */
public class RequestTooLarge extends ProblemException {

    public RequestTooLarge(long limit) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "The request body must not exceed " + limit + " bytes.");
    }
}
