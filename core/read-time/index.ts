/**
 * `sanity-plugin-newsroom/read-time`: read-time figures without React or the Studio, for servers,
 * frontends, importers and scripts.
 */
export {
  DEFAULT_READ_TIME_RATES,
  estimateReadTime,
  type EstimateReadTimeOptions,
  type ReadTimeEstimate,
  type ReadTimeRates,
} from './estimate.ts'
export {
  formatReadTime,
  READ_TIME_STYLES,
  type FormatReadTimeOptions,
  type ReadTimeStyle,
} from './format.ts'
export {isReadTimeCurrent, toReadTimeValue, type ReadTimeValue} from './value.ts'
