/**
 * The named judges scenarios call: each turns plain observations (timelines, measured ms,
 * counts) into a diagnosis, or null when nothing is wrong. Grouped by topic, one file each.
 */
export * from './auth.js';
export * from './chaos.js';
export * from './client-flap.js';
export * from './client-outage.js';
export * from './client-restart.js';
export * from './close.js';
export * from './health.js';
export * from './keepalive.js';
export * from './load-herd.js';
export * from './replies.js';
export * from './warmup.js';
export * from './welcome.js';
