import { decodeSortedCursor, PageRequest, SortedCursor } from '@app/projections';
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

/** The decoded cursor of a sorted list; 400 when it is not one of this list and sort. */
export function sortedCursor(cursor: string | undefined, sort: string): SortedCursor | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeSortedCursor(cursor);
  if (decoded === undefined || decoded.sort !== sort) {
    throw new RequestValidationFailed([
      {
        field: 'cursor',
        messages: ['cursor must be the nextCursor of a page of this list and sort'],
      },
    ]);
  }
  return decoded;
}
