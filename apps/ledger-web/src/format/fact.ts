import { formatMoney } from './money';
import { formatPeriod } from './period';

/** One line that says what a relationship fact records, from its event data. */
export function describeFact(type: string, data: Record<string, unknown>): string {
  const s = (key: string): string | undefined =>
    typeof data[key] === 'string' ? data[key] : undefined;
  const n = (key: string): number | undefined =>
    typeof data[key] === 'number' ? data[key] : undefined;
  switch (type) {
    case 'RelationshipEstablished':
      return 'Relationship established';
    case 'StakeholderAssigned':
      return `${s('name') ?? 'Stakeholder'} assigned as ${s('role') ?? '—'}`;
    case 'ServiceProvisioned':
      return `Offering ${s('offeringId') ?? ''} provisioned`;
    case 'ServiceDeprovisioned':
      return `Offering ${s('offeringId') ?? ''} deprovisioned`;
    case 'ServiceConsumed':
    case 'OutputDelivered':
      return s('description') ?? type;
    case 'OutcomeRealized':
      return `${s('description') ?? 'Outcome'} (for the ${s('stakeholderRole') ?? '—'})`;
    case 'CostRecorded': {
      const amount = s('amount') ?? (n('amount') === undefined ? undefined : String(n('amount')));
      const money = amount === undefined ? '' : formatMoney(amount, s('currency') ?? '');
      return `Cost ${s('effect') ?? ''}: ${money} — ${s('description') ?? ''}`;
    }
    case 'RiskRecorded':
      return `Risk ${s('effect') ?? ''} (${s('severity') ?? '—'}): ${s('description') ?? ''}`;
    case 'ServiceLevelMeasured': {
      const period = data.period as { start?: string; end?: string } | undefined;
      const when =
        period?.start && period.end
          ? ` in ${formatPeriod({ start: period.start, end: period.end })}`
          : '';
      const breached = data.breached === true ? ' — breached' : '';
      return `${s('metric') ?? 'availability'} ${n('actual') ?? n('availability') ?? '—'}${when} (target ${n('target') ?? '—'})${breached}`;
    }
    case 'RelationshipReviewed':
      return `Value score ${n('valueScore') ?? '—'} from the ${s('stakeholderRole') ?? '—'}${s('comment') ? `: ${s('comment')}` : ''}`;
    case 'FactRetracted':
      return `Retracted ${s('factType') ?? 'fact'} ${s('factId') ?? ''}: ${s('reason') ?? ''}`;
    case 'RelationshipEnded':
      return `Relationship ended${s('reason') ? `: ${s('reason')}` : ''}`;
    default:
      return type;
  }
}

/** "ServiceLevelMeasured" → "Service level measured". */
export function humanType(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
