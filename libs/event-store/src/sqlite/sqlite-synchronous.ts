/** SQLite's `synchronous` modes the store accepts; FULL makes every acknowledged append survive power loss. */
export type SqliteSynchronous = 'FULL' | 'EXTRA' | 'NORMAL';

export const SYNCHRONOUS_MODES: readonly SqliteSynchronous[] = ['FULL', 'EXTRA', 'NORMAL'];
