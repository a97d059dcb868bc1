/**
 * The system's monotonic clock in milliseconds (`process.hrtime`, CLOCK_MONOTONIC on Linux): one
 * clock for every process of the machine, so a time the load generator writes can be read by the
 * benchmark process. (`performance.timeOrigin + performance.now()` is not: each process fixes its
 * own origin, and two processes' readings differed by several milliseconds.)
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
