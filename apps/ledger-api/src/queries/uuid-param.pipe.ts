import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are UUIDs: anything else is a 400 naming the parameter, not a 404. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}

  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new RequestValidationFailed([
        { field: this.name, messages: [`${this.name} must be a UUID`] },
      ]);
    }
    return value.toLowerCase();
  }
}
