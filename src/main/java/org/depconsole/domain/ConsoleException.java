package org.depconsole.domain;

/**
 * Base of every failure the console explains to its user. The message is one sentence that names
 * the problem and the fix, looked up in the {@code i18n/messages} bundle by {@link #messageKey()};
 * {@link #getMessage()} gives it in the default locale so the command line and logs can print it.
 * Messages never contain secrets.
 */
public class ConsoleException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public ConsoleException(String messageKey, Object... args) {
        this(null, messageKey, args);
    }

    public ConsoleException(Throwable cause, String messageKey, Object... args) {
        super(Messages.format(messageKey, args), cause);
        this.messageKey = messageKey;
        this.args = args == null ? new Object[0] : args.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
