package dev.keycard.audit;

import jakarta.enterprise.context.RequestScoped;

/** Who is asking, for the audit trail: the request id and the client address of this request. */
@RequestScoped
public class RequestContext {

    private String requestId;
    private String clientAddress;

    public String requestId() {
        return requestId;
    }

    public String clientAddress() {
        return clientAddress;
    }

    void set(String requestId, String clientAddress) {
        this.requestId = requestId;
        this.clientAddress = clientAddress;
    }
}
