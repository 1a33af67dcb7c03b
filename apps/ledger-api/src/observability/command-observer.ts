import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Subscription } from 'rxjs';
import { currentRequestContext } from './request-context';

/** The command's type: the intent's (`EndRelationship`), else the command class's name. */
export function commandTypeOf(command: object): string {
  const intent = (command as { intent?: { type?: unknown } }).intent;
  return typeof intent?.type === 'string' ? intent.type : command.constructor.name;
}

/**
 * Watches the command bus: the type of the command a request executes goes into that
 * request's context, so its log line and the command metrics name it. The bus publishes
 * synchronously inside `execute`, that is inside the request's async context.
 */
@Injectable()
export class CommandObserver implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(private readonly commandBus: CommandBus) {}

  onModuleInit(): void {
    this.subscription = this.commandBus.subscribe((command: object) => {
      const context = currentRequestContext();
      if (context) context.command = commandTypeOf(command);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
