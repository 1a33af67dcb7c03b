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

/**
 * A command field the domain cannot accept whatever the state (e.g. an `occurredAt` in the
 * future): the caller's input is wrong, not the moment (HTTP 400, naming the field).
 */
export class InvalidInput extends Error {
  override readonly name = 'InvalidInput';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
