import { MAX_NAME, OptionalUuid, Text } from './field-decorators';

export class RegisterOrganizationDto {
  @OptionalUuid('Client-chosen id (the create is then idempotent); the server makes one if absent')
  id?: string;

  @Text('Name of the organization', MAX_NAME, 'Acme Hosting')
  name!: string;
}
