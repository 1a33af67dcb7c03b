import { writeFileSync } from 'node:fs';

/** A UUID made from a number, so a generated file is the same every time. */
function uuid(kind: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

export interface GeneratedImport {
  lines: string[];
  relationshipIds: string[];
  offeringId: string;
}

/**
 * A history of `relationships` relationships of one provider and one offering, with backdated
 * facts: about `commands` lines in all. Measurements are monthly (one period each), the rest
 * costs, risks, outputs and reviews spread over 2025.
 */
export function generateImport(commands: number, relationships = 40): GeneratedImport {
  const providerId = uuid(1, 1);
  const offeringId = uuid(3, 1);
  const line = (command: string, body: object, id?: string, as?: string) =>
    JSON.stringify({ command, ...(id === undefined ? {} : { id }), body, ...(as ? { as } : {}) });
  const lines = [
    line('RegisterOrganization', { id: providerId, name: 'Acme IT' }),
    line('PublishOffering', {
      id: offeringId,
      providerId,
      name: 'Managed e-mail',
      targetConsumerGroup: 'small firms',
      goods: [],
      resourceAccess: ['mailbox'],
      serviceActions: ['support desk'],
      utility: ['mail'],
      warranty: {
        serviceLevels: [
          { metric: 'availability', target: 99.5, comparison: 'at-least', unit: 'percent' },
        ],
      },
      effectiveFrom: '2024-01-01T00:00:00Z',
    }),
  ];
  const relationshipIds: string[] = [];
  for (let r = 1; r <= relationships; r++) {
    const consumerId = uuid(2, r);
    const relationshipId = uuid(4, r);
    relationshipIds.push(relationshipId);
    lines.push(
      line('RegisterOrganization', { id: consumerId, name: `Consumer ${r}` }),
      line('EstablishRelationship', {
        id: relationshipId,
        providerId,
        consumerId,
        occurredAt: '2024-01-01T00:00:00Z',
      }),
      line('ProvisionService', { offeringId, occurredAt: '2024-01-01T00:00:00Z' }, relationshipId),
      line('AssignStakeholder', { role: 'customer', name: `Customer ${r}` }, relationshipId),
    );
  }
  const perRelationship = Math.ceil((commands - lines.length) / relationships);
  for (let i = 0; lines.length < commands; i++) {
    const r = i % relationships;
    const relationshipId = relationshipIds[r];
    const k = Math.floor(i / relationships);
    const day = new Date(Date.UTC(2025, 0, 1) + (k % 365) * 86_400_000).toISOString();
    switch (k % 5) {
      case 0: {
        // One measured month each, in order: 2024-01 onwards.
        const month = Math.floor(k / 5);
        lines.push(
          line(
            'MeasureServiceLevel',
            {
              offeringId,
              metric: 'availability',
              actual: 99 + ((k * 7) % 10) / 10,
              period: {
                start: new Date(Date.UTC(2024, month, 1)).toISOString(),
                end: new Date(Date.UTC(2024, month + 1, 1)).toISOString(),
              },
            },
            relationshipId,
          ),
        );
        break;
      }
      case 1:
        lines.push(
          line(
            'RecordCost',
            {
              effect: 'removed',
              amount: `${k}.25`,
              currency: 'EUR',
              description: 'licence',
              occurredAt: day,
            },
            relationshipId,
          ),
        );
        break;
      case 2:
        lines.push(
          line('DeliverOutput', { description: `report ${k}`, occurredAt: day }, relationshipId),
        );
        break;
      case 3:
        lines.push(
          line(
            'RecordRisk',
            { effect: 'removed', description: 'outage', severity: 'low', occurredAt: day },
            relationshipId,
          ),
        );
        break;
      default:
        lines.push(
          line(
            'ReviewRelationship',
            { stakeholderRole: 'customer', valueScore: 1 + (k % 5), occurredAt: day },
            relationshipId,
          ),
        );
    }
  }
  void perRelationship;
  return { lines, relationshipIds, offeringId };
}

export function writeImportFile(file: string, lines: readonly string[]): void {
  writeFileSync(file, `${lines.join('\n')}\n`);
}
