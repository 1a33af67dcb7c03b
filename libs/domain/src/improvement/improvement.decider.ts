import { Decider } from '../shared/decider';
import { ImprovementCommand } from './improvement.commands';
import { decideImprovement } from './improvement.decide';
import { ImprovementEvent } from './improvement.events';
import { evolveImprovement, ImprovementState, initialImprovementState } from './improvement.state';

export const improvementDecider: Decider<ImprovementCommand, ImprovementEvent, ImprovementState> = {
  initialState: () => initialImprovementState,
  evolve: evolveImprovement,
  decide: decideImprovement,
};
