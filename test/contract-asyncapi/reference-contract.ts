/** Where the reference backend's AsyncAPI document is, and its contract, for the tests that run with it on. */
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../harness/contract/validate.js';

export const REFERENCE_ASYNCAPI = fileURLToPath(new URL('../../profiles/reference.asyncapi.yaml', import.meta.url));

export const referenceContract = () => loadContract(REFERENCE_ASYNCAPI);
