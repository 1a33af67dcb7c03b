import { PageRequest } from '@app/projections';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';
import { DEFAULT_PAGE, PageParams } from './query-params.dto';

/** Pages by cursor or by offset, not both. */
export function pageRequest(params: PageParams): PageRequest {
  if (params.cursor !== undefined && params.offset !== undefined) {
    throw new RequestValidationFailed([
      { field: 'offset', messages: ['give cursor or offset, not both'] },
    ]);
  }
  return { limit: params.limit ?? DEFAULT_PAGE, cursor: params.cursor, offset: params.offset };
}
