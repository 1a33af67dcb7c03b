import { Effect, RISK_SEVERITIES, RiskSeverity } from '@app/domain';

export type SeverityCounts = Record<RiskSeverity, number>;

/** Risks counted by effect and severity (every severity present, 0 when none). */
export interface RisksBySeverity {
  removed: SeverityCounts;
  imposed: SeverityCounts;
}

function noSeverities(): SeverityCounts {
  return Object.fromEntries(RISK_SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}

export function emptyRisks(): RisksBySeverity {
  return { removed: noSeverities(), imposed: noSeverities() };
}

/** Counts a risk (`sign` 1) or takes a retracted one back (`sign` -1). */
export function addRisk(
  risks: RisksBySeverity,
  effect: Effect,
  severity: RiskSeverity,
  sign: 1 | -1 = 1,
): void {
  risks[effect][severity] += sign;
}

export function sumRisks(all: Iterable<RisksBySeverity>): RisksBySeverity {
  const sum = emptyRisks();
  for (const risks of all) {
    for (const effect of ['removed', 'imposed'] as const) {
      for (const severity of RISK_SEVERITIES) sum[effect][severity] += risks[effect][severity];
    }
  }
  return sum;
}
