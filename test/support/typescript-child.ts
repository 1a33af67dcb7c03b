/** Node's arguments that run a TypeScript file of this repo in a child process (as jest does). */
export const RUN_TYPESCRIPT: readonly string[] = [
  '-r',
  'ts-node/register/transpile-only',
  '-r',
  'tsconfig-paths/register',
];
