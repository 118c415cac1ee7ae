package org.parley.history.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Nothing answered at the configured URL. */
final class Unreachable extends RuntimeException {

    Unreachable(String url, Throwable cause) {
        super("nothing answers at " + url + " (" + describe(cause) + ")", cause);
    }

    private static String describe(Throwable cause) {
        for (Throwable each = cause; each != null; each = each.getCause()) {
            if (each instanceof ConnectException) {
                return "connection refused";
            }
            if (each instanceof UnknownHostException) {
                return "unknown host " + each.getMessage();
            }
            if (each instanceof HttpTimeoutException) {
                return "timed out";
            }
            if (each instanceof InterruptedException) {
                return "interrupted";
            }
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
