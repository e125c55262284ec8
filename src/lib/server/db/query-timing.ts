/**
 * Times every statement at the driver, below Drizzle, so the metric is the database's answer time
 * and not Drizzle's logger (which is told of a query before it runs and never after): each
 * PostgreSQL connection's `query`, and PGlite's `query`/`exec`, inside transactions too.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { recordDbQuery } from '../metrics';

type AnyFunction = (...args: never[]) => unknown;

/** Wraps a query function so each call reports how long it took: callback or promise, success or failure. */
function timed<Query extends AnyFunction>(query: Query, target: unknown): Query {
	const original = query as unknown as (...args: unknown[]) => unknown;
	return function timedQuery(...args: unknown[]) {
		const started = performance.now();
		const done = () => recordDbQuery(performance.now() - started);
		const last = args.length - 1;
		const callback = args[last];
		if (typeof callback === 'function') {
			args[last] = (...results: unknown[]) => {
				done();
				return callback(...results);
			};
			return original.apply(target, args);
		}
		const result = original.apply(target, args);
		// Observed on the side: the caller still gets (and handles) the original promise.
		if (result instanceof Promise) result.then(done, done);
		return result;
	} as unknown as Query;
}

/** Times the statements of every connection the pool opens (pool.query runs on one of them too). */
export function timePoolQueries(pool: pg.Pool): void {
	pool.on('connect', (client) => {
		client.query = timed(client.query, client);
	});
}

/** Times PGlite's statements, those of its transactions included. */
export function timePgliteQueries(client: PGlite): void {
	client.query = timed(client.query, client);
	client.exec = timed(client.exec, client);
	const transaction = client.transaction.bind(client);
	client.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
		transaction((tx) => {
			tx.query = timed(tx.query, tx);
			tx.exec = timed(tx.exec, tx);
			return callback(tx);
		});
}
