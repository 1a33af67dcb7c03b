/**
 * Typed domain errors; one exception filter at the HTTP edge maps them to problem+json
 * (NotFound → 404, RuleViolated → 409).
 */
export class NotFound extends Error {
  override readonly name = 'NotFound';

  constructor(
    readonly aggregate: string,
    readonly id: string,
  ) {
    super(`${aggregate} ${id} not found`);
  }
}

export class RuleViolated extends Error {
  override readonly name = 'RuleViolated';

  /** `rule` is a short stable code (e.g. `relationship-ended`); `message` says it for people. */
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}
