export { averageUnitsPerDay } from './average-units-per-day.js';
export { computeVelocity } from './compute-velocity.js';
export type { LocalDayRange } from './counted-day-ranges.js';
export { countedDayRanges } from './counted-day-ranges.js';
export { describeCountedDays } from './describe-counted-days.js';
export type { DefaultVelocity } from './default-velocity.js';
export { defaultVelocity } from './default-velocity.js';
export type { LocalDay } from './local-day.js';
export { addLocalDays, isLocalDay, listLocalDays } from './local-day.js';
export { isValidTimeZone, localDayLengthMs, localDayOf, startOfLocalDay } from './local-day-of.js';
export { outOfStockFractions } from './out-of-stock-fractions.js';
export type { OffsetInstant } from './parse-offset-instant.js';
export { parseOffsetInstant } from './parse-offset-instant.js';
export type { SalesCsvHeader, SalesCsvHeaderResult } from './parse-sales-csv-header.js';
export { parseSalesCsvHeader } from './parse-sales-csv-header.js';
export type {
  SalesCsvDayRow,
  SalesCsvInstantRow,
  SalesCsvLineResult,
  SalesCsvRow,
} from './parse-sales-csv-line.js';
export { parseSalesCsvLine } from './parse-sales-csv-line.js';
export type { AnySaleRecord, DailySaleRecord, SaleRecord } from './sale-record.js';
export type { SalesCsvError, SalesCsvErrorReason } from './sales-csv-error.js';
export { splitCsvLine } from './split-csv-line.js';
export type { StockOutDay, StockOutHistory, StockOutInterval } from './stock-out.js';
export type {
  Velocity,
  VelocityDefaultReason,
  VelocityDefaults,
  VelocityInput,
  VelocityResult,
  VelocitySource,
  VelocityWindow,
} from './velocity.js';
export { VelocityError } from './velocity-error.js';
export type { VelocityErrorCode } from './velocity-error.js';
