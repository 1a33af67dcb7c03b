import { Module } from '@nestjs/common';
import { RelationshipTimelineController } from '../timeline/relationship-timeline.controller';
import { MeController } from './me.controller';

/** What the dashboard needs from the API beyond the projections' queries. */
@Module({ controllers: [MeController, RelationshipTimelineController] })
export class WebModule {}
