/**
 * The diagnoses of a load run, aggregated: per code, how many connections got it and the first
 * one (its summary as the example, when it came and how many connections were open then):
 * "312 of 10 000 connections: INTERNAL_ERROR_BEFORE_WELCOME (server closed 1011 "Service
 * unavailable" 51 ms after open, before the welcome), first at 4.2 s, when 2 300 were open".
 * Serialisable and mergeable (worker processes, shards): counts add up, the earliest first wins.
 */
import type { AnyDiagnosisCode as DiagnosisCode } from '../diagnose/codes.js';

export interface DiagnosisCount {
  code: DiagnosisCode;
  count: number;
  first: {
    /** ms since the run started. */
    atMs: number;
    /** Connections open at that moment. */
    openAtFirst: number;
    summary: string;
  };
}

export class DiagnosisTally {
  private readonly byCode = new Map<DiagnosisCode, DiagnosisCount>();

  add(code: DiagnosisCode, summary: string, atMs: number, openNow: number): void {
    const seen = this.byCode.get(code);
    if (!seen) this.byCode.set(code, { code, count: 1, first: { atMs, openAtFirst: openNow, summary } });
    else {
      seen.count++;
      if (atMs < seen.first.atMs) seen.first = { atMs, openAtFirst: openNow, summary };
    }
  }

  /** Total connections with a diagnosis. */
  get failed(): number {
    let n = 0;
    for (const c of this.byCode.values()) n += c.count;
    return n;
  }

  count(code: DiagnosisCode): number {
    return this.byCode.get(code)?.count ?? 0;
  }

  /** Most frequent first (then the earliest). */
  counts(): DiagnosisCount[] {
    return [...this.byCode.values()].sort((a, b) => b.count - a.count || a.first.atMs - b.first.atMs).map((c) => ({ ...c, first: { ...c.first } }));
  }

  toJSON(): DiagnosisCount[] {
    return this.counts();
  }

  static fromJSON(list: readonly DiagnosisCount[]): DiagnosisTally {
    const t = new DiagnosisTally();
    for (const c of list) t.merge(c);
    return t;
  }

  /** Add another tally's count of one code. */
  merge(c: DiagnosisCount): void {
    const seen = this.byCode.get(c.code);
    if (!seen) this.byCode.set(c.code, { ...c, first: { ...c.first } });
    else {
      seen.count += c.count;
      if (c.first.atMs < seen.first.atMs) seen.first = { ...c.first };
    }
  }
}

/** 10000 → "10 000". */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** One line of the aggregate, as the console, summary.md and junit.xml show it. */
export function describeCount(c: DiagnosisCount, total: number): string {
  return `${groupDigits(c.count)} of ${groupDigits(total)} connections: ${c.code} (${c.first.summary}), first at ${seconds(c.first.atMs)}, when ${groupDigits(c.first.openAtFirst)} were open`;
}
