/**
 * The directory ws-chaos runs from (the repository in source, the package once installed): the
 * one place the CLI finds its own files from. Its own file so that every command can import it
 * without importing another command (cli/run.ts and cli/run-client.ts once imported each other).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
