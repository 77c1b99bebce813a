import { DiscoveryService } from '@nestjs/core';
import type { JobType } from '@atelier/contracts';

/** Marks an injectable class as the handler of one job type; the jobs module discovers it at boot. */
export const JobHandlerFor = DiscoveryService.createDecorator<JobType>();
