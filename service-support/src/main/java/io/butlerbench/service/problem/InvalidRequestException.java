package io.butlerbench.service.problem;

/** Input that breaks a rule; answered with 400 naming the field and the rule. */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  public InvalidRequestException(String field, String rule, String detail) {
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
