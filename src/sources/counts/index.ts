export type { CountImportResult, CountImportSummary } from './count-import-result.js';
export type { CountLineError, CountLineErrorReason } from './count-line-error.js';
export { importCounts } from './import-counts.js';
export type { ImportCountsOptions } from './import-counts.js';
export type { CountSource } from './read-lines.js';
export { countFileFault } from './count-file-fault.js';
export type { CountFileRefusal } from './count-file-fault.js';
