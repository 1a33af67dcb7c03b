export * from './system-proposals';
export * from './breach-streak-pending.event';
export * from './propose-improvement-for-breach-streak.command';
export * from './propose-improvement-for-breach-streak.handler';
export * from './breach-streak.saga';
export * from './process-manager-reactions';
export * from './process-managers.module';
