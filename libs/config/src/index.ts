// One configuration for the API and the CLI: both read the environment through
// loadLedgerConfig, so they accept and refuse the same values.
export * from './config-error';
export * from './ledger-config';
export * from './roles';
