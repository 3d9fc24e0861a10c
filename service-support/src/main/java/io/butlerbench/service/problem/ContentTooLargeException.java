package io.butlerbench.service.problem;

/**
 * A request larger than a configured limit allows: answered 413 (not the 400 of its parent) naming
 * the limit ({@code rule}), where it was passed ({@code field}) and, in the detail, the setting
 * that holds it and its value. Thrown while the body is still being read, it ends the connection,
 * so that the rest of the body is never read.
 */
public class ContentTooLargeException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  public ContentTooLargeException(String field, String rule, String detail) {
    super(field, rule, detail);
  }
}
