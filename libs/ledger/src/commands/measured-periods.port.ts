import { ImprovementSubject, MeasuredPeriod } from '@app/domain';

/**
 * Reads the unretracted measured periods of a metric on an improvement's subject, as far as the
 * log goes when asked: for a relationship its own measurements, for an offering those of every
 * relationship that provisions it. Handed to the improvement handler, which passes the values
 * into the pure domain in the command (the domain reads nothing itself).
 */
export interface MeasuredPeriodsReader {
  read(subject: ImprovementSubject, metric: string): Promise<MeasuredPeriod[]>;
}

/** Injection token of the process's MeasuredPeriodsReader (absent where no read models run). */
export const MEASURED_PERIODS = Symbol('MEASURED_PERIODS');
