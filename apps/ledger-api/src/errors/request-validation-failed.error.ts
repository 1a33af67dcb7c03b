import { FieldProblem } from './problem-details.dto';

/** A request (body, parameter or header) that fails validation: 400 with the field list. */
export class RequestValidationFailed extends Error {
  override readonly name = 'RequestValidationFailed';

  constructor(
    readonly errors: FieldProblem[],
    message = 'the request is not valid',
  ) {
    super(message);
  }
}
