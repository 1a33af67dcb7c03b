import { Decider } from '../shared/decider';
import { OfferingCommand } from './offering.commands';
import { decideOffering } from './offering.decide';
import { OfferingEvent } from './offering.events';
import { evolveOffering, initialOfferingState, OfferingState } from './offering.state';

export const offeringDecider: Decider<OfferingCommand, OfferingEvent, OfferingState> = {
  initialState: () => initialOfferingState,
  evolve: evolveOffering,
  decide: decideOffering,
};
