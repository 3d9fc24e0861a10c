package io.butlerbench.service.problem;

/**
 * A request larger than a configured limit allows: answered 413 naming the limit ({@code rule}),
 * where it was passed ({@code field}) and, in the detail, the setting that holds it and its value.
 * Thrown while the body is still being read, it ends the connection, so that the rest of the body
 * is never read.
 */
public class ContentTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  public ContentTooLargeException(String field, String rule, String detail) {
    super(detail);
    this.field = field;
    this.rule = rule;
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }
}
