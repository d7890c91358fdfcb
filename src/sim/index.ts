export type {
  ClaimBasisOf,
  HoldBook,
  HoldBookContext,
  HoldBookFactory,
  HoldLine,
  HoldPlacement,
  HoldRequest,
  ShortHoldLine,
} from './hold-book.js';
export { RuleHoldBook } from './rule-hold-book.js';
export type { SimulateArgs } from './parse-simulate-args.js';
export { parseSimulateArgs, parseSimulateFlags } from './parse-simulate-args.js';
export { POLICY_DESCRIPTIONS } from './policy-traits.js';
export { renderReport } from './report/render-report.js';
export type { WrittenReport } from './report/write-simulation-report.js';
export { writeSimulationReport } from './report/write-simulation-report.js';
export { resolveSettings } from './resolve-settings.js';
export { runSimulation } from './run-simulation.js';
export type { SimulateFlag } from './simulate-flags.js';
export { SIMULATE_FLAGS } from './simulate-flags.js';
export { renderProgressBar } from './render-progress-bar.js';
export type {
  BufferSetting,
  OpeningHours,
  PolicyName,
  ReplenishmentSettings,
  SimulationOptions,
  SimulationProgress,
  SimulationSettings,
  VelocitySettings,
} from './simulation-options.js';
export { DEFAULT_SETTINGS, POLICY_NAMES } from './simulation-options.js';
export type { PolicyOutcome, SimulationResult } from './simulation-result.js';
