/** The reference backend's keepalive in a load run: 1 Hz, as a production client would see it scaled down from 25 s. */
export const LOAD_REFERENCE_KEEPALIVE = { intervalMs: 1000, timeoutMs: 2000 };
