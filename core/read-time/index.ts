/**
 * `sanity-plugin-newsroom/read-time`: read-time figures without React or the Studio, for servers,
 * frontends and scripts.
 */
export {formatReadTime, type ReadTimeValue} from './format.ts'
