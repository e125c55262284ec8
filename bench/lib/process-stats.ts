/** CPU time and memory of another process (a server under test), read from /proc (Linux). */
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time the process has used so far, in ms. */
export function cpuTimeMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command (which may hold spaces) start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of the process, in bytes. */
export function residentBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /VmRSS:\s+(\d+) kB/.exec(status);
	return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** The most resident memory the process has had so far, in bytes (VmHWM). */
export function peakResidentBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /VmHWM:\s+(\d+) kB/.exec(status);
	return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** CPU ms a process spends while `work` runs. */
export async function cpuDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
	const before = cpuTimeMs(pid);
	const result = await work();
	return { result, cpuMs: cpuTimeMs(pid) - before };
}
