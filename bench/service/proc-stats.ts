// CPU time and peak memory of a process from Linux's /proc, for comparing two services that run as
// separate processes. Parsing is pure; readProcStats does the reading.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStats {
  /** utime + stime of all the process' threads, in seconds. */
  readonly cpuSec: number;
  /**
   * Children: cutime + cstime (waited-for children: fail2ban's action shells), plus all CPU time of
   * live children and what they waited for (fail2nft's firewall helper and its nft processes), in s.
   */
  readonly childCpuSec: number;
  /** VmHWM: the largest resident set so far, in KiB. */
  readonly peakRssKiB: number;
}

/** Linux reports times in USER_HZ ticks, which is 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime (fields 14-17 of /proc/PID/stat) in seconds. */
export function parseProcStat(text: string): { cpuSec: number; childCpuSec: number } {
  // The command name (field 2) is in parentheses and may contain spaces and ')'; fields follow the last ')'.
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/PID/stat line: ${JSON.stringify(text.slice(0, 80))}`);
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const field = (n: number): number => {
    const value = Number(fields[n - 3]);
    if (!Number.isFinite(value)) throw new Error(`/proc/PID/stat field ${n} is not a number`);
    return value;
  };
  return {
    cpuSec: (field(14) + field(15)) / TICKS_PER_SECOND,
    childCpuSec: (field(16) + field(17)) / TICKS_PER_SECOND,
  };
}

/** VmHWM from /proc/PID/status, in KiB; 0 when absent (a kernel thread or a zombie). */
export function parsePeakRssKiB(statusText: string): number {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(statusText);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

/** Process ids in /proc/PID/task/TID/children, over all threads (the kernel lists them per thread). */
function liveChildren(pid: number | 'self'): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    for (const child of text.trim().split(/\s+/)) if (child !== '') found.push(Number(child));
  }
  return found;
}

/** CPU seconds of a live child: its own and its waited-for children's; 0 when it ended meanwhile. */
function childCpu(pid: number): number {
  try {
    const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return stat.cpuSec + stat.childCpuSec;
  } catch {
    return 0;
  }
}

/** Reads both files and the live children's times; throws when the process is gone. */
export function readProcStats(pid: number | 'self'): ProcStats {
  const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const peakRssKiB = parsePeakRssKiB(readFileSync(`/proc/${pid}/status`, 'utf8'));
  let childCpuSec = stat.childCpuSec;
  for (const child of liveChildren(pid)) childCpuSec += childCpu(child);
  return { cpuSec: stat.cpuSec, childCpuSec, peakRssKiB };
}
