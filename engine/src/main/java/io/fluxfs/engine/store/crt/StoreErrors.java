package io.fluxfs.engine.store.crt;

import io.fluxfs.engine.store.StoreException;
import io.fluxfs.engine.store.StoreException.Kind;
import io.fluxfs.engine.store.StoreException.Verb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The one translation of SDK and CRT failures into {@link StoreException}. Every future the CRT store
 * returns passes its failure through {@link #map} exactly once; a {@code StoreException} that is
 * already there (from a composed step) passes unchanged, so nothing is wrapped twice.
 *
 * <p>The S3 error code decides first, because stores disagree on status codes for the same error
 * (S3's {@code RequestTimeout} is a 400 but worth a retry); the HTTP status decides the rest.
 */
final class StoreErrors {

    /** How the SDK's CRT adapter words a request that got no usable HTTP answer. */
    private static final String CRT_IO_FAILURE = "Failed to send the request:";
    /** Words of CRT error strings that describe a malformed or unexpected response, not the network. */
    private static final List<String> MALFORMED_RESPONSE = List.of("missing required", "invalid", "unexpected",
            "malformed", "not supported", "unsupported");

    private StoreErrors() {
    }

    static StoreException map(Throwable failure, Verb verb, String key) {
        Throwable t = strip(failure);
        if (t instanceof StoreException se) {
            return se;
        }
        if (t instanceof SdkServiceException service) {
            int status = service.statusCode();
            String code = errorCode(service);
            Kind kind = kindOf(code, status);
            String message = (code == null ? "" : code + ": ") + serviceMessage(service);
            return new StoreException(kind, verb, key, status, message, t);
        }
        if (t instanceof CancellationException) {
            return new StoreException(Kind.OTHER, verb, key, 0, "cancelled", t);
        }
        Kind kind = isTransient(t) ? Kind.TRANSIENT : Kind.OTHER;
        return new StoreException(kind, verb, key, 0, String.valueOf(t.getMessage()), t);
    }

    /** Removes the {@code CompletionException}/{@code ExecutionException} wrappers futures add. */
    static Throwable strip(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    static Kind kindOf(String code, int status) {
        if (code != null) {
            switch (code) {
                case "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound", "NoSuchVersion":
                    return Kind.NOT_FOUND;
                case "PreconditionFailed":
                    return Kind.PRECONDITION_FAILED;
                case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
                     "InvalidToken", "AllAccessDisabled":
                    return Kind.ACCESS_DENIED;
                case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests",
                     "ServiceUnavailable":
                    return Kind.THROTTLED;
                case "InternalError", "RequestTimeout", "RequestTimeTooSkewed":
                    // RequestTimeTooSkewed: a clock that jumped; retrying after it settles works.
                    return Kind.TRANSIENT;
                case "BucketAlreadyOwnedByYou", "BucketAlreadyExists", "OperationAborted", "BucketNotEmpty":
                    return Kind.CONFLICT;
                case "InvalidRange":
                    return Kind.INVALID_RANGE;
                default:
                    break;
            }
        }
        return kindOf(status);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 412 -> Kind.PRECONDITION_FAILED;
            case 401, 403 -> Kind.ACCESS_DENIED;
            case 429, 503 -> Kind.THROTTLED;
            case 409 -> Kind.CONFLICT;
            case 416 -> Kind.INVALID_RANGE;
            case 400 -> Kind.INVALID_REQUEST;
            // 408 Request Timeout and the other 5xx: the request may well work next time.
            case 408 -> Kind.TRANSIENT;
            default -> status >= 500 && status < 600 ? Kind.TRANSIENT : Kind.OTHER;
        };
    }

    /**
     * Connection refused or reset, DNS, TLS, timeouts: anything the network did. The CRT reports these as
     * an {@link SdkClientException} whose cause is a CRT runtime exception, so its package counts too.
     * A client error without such a cause (e.g. no credentials found) is not transient.
     */
    private static boolean isTransient(Throwable t) {
        if (t instanceof SdkClientException && t.getMessage() != null && t.getMessage().startsWith(CRT_IO_FAILURE)) {
            // The SDK turns every CRT error code into this message, without a cause or the code itself.
            // Network trouble is transient; a response the CRT found malformed will be malformed again.
            String crtError = t.getMessage().substring(CRT_IO_FAILURE.length()).toLowerCase(Locale.ROOT);
            return MALFORMED_RESPONSE.stream().noneMatch(crtError::contains);
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException || c instanceof UncheckedIOException || c instanceof TimeoutException) {
                return true;
            }
            if (c.getClass().getName().startsWith("software.amazon.awssdk.crt.")) {
                return true;
            }
        }
        return false;
    }

    private static String errorCode(SdkServiceException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            if (code != null && !code.isBlank()) {
                return code;
            }
        }
        return null;
    }

    private static String serviceMessage(SdkServiceException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorMessage();
        }
        String m = e.getMessage();
        return m == null ? "" : m;
    }
}
