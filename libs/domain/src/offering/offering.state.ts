import { assertNever } from '../shared/assert-never';
import { OfferingDescription, OfferingEvent } from './offering.events';
import { WarrantyRevision } from './warranty-in-force';

/**
 * Once published an offering can be revised until it is retired; retirement is final and stops
 * new provisions only.
 */
export type OfferingState =
  | { status: 'unpublished' }
  | {
      status: 'published' | 'retired';
      offeringId: string;
      providerId: string;
      /** The description of the latest publication or revision recorded. */
      description: OfferingDescription;
      /** When the publication took effect: no revision may take effect before it. */
      publishedFrom: string;
      /** How many times the description was revised since publication. */
      revisions: number;
      /** Every warranty stated, in recorded order: measurements are judged by the one in force. */
      warranties: readonly WarrantyRevision[];
    };

export const initialOfferingState: OfferingState = { status: 'unpublished' };

export function evolveOffering(state: OfferingState, event: OfferingEvent): OfferingState {
  switch (event.type) {
    case 'OfferingPublished': {
      const { offeringId, providerId, effectiveFrom, ...description } = event.data;
      return {
        status: 'published',
        offeringId,
        providerId,
        description,
        publishedFrom: effectiveFrom,
        revisions: 0,
        warranties: [{ effectiveFrom, serviceLevels: description.warranty.serviceLevels }],
      };
    }
    case 'OfferingRevised': {
      if (state.status === 'unpublished') return state;
      const { offeringId: _id, effectiveFrom, ...description } = event.data;
      return {
        ...state,
        description,
        revisions: state.revisions + 1,
        // Appended, never copied: a state is not changed once folded (see the evolve spec).
        warranties: state.warranties.concat([
          { effectiveFrom, serviceLevels: description.warranty.serviceLevels },
        ]),
      };
    }
    case 'OfferingRetired':
      return state.status === 'unpublished' ? state : { ...state, status: 'retired' };
    default:
      return assertNever(event, 'offering event');
  }
}
