package dev.pipedeck.change;

/**
 * A failure with a sentence a data engineer can act on. {@link #getMessage()} is that sentence: it never contains
 * a password and is fit to show in the console and the CLI as it is. The cause keeps the technical detail for the log.
 */
public class PipeDeckException extends RuntimeException {
    private final FailureKind kind;

    public PipeDeckException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PipeDeckException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == FailureKind.TRANSIENT;
    }

    public static PipeDeckException permanent(String message) {
        return new PipeDeckException(FailureKind.PERMANENT, message);
    }

    public static PipeDeckException permanent(String message, Throwable cause) {
        return new PipeDeckException(FailureKind.PERMANENT, message, cause);
    }

    public static PipeDeckException transientFailure(String message, Throwable cause) {
        return new PipeDeckException(FailureKind.TRANSIENT, message, cause);
    }
}
