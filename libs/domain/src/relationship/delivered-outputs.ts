import type { EstablishedRelationship } from './relationship.state';

/*
 * The delivered outputs are not kept beside the facts: an output is delivered while the fact
 * recorded under its id is an OutputDelivered not retracted (decide gives each fact an id of
 * its own, so no other fact takes an output's id).
 */

/** Whether this output was delivered in the relationship and not retracted. */
export function isOutputDelivered(
  relationship: EstablishedRelationship,
  outputId: string,
): boolean {
  const fact = relationship.facts.get(outputId);
  return fact !== undefined && fact.factType === 'OutputDelivered' && !fact.retracted;
}

/** The outputs delivered and not retracted, in the order delivered. */
export function deliveredOutputIds(relationship: EstablishedRelationship): string[] {
  const ids: string[] = [];
  for (const [factId, fact] of relationship.facts.entries()) {
    if (fact.factType === 'OutputDelivered' && !fact.retracted) ids.push(factId);
  }
  return ids;
}
