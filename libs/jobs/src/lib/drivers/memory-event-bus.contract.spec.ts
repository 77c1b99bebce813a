import { describeEventBusContract } from '../../testing';
import { MemoryEventBus } from './memory-event-bus';

// Ids from 1, so the cases cross 9→10, 99→100 and 999→1000 here as on a fresh PostgreSQL log.
describeEventBusContract('embedded (MemoryEventBus)', async ({ retain }) => {
  const bus = new MemoryEventBus(retain, 1);
  return { bus, close: async () => bus.complete() };
});
