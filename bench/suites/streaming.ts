/**
 * Streaming overhead: one local OpenAI-format upstream streaming a 1,000-token answer as fast as the
 * socket takes it (and a variant where the model first calls the read tool getReports), answered
 * through four servers, each its own process: the raw byte pass-through (the floor), the guide's
 * forwarder, the Vercel AI SDK, and OrganiChart's `POST /api/chat/stream` (in memory mode and in
 * Redis mode). A separate client process measures the time to first text, each token's latency
 * and each server's CPU; every figure is shown beside the pass-through's from the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAppServer, type AppServer } from '../../tests/helpers/app-server';
import type { ClientConfig, ClientTarget, TargetResult } from '../streaming/client';
import { PLAIN_QUESTION, TOOL_QUESTION } from '../streaming/scenario';
import { median, ms, p99, ratio } from '../lib/stats';
import type { BenchContext, BenchSuite, Goal, Table } from '../lib/suite';

const root = resolve(import.meta.dirname, '..', '..');
const CLIENT_TIMEOUT_MS = 15 * 60_000;

type Server = { name: string; label: string; pid: number; target: Omit<ClientTarget, 'name' | 'body'> & { question: (text: string) => Record<string, unknown> } };

/** Starts a bench process (TypeScript through tsx) that prints "listening <port>". */
async function startListening(file: string, args: string[], processes: ChildProcess[]): Promise<{ child: ChildProcess; port: number }> {
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'streaming', file), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	processes.push(child);
	let output = '';
	const port = await new Promise<number>((resolvePort, reject) => {
		const timer = setTimeout(() => reject(new Error(`${file} did not start within 30 s:\n${output}`)), 30_000);
		child.stdout!.on('data', (chunk) => {
			output += chunk;
			const match = /listening (\d+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolvePort(Number(match[1]));
			}
		});
		child.stderr!.on('data', (chunk) => (output += chunk));
		child.once('exit', (code) => reject(new Error(`${file} exited (${code}):\n${output}`)));
	});
	child.removeAllListeners('exit');
	return { child, port };
}

async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
	const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
	process.kill(child.pid, 'SIGTERM');
	const timer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 3_000);
	await exited;
	clearTimeout(timer);
}

/** Runs the client process over every target; its figures. */
async function runClient(context: BenchContext, config: ClientConfig, processes: ChildProcess[]): Promise<TargetResult[]> {
	const configPath = join(context.tmpDir, 'client-config.json');
	const resultPath = join(context.tmpDir, 'client-result.json');
	writeFileSync(configPath, JSON.stringify(config));
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'streaming', 'client.ts'), configPath, resultPath], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'pipe']
	});
	processes.push(child);
	let errors = '';
	child.stderr!.on('data', (chunk) => (errors += chunk));
	const code = await new Promise<number | null>((resolveExit) => {
		const timer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), CLIENT_TIMEOUT_MS);
		child.once('exit', (exitCode) => {
			clearTimeout(timer);
			resolveExit(exitCode);
		});
	});
	if (code !== 0) throw new Error(`The streaming client failed (${code}):\n${errors}`);
	return JSON.parse(readFileSync(resultPath, 'utf8')) as TargetResult[];
}

function organichart(app: AppServer, label: string, name: string): Server {
	const url = new URL(app.url);
	return {
		name,
		label,
		pid: app.process.pid!,
		target: {
			url: `${app.url}/api/chat/stream`,
			pid: app.process.pid!,
			format: 'guide',
			headers: { origin: url.origin, cookie: app.admin!.cookie, accept: 'text/event-stream' },
			clientMessageId: true,
			question: (text) => ({ text, orgId: 'acme' })
		}
	};
}

export const streamingSuite: BenchSuite = {
	id: 'streaming',
	title: 'Streaming overhead: OrganiChart beside the raw pass-through, the guide’s forwarder and the Vercel AI SDK',
	async run(context) {
		const tokens = context.smoke ? 50 : 1000;
		const answers = context.smoke ? 2 : 20;
		const processes: ChildProcess[] = [];
		const apps: AppServer[] = [];
		const notes: string[] = [];
		try {
			const upstream = await startListening('upstream.ts', [`--tokens=${tokens}`], processes);
			const upstreamUrl = `http://127.0.0.1:${upstream.port}/v1`;
			context.log(`upstream on ${upstream.port}; starting the servers`);
			const servers: Server[] = [];
			const peers = [
				['raw', 'raw byte pass-through (the floor)', 'openai'],
				['forwarder', "the guide's forwarder (openai SDK, one write per chunk)", 'guide'],
				['ai-sdk', 'Vercel AI SDK streamText → UI message stream', 'ui-message-stream']
			] as const;
			for (const [kind, label, format] of peers) {
				const peer = await startListening('peer-server.ts', [`--kind=${kind}`, `--upstream=${upstreamUrl}`], processes);
				servers.push({
					name: kind,
					label,
					pid: peer.child.pid!,
					target: { url: `http://127.0.0.1:${peer.port}/chat`, pid: peer.child.pid!, format, headers: {}, question: (text) => ({ text }) }
				});
			}
			const appEnv = { OPENAI_BASE_URL: upstreamUrl, OPENAI_API_KEY: 'sk-bench', OPENAI_MODEL: 'bench-model', CHAT_RUNS_PER_MINUTE: '1000000' };
			const appStart = performance.now();
			const memoryApp = await startAppServer(appEnv);
			context.log(`OrganiChart started in ${ms(performance.now() - appStart)}`);
			apps.push(memoryApp);
			servers.push(organichart(memoryApp, 'OrganiChart /api/chat/stream (memory)', 'organichart'));
			if (context.smoke) notes.push('Smoke mode: 50-token answers, 2 each, memory mode only; the figures mean nothing.');
			else if (!context.redisUrl) notes.push('Redis mode not measured: TEST_REDIS_URL is not set.');
			else {
				const redisApp = await startAppServer({ ...appEnv, REDIS_URL: context.redisUrl });
				apps.push(redisApp);
				servers.push(organichart(redisApp, 'OrganiChart /api/chat/stream (Redis)', 'organichart-redis'));
			}

			const answerSize = `${tokens.toLocaleString('en')}-token answer`;
			const variants = [
				{ id: 'plain', title: `a ${answerSize}`, question: PLAIN_QUESTION },
				{ id: 'tools', title: `a getReports call, then a ${answerSize}`, question: TOOL_QUESTION }
			];
			const targets: ClientTarget[] = variants.flatMap((variant) =>
				servers.map(({ name, target: { question, ...target } }) => ({ ...target, name: `${name}|${variant.id}`, body: question(variant.question) }))
			);
			context.log(`${targets.length} targets × ${answers} answers of ${tokens} tokens`);
			const results = await runClient(
				context,
				{ upstream: `http://127.0.0.1:${upstream.port}`, tokens, warmup: context.smoke ? 0 : 3, answers, rounds: context.smoke ? 1 : 2, settleMs: context.smoke ? 100 : 1500, targets },
				processes
			);
			const byName = new Map(results.map((result) => [result.name, result]));

			const tables: Table[] = [];
			const goals: Goal[] = [];
			const data: Record<string, unknown> = { tokens, answers };
			for (const variant of variants) {
				const figures = servers.map((server) => {
					const result = byName.get(`${server.name}|${variant.id}`)!;
					return {
						server,
						ttftP50: median(result.timeToFirstText),
						ttftP99: p99(result.timeToFirstText),
						latency: median(result.eventLatency),
						duration: median(result.duration),
						cpuPer1000: (result.cpuMs / result.answers) * (1000 / tokens)
					};
				});
				const [raw] = figures;
				tables.push({
					title: `Streaming ${variant.title} (median of ${answers} answers each)`,
					description:
						'Added figures are this server minus the raw pass-through. Per-event latency: from the upstream writing a token to the client reading it, averaged over the answer. CPU: the server process’s user+system time over all its answers (from /proc), per 1,000 tokens.',
					columns: ['server', 'time to first text p50', 'added p50', 'added p99', 'added per-event latency', 'CPU per 1,000 tokens', 'vs raw'],
					rows: figures.map((figure) => [
						figure.server.label,
						ms(figure.ttftP50),
						figure === raw ? '0' : ms(figure.ttftP50 - raw.ttftP50),
						figure === raw ? '0' : ms(figure.ttftP99 - raw.ttftP99),
						figure === raw ? `0 (${ms(raw.latency)})` : ms(figure.latency - raw.latency),
						ms(figure.cpuPer1000),
						ratio(figure.cpuPer1000, raw.cpuPer1000)
					])
				});
				data[variant.id] = figures.map(({ server, ...figure }) => ({ server: server.name, ...figure, raw: byName.get(`${server.name}|${variant.id}`) }));

				const find = (name: string) => figures.find((figure) => figure.server.name === name);
				const ours = find('organichart')!;
				const peersOf = [find('forwarder')!, find('ai-sdk')!];
				const addedTtft = ours.ttftP50 - raw.ttftP50;
				goals.push({ name: `${variant.id}: added time to first text, p50 (memory mode)`, target: '≤ 2 ms', measured: ms(addedTtft), met: addedTtft <= 2 });
				goals.push({
					name: `${variant.id}: CPU per 1,000 tokens vs the raw pass-through (memory mode)`,
					target: '≤ 1.5×',
					measured: ratio(ours.cpuPer1000, raw.cpuPer1000),
					met: ours.cpuPer1000 <= 1.5 * raw.cpuPer1000
				});
				const peerTtft = Math.min(...peersOf.map((peer) => peer.ttftP50));
				const peerCpu = Math.min(...peersOf.map((peer) => peer.cpuPer1000));
				goals.push({
					name: `${variant.id}: below the guide's forwarder and the AI SDK on both figures`,
					target: `< ${ms(peerTtft)} to first text and < ${ms(peerCpu)} CPU`,
					measured: `${ms(ours.ttftP50)}, ${ms(ours.cpuPer1000)}`,
					met: ours.ttftP50 < peerTtft && ours.cpuPer1000 < peerCpu
				});
				const redis = find('organichart-redis');
				if (redis) {
					const worst = Math.max(redis.ttftP50 / ours.ttftP50, redis.cpuPer1000 / ours.cpuPer1000);
					goals.push({
						name: `${variant.id}: Redis mode within 1.3× of memory mode (time to first text and CPU)`,
						target: '≤ 1.3×',
						measured: `${ratio(redis.ttftP50, ours.ttftP50)} time to first text, ${ratio(redis.cpuPer1000, ours.cpuPer1000)} CPU`,
						met: worst <= 1.3
					});
				}
			}
			return { tables, goals, notes, data };
		} finally {
			for (const app of apps) await app.stop().catch(() => {});
			for (const child of processes) await stopProcess(child).catch(() => {});
		}
	}
};
