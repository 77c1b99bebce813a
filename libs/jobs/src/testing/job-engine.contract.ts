/**
 * The engine's contract suite: the same cases run against every driver set (embedded SQLite +
 * in-process dispatcher; PostgreSQL + BullMQ), so the drivers cannot drift.
 */
import { ContractHarness, type ContractOptions, type DriverFactory } from './contract/contract-harness';
import { lifecycleCases } from './contract/lifecycle.cases';
import { schedulingCases } from './contract/scheduling.cases';
import { failureCases } from './contract/failures.cases';
import { cancelCases } from './contract/cancel.cases';
import { parentCases } from './contract/parents.cases';
import { housekeepingCases } from './contract/housekeeping.cases';
import { recoveryCases } from './contract/recovery.cases';

export type { ContractOptions, DriverFactory, DriverOptions, EngineDrivers } from './contract/contract-harness';

export function describeJobEngineContract(name: string, makeDrivers: DriverFactory, contract: ContractOptions): void {
  describe(`job engine contract: ${name}`, () => {
    const h = new ContractHarness(makeDrivers, contract);
    afterEach(() => h.shutdown());

    lifecycleCases(h);
    schedulingCases(h);
    failureCases(h);
    cancelCases(h);
    parentCases(h);
    housekeepingCases(h);
    if (contract.bootRecovery) recoveryCases(h);
  });
}
