import { assertNever } from '../shared/assert-never';
import { OfferingDescription, OfferingEvent } from './offering.events';

/** Once published an offering can be revised until it is retired; retirement is final. */
export type OfferingState =
  | { status: 'unpublished' }
  | {
      status: 'published' | 'retired';
      offeringId: string;
      providerId: string;
      description: OfferingDescription;
      /** How many times the description was revised since publication. */
      revisions: number;
    };

export const initialOfferingState: OfferingState = { status: 'unpublished' };

export function evolveOffering(state: OfferingState, event: OfferingEvent): OfferingState {
  switch (event.type) {
    case 'OfferingPublished': {
      const { offeringId, providerId, ...description } = event.data;
      return { status: 'published', offeringId, providerId, description, revisions: 0 };
    }
    case 'OfferingRevised': {
      if (state.status === 'unpublished') return state;
      const { offeringId: _id, ...description } = event.data;
      return { ...state, description, revisions: state.revisions + 1 };
    }
    case 'OfferingRetired':
      return state.status === 'unpublished' ? state : { ...state, status: 'retired' };
    default:
      return assertNever(event, 'offering event');
  }
}
