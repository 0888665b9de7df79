/**
 * Whether console output is coloured: only on a TTY, unless the user says otherwise with
 * NO_COLOR (never) or FORCE_COLOR (always). Unlike picocolors' own detection, `CI=true` alone
 * does not turn colours on: a CI log that is not a terminal gets plain text.
 */
import pc from 'picocolors';

export function shouldColour(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY === true && env.TERM !== 'dumb';
}

export const colours = pc.createColors(shouldColour(process.env, process.stdout.isTTY));
